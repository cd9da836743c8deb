"""Backup and restore of the whole site: the PostgreSQL database and the uploaded files, in one
archive that also says what it holds, so a restore can prove it is complete.

The archive (`.tar`) holds:
- `database.dump`: `pg_dump --format=custom` of one database snapshot;
- `media/...`: every file a row of that snapshot refers to (a FileField), and the files derived
  from it that no row names (an article cover's renditions: a field that has them says which,
  `derived_names`), each read through the site's storage (`default_storage`): the media folder
  and an S3 bucket alike;
- `manifest.json`: when, the row count of every table, and every file (name, size, SHA-256),
  all from that same snapshot. It is written last (older archives have it first; both read).

Restore writes the files back through the storage, and verifies through it. Used by
`manage.py backup` and `manage.py restore` (see README, "Backup and restore").
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
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
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
    """Every FileField (and ImageField) column of the project's concrete models; `width` is
    the column a field with derived files needs to name them (`derived_names`)."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                width = getattr(f, "width_field", None) if hasattr(f, "derived_names") else None
                columns.append(
                    {
                        "label": f"{model._meta.label}.{f.name}",
                        "table": model._meta.db_table,
                        "column": f.column,
                        "width": model._meta.get_field(width).column if width else None,
                    }
                )
    return columns


def _derived(label: str, name: str, width) -> list[str]:
    """The files derived from `name` that no row names, as its field says (`derived_names`)."""
    app_model, _dot, field_name = label.rpartition(".")
    try:
        field = apps.get_model(app_model)._meta.get_field(field_name)
    except LookupError:
        return []
    derived_names = getattr(field, "derived_names", None)
    return list(derived_names(name, width=width)) if derived_names else []


def storage_for(media_root=None):
    """Where the files are: the site's storage, or the folder `media_root` instead."""
    if media_root:
        return FileSystemStorage(location=Path(media_root))
    return default_storage


def _open_stored(storage, name):
    """The stored file opened for reading, or None when the storage has no such file. A
    bucket answers "forbidden" rather than "not found" to a key that may not list it, so both
    mean missing here."""
    try:
        return storage.open(name, "rb")
    except FileNotFoundError:
        return None
    except Exception as error:  # botocore's ClientError, without importing it
        status = getattr(error, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status in (403, 404):
            return None
        raise


def _digest(stored, sink=None) -> tuple[int, str]:
    """(size, SHA-256) of an open stored file, read once in chunks; copied to `sink` too."""
    digest, size = hashlib.sha256(), 0
    for chunk in stored.chunks():
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return size, digest.hexdigest()


def _table_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _referenced_files(cursor, columns) -> list[tuple[str, str, int | None]]:
    """(field label, file name, width) of every non-empty file reference, in a stable order;
    the width only for fields with derived files."""
    refs = []
    for col in columns:
        width = sql.Identifier(col["width"]) if col.get("width") else sql.SQL("NULL")
        cursor.execute(
            sql.SQL("SELECT {c}, {w} FROM {t} WHERE {c} <> '' ORDER BY {c}").format(
                c=sql.Identifier(col["column"]), w=width, t=sql.Identifier(col["table"])
            )
        )
        refs += [(col["label"], name, w) for name, w in cursor.fetchall()]
    return refs


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
    """Write the archive; return its manifest. Files the database refers to but the storage
    lacks are listed in the manifest under `missing` (the archive is still written: a site
    with one lost file still needs its backup); the command then fails loudly. A derived file
    that is not there (a rendition never made) is simply not archived."""
    storage = storage_for(media_root)
    dsn, env = connection_params()
    columns = file_columns()
    archive = Path(archive)
    partial = archive.with_name(archive.name + ".part")
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
                with tarfile.open(partial, "w") as tar:
                    tar.add(dump, arcname="database.dump")
                    files, missing = _archive_files(tar, storage, refs)
                    manifest = {
                        "format": FORMAT,
                        "created": datetime.datetime.now(datetime.UTC).isoformat(
                            timespec="seconds"
                        ),
                        "tables": counts,
                        "file_columns": columns,
                        "files": files,
                        "missing": missing,
                    }
                    data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                    info = tarfile.TarInfo("manifest.json")
                    info.size, info.mtime = len(data), int(time.time())
                    tar.addfile(info, io.BytesIO(data))
        # Only a complete archive gets the final name.
        os.replace(partial, archive)
    finally:
        conn.close()
        partial.unlink(missing_ok=True)
    return manifest


def _archive_files(tar, storage, refs) -> tuple[list, list]:
    """Copy every referenced file, and the files derived from it, from the storage into the
    tar under `media/`, each read once (size and checksum on the way)."""
    wanted = []
    for label, name, width in refs:
        wanted.append((label, name, None))
        wanted += [(label, derived, name) for derived in _derived(label, name, width)]
    files, missing, seen = [], [], set()
    for label, name, derived_from in wanted:
        if name in seen:
            continue
        seen.add(name)
        stored = _open_stored(storage, name)
        if stored is None:
            if derived_from is None:
                missing.append({"field": label, "name": name})
            continue
        with stored, tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as copy:
            size, sha256 = _digest(stored, sink=copy)
            copy.seek(0)
            info = tarfile.TarInfo(f"media/{name}")
            info.size, info.mtime = size, int(time.time())
            tar.addfile(info, copy)
        entry = {"field": label, "name": name, "size": size, "sha256": sha256}
        if derived_from is not None:
            entry["derived_from"] = derived_from
        files.append(entry)
    return files, missing


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        try:
            member = tar.extractfile("manifest.json")
        except KeyError:
            member = None
        if member is None:
            raise BackupError("The archive has no manifest.json: not a portal backup.")
        manifest = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError("Unknown backup format.")
    return manifest


def _media_members(tar) -> list:
    """(name, member) of the archive's files under `media/`, refusing anything that is not a
    plain file with a plain relative name."""
    members = []
    for member in tar.getmembers():
        if not member.name.startswith("media/") or member.isdir():
            continue
        name = member.name.removeprefix("media/")
        if not member.isfile() or name.startswith("/") or ".." in name.split("/"):
            raise BackupError(f"The archive holds an unsafe entry: {member.name}")
        members.append((name, member))
    return members


def _refuse_non_empty(storage, names):
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"The media folder {root} is not empty.")
    # Whatever the storage (a bucket cannot always be listed): never overwrite a file.
    present = next((name for name in names if storage.exists(name)), None)
    if present:
        raise BackupError(
            f"The media storage already holds {present}, a file of the archive. Restore only "
            "into an empty media folder or bucket."
        )


def restore(archive: Path, *, database_url=None, media_root=None) -> Report:
    """Restore into an EMPTY database and an empty media storage (the site's, or the folder
    `media_root`), then verify. Files are written back through the storage."""
    archive = Path(archive)
    storage = storage_for(media_root)
    manifest = read_manifest(archive)
    dsn, env = connection_params(database_url)
    with psycopg.connect(dsn, password=env.get("PGPASSWORD")) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(
                "The target database is not empty. Restore only into a new, empty database "
                "(createdb), never over a live one."
            )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp, tarfile.open(archive) as tar:
        members = _media_members(tar)
        _refuse_non_empty(storage, [name for name, _member in members])
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
        for name, member in members:
            with tar.extractfile(member) as data:
                content = File(data, name=name)
                content.size = member.size  # (File would look for a file of that name on disk)
                saved = storage.save(name, content)
            if saved != name:
                raise BackupError(f"The storage stored {name} as {saved}: restore stopped.")
    return verify(manifest, database_url=database_url, media_root=media_root)


def verify(manifest: dict, *, database_url=None, media_root=None) -> Report:
    """Compare a database and the media storage with a manifest: every table's row count,
    and every file the database refers to (with each derived file the backup held) present
    in the storage with the recorded size and checksum."""
    storage = storage_for(media_root)
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
    derived = {}
    for entry in manifest["files"]:
        if entry.get("derived_from"):
            derived.setdefault(entry["derived_from"], []).append(entry["name"])
    lost_before = {f["name"] for f in manifest.get("missing", [])}
    expected = [(label, name) for label, name, _width in refs]
    expected += [(label, d) for label, name, _width in refs for d in derived.get(name, [])]
    report.files_expected = len(expected)
    for label, name in expected:
        stored = _open_stored(storage, name)
        if stored is None:
            if name in lost_before:
                report.missing_at_backup.append(f"{label}: {name}")
            else:
                report.problems.append(f"{label}: {name} is missing")
            continue
        with stored:
            size, sha256 = _digest(stored)
        entry = recorded.get(name)
        if entry and (size != entry["size"] or sha256 != entry["sha256"]):
            report.problems.append(f"{label}: {name} differs from the backup")
        else:
            report.files_found += 1
    return report
