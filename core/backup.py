"""Backup and restore of the whole site: the PostgreSQL database and the media folder, in one
archive that also says what it holds, so a restore can prove it is complete.

The archive (`.tar`) holds:
- `manifest.json`: when, the row count of every table, and every file a FileField refers to
  (name, size, SHA-256), all read in the same database snapshot as the dump;
- `database.dump`: `pg_dump --format=custom` of that snapshot;
- `media/...`: the media folder.

Used by `manage.py backup` and `manage.py restore` (see README, "Backup and restore").
"""

import datetime
import glob
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import models
from psycopg import sql
from psycopg.conninfo import make_conninfo

FORMAT = 1
DJANGO_ONLY_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role"}


class BackupError(Exception):
    pass


def pg_binary(name: str) -> str:
    """`pg_dump`/`pg_restore` from PG_BIN, the newest /usr/lib/postgresql/*/bin, or PATH."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]) / name)
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    candidates += [Path(p) / name for p in reversed(versions)]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found: install postgresql-client or set PG_BIN.")
    return found


def connection_params(database_url: str | None = None) -> tuple[str, dict]:
    """A libpq connection string without the password, and the environment carrying it
    (PGPASSWORD), for the configured database or for `database_url`."""
    if database_url:
        import environ

        config = environ.Env.db_url_config(database_url)
    else:
        config = settings.DATABASES["default"]
    if "postgresql" not in config["ENGINE"]:
        raise BackupError("Backup and restore need PostgreSQL (DATABASE_URL=postgres://...).")
    # libpq parameters given as ?host=/run/postgresql&sslmode=... land in OPTIONS.
    params = {
        key: str(value)
        for key, value in (config.get("OPTIONS") or {}).items()
        if key not in DJANGO_ONLY_OPTIONS and isinstance(value, (str, int))
    }
    params |= {
        "dbname": config.get("NAME") or None,
        "user": config.get("USER") or None,
        "host": config.get("HOST") or params.get("host"),
        "port": str(config.get("PORT") or "") or None,
    }
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return make_conninfo(**{k: v for k, v in params.items() if v}), env


def file_columns() -> list[dict]:
    """Every FileField (and ImageField) column of the project's concrete models."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                columns.append(
                    {
                        "label": f"{model._meta.label}.{f.name}",
                        "table": model._meta.db_table,
                        "column": f.column,
                    }
                )
    return columns


def _table_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _referenced_files(cursor, columns) -> list[tuple[str, str]]:
    """(field label, file name) of every non-empty file reference, in a stable order."""
    refs = []
    for col in columns:
        cursor.execute(
            sql.SQL("SELECT {c} FROM {t} WHERE {c} <> '' ORDER BY {c}").format(
                c=sql.Identifier(col["column"]), t=sql.Identifier(col["table"])
            )
        )
        refs += [(col["label"], row[0]) for row in cursor.fetchall()]
    return refs


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Report:
    """What a backup or restore saw: per table, rows; per referenced file, whether it is there."""

    tables: dict = field(default_factory=dict)  # table -> (expected, found)
    files_expected: int = 0
    files_found: int = 0
    problems: list = field(default_factory=list)
    missing_at_backup: list = field(default_factory=list)  # already lost when backed up

    @property
    def ok(self):
        return not self.problems


def backup(archive: Path, media_root: Path | None = None) -> dict:
    """Write the archive; return its manifest. Files the database refers to but the media
    folder lacks are listed in the manifest under `missing` (the archive is still written: a
    site with one lost file still needs its backup); the command then fails loudly."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    dsn, env = connection_params()
    columns = file_columns()
    conn = psycopg.connect(dsn, password=env.get("PGPASSWORD"))
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            # pg_dump reads the very snapshot the counts and file list come from.
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _table_counts(cursor)
            refs = _referenced_files(cursor, columns)
            with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
                dump = Path(tmp) / "database.dump"
                subprocess.run(  # noqa: S603 - fixed argument list, no shell
                    [
                        pg_binary("pg_dump"),
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        "--no-owner",
                        "--no-privileges",
                        f"--file={dump}",
                        f"--dbname={dsn}",
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                files, missing = [], []
                for label, name in refs:
                    path = media_root / name
                    if not path.is_file():
                        missing.append({"field": label, "name": name})
                        continue
                    files.append(
                        {
                            "field": label,
                            "name": name,
                            "size": path.stat().st_size,
                            "sha256": _sha256(path),
                        }
                    )
                manifest = {
                    "format": FORMAT,
                    "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    "tables": counts,
                    "file_columns": columns,
                    "files": files,
                    "missing": missing,
                }
                _write_archive(archive, manifest, dump, media_root)
    finally:
        conn.close()
    return manifest


def _write_archive(archive: Path, manifest: dict, dump: Path, media_root: Path) -> None:
    archive = Path(archive)
    partial = archive.with_name(archive.name + ".part")
    with tarfile.open(partial, "w") as tar:
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        info.mtime = int(time.time())
        tar.addfile(info, io.BytesIO(data))
        tar.add(dump, arcname="database.dump")
        if media_root.is_dir():
            tar.add(media_root, arcname="media")
    # Only a complete archive gets the final name.
    os.replace(partial, archive)


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("The archive has no manifest.json: not a portal backup.")
        manifest = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError("Unknown backup format.")
    return manifest


def restore(archive: Path, *, database_url=None, media_root=None) -> Report:
    """Restore into an EMPTY database and an empty (or absent) media folder, then verify."""
    archive = Path(archive)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(archive)
    dsn, env = connection_params(database_url)
    with psycopg.connect(dsn, password=env.get("PGPASSWORD")) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(
                "The target database is not empty. Restore only into a new, empty database "
                "(createdb), never over a live one."
            )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"The media folder {media_root} is not empty.")

    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp, tarfile.open(archive) as tar:
        tar.extract("database.dump", tmp, filter="data")
        subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [
                pg_binary("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={dsn}",
                str(Path(tmp) / "database.dump"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        media_root.mkdir(parents=True, exist_ok=True)
        for member in tar.getmembers():
            if member.name.startswith("media/"):
                member.name = member.name.removeprefix("media/")
                tar.extract(member, media_root, filter="data")
    return verify(manifest, database_url=database_url, media_root=media_root)


def verify(manifest: dict, *, database_url=None, media_root=None) -> Report:
    """Compare a database and media folder with a manifest: every table's row count, and
    every file the database refers to present with the recorded size and checksum."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    report = Report()
    dsn, env = connection_params(database_url)
    conn = psycopg.connect(dsn, password=env.get("PGPASSWORD"))
    try:
        with conn.cursor() as cursor:
            found = _table_counts(cursor)
            refs = _referenced_files(cursor, manifest["file_columns"])
    finally:
        conn.close()
    for table in sorted(set(manifest["tables"]) | set(found)):
        expected, got = manifest["tables"].get(table), found.get(table)
        report.tables[table] = (expected, got)
        if expected != got:
            report.problems.append(f"table {table}: {expected} rows in the backup, {got} now")
    recorded = {f["name"]: f for f in manifest["files"]}
    lost_before = {f["name"] for f in manifest.get("missing", [])}
    report.files_expected = len(refs)
    for label, name in refs:
        path = media_root / name
        entry = recorded.get(name)
        if not path.is_file() and name in lost_before:
            report.missing_at_backup.append(f"{label}: {name}")
        elif not path.is_file():
            report.problems.append(f"{label}: {name} is missing")
        elif entry and (path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]):
            report.problems.append(f"{label}: {name} differs from the backup")
        else:
            report.files_found += 1
    return report
