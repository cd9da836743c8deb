"""Retention: erase learners' personal data some years after their classes ended.

Run it daily from cron or a systemd timer (see README). Names, phones, birth years, hamlets
and guardians are erased; enrollments stay, anonymous, so every count keeps its value. The
survey's contacts are erased by its own command, `erase_expired_survey_contacts`, run with this.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from attendance.services import learners_erase_expired, learners_past_retention


class Command(BaseCommand):
    help = "Erase personal data of learners whose classes ended more than N years ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="Retention in years (default: DJANGO_LEARNER_RETENTION_YEARS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, years=None, dry_run=False, **options):
        years = settings.LEARNER_RETENTION_YEARS if years is None else years
        if dry_run:
            count = learners_past_retention(years=years).count()
            self.stdout.write(f"{count} learner(s) past {years} year(s) would be erased.")
            return
        count = learners_erase_expired(years=years)
        # Only a count: never a name in a log line.
        self.stdout.write(f"Erased the personal data of {count} learner(s) (retention {years} y).")
