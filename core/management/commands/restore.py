"""manage.py restore ARCHIVE.tar: into an empty database and media storage, then verified."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive into an EMPTY database and media storage (the "
        "site's media folder or S3 bucket, written through the storage), then check every "
        "table's row count and that every stored file exists and is intact."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--database-url",
            help="Restore into this (empty) database instead of DATABASE_URL.",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="Restore files into this folder instead of the site's storage.",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Restore nothing: only compare the database and media with the archive.",
        )

    def handle(self, *args, archive, database_url, media_root, verify_only, **options):
        try:
            if verify_only:
                report = backup.verify(
                    backup.read_manifest(archive), database_url=database_url, media_root=media_root
                )
            else:
                report = backup.restore(archive, database_url=database_url, media_root=media_root)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            raise CommandError(
                f"pg_restore failed: {error.stderr.decode(errors='replace')}"
            ) from error
        width = max((len(t) for t in report.tables), default=5)
        self.stdout.write(f"{'table':<{width}}  {'backup':>7}  {'restored':>8}")
        for table, (expected, found) in report.tables.items():
            mark = "" if expected == found else "  MISMATCH"
            self.stdout.write(f"{table:<{width}}  {expected!s:>7}  {found!s:>8}{mark}")
        self.stdout.write(
            f"files referenced by the database: {report.files_expected}, "
            f"present and intact: {report.files_found}"
        )
        for lost in report.missing_at_backup:
            self.stdout.write(self.style.WARNING(f"already missing when backed up: {lost}"))
        if not report.ok:
            raise CommandError("Restore check FAILED:\n" + "\n".join(report.problems))
        self.stdout.write(self.style.SUCCESS("Restore check passed."))
