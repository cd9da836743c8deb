"""manage.py backup ARCHIVE.tar: the database and the uploaded files in one archive."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump, custom format) and every uploaded file it refers to, "
        "read through the site's storage (media folder or S3 bucket), into one archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Where to write, e.g. portal-2026-01-31.tar")

    def handle(self, *args, archive, **options):
        if archive.exists():
            raise CommandError(f"{archive} already exists; choose a new name.")
        try:
            manifest = backup.backup(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            raise CommandError(
                f"pg_dump failed: {error.stderr.decode(errors='replace')}"
            ) from error
        rows = sum(manifest["tables"].values())
        derived = sum(1 for f in manifest["files"] if f.get("derived_from"))
        self.stdout.write(
            f"Backup written to {archive}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files']) - derived} referenced files (and {derived} derived from "
            f"them), {archive.stat().st_size} bytes."
        )
        if manifest["missing"]:
            lost = [f"{m['field']}: {m['name']}" for m in manifest["missing"]]
            # Non-zero exit, so a cron job's mail says so; the archive is kept all the same.
            raise CommandError(
                f"{len(lost)} files the database refers to are missing from the media storage "
                "(recorded in the archive's manifest):\n" + "\n".join(lost)
            )
