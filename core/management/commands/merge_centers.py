"""Merge one center into another, as communes were merged in 2025:

    manage.py merge_centers --from tien-hai --into tien-tan [--dry-run]

Everything of the first center becomes the second's, with its history; its host names and
old addresses keep leading readers to the right page (core.merging). Run it as the hosting
operator, with no center current.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from core.merging import MergeRefusedError, merge_centers, plan_merge
from core.models import Center


class Command(BaseCommand):
    help = "Merge a center into another (commune mergers): its rows, staff and addresses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="source", required=True, help="Short name of the center that joins."
        )
        parser.add_argument(
            "--into", dest="target", required=True, help="Short name of the center it joins."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would happen; change nothing."
        )

    def handle(self, *args, source, target, dry_run=False, **options):
        source, target = self._center(source), self._center(target)
        if dry_run:
            with transaction.atomic():  # one consistent reading of both centers
                plan = plan_merge(source, target)
            if plan.problems:
                raise CommandError("\n".join(plan.problems))
            self._print(plan)
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        try:
            plan = merge_centers(source, target)
        except MergeRefusedError as refused:
            raise CommandError("\n".join(refused.problems)) from None
        self._print(plan)
        self.stdout.write(
            self.style.SUCCESS(
                _("Done: %(source)s is now part of %(target)s; its addresses lead there.")
                % {"source": source.name, "target": target.name}
            )
        )

    def _center(self, slug):
        try:
            return Center.objects.get(slug=slug)
        except Center.DoesNotExist:
            raise CommandError(
                _("No center has the short name “%(slug)s”.") % {"slug": slug}
            ) from None

    def _print(self, plan):
        for line in plan.describe():
            self.stdout.write(line)
