"""Retention: erase names and phones left in learning-needs survey answers some years old.

Run it daily with `erase_expired_learners` (deploy/systemd/tientan-retention.service), with the
same period (DJANGO_LEARNER_RETENTION_YEARS). The answers themselves stay and keep counting.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from survey.services import survey_contacts_erase_expired, survey_contacts_past_retention


class Command(BaseCommand):
    help = "Erase names and phones in survey answers older than N years."

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
            count = survey_contacts_past_retention(years=years).count()
            self.stdout.write(f"{count} survey contact(s) would be erased.")
            return
        # Only a count: never a name in a log line.
        count = survey_contacts_erase_expired(years=years)
        self.stdout.write(f"Erased the contact details of {count} survey answer(s).")
