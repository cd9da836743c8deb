"""manage.py backup / restore: a round trip through an empty database proves the archive is
complete, and the check catches what a broken restore would hide."""

import io
import uuid
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from psycopg import sql

from core.backup import connection_params
from disclosures.models import DisclosureDocument
from news.models import Article
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.disclosures.factories import DocumentFactory
from tests.news.factories import ArticleFactory


def _url(name):
    db = settings.DATABASES["default"]
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        return f"postgres://{auth}@{port}/{name}?host={quote(host)}"
    return f"postgres://{auth}@{host}{port}/{name}"


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:8]}"
    dsn, env = connection_params()
    admin = psycopg.connect(dsn, dbname="postgres", password=env.get("PGPASSWORD"), autocommit=True)
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_every_row_and_file(tmp_path, empty_database):
    ensure_organizations(Organization)
    documents = DocumentFactory.create_batch(3)
    ArticleFactory.create_batch(2)
    archive = tmp_path / "portal.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "3 referenced files" in out.getvalue()

    restored_media = tmp_path / "restored-media"
    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=_url(empty_database),
        media_root=str(restored_media),
        stdout=out,
    )
    report = out.getvalue()
    assert "Restore check passed." in report
    assert "files referenced by the database: 3, present and intact: 3" in report
    table = DisclosureDocument._meta.db_table
    assert any(line.split()[:3] == [table, "3", "3"] for line in report.splitlines())
    assert any(
        line.split()[:3] == [Article._meta.db_table, "2", "2"] for line in report.splitlines()
    )
    for document in documents:
        assert (restored_media / document.file.name).read_bytes() == document.file.read()

    # Never over a database that has data.
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore",
            str(archive),
            database_url=_url(empty_database),
            media_root=str(tmp_path / "elsewhere"),
            stdout=io.StringIO(),
        )

    # A lost or altered file, or a lost row, is reported.
    (restored_media / documents[0].file.name).unlink()
    (restored_media / documents[1].file.name).write_bytes(b"%PDF-1.4 changed")
    dsn, env = connection_params()
    conn = psycopg.connect(dsn, dbname=empty_database, password=env.get("PGPASSWORD"))
    with conn, conn.cursor() as cursor:
        table = Article._meta.db_table
        cursor.execute(
            sql.SQL("DELETE FROM {t} WHERE id = (SELECT min(id) FROM {t})").format(
                t=sql.Identifier(table)
            )
        )
    conn.close()
    with pytest.raises(CommandError) as failed:
        call_command(
            "restore",
            str(archive),
            database_url=_url(empty_database),
            media_root=str(restored_media),
            verify_only=True,
            stdout=io.StringIO(),
        )
    message = str(failed.value)
    assert f"{documents[0].file.name} is missing" in message
    assert f"{documents[1].file.name} differs from the backup" in message
    assert f"table {Article._meta.db_table}: 2 rows in the backup, 1 now" in message


@pytest.mark.django_db
def test_backup_refuses_to_overwrite_an_archive(tmp_path):
    archive = tmp_path / "portal.tar"
    archive.write_bytes(b"earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == b"earlier backup"


@pytest.mark.django_db(transaction=True)
def test_a_file_lost_before_the_backup_is_reported_but_the_backup_is_kept(
    tmp_path, settings, empty_database
):
    ensure_organizations(Organization)
    kept, lost = DocumentFactory.create_batch(2)
    (settings.MEDIA_ROOT / lost.file.name).unlink()
    archive = tmp_path / "portal.tar"
    with pytest.raises(CommandError, match="1 files the database refers to are missing") as error:
        call_command("backup", str(archive), stdout=io.StringIO())
    assert lost.file.name in str(error.value)
    assert archive.is_file()

    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=_url(empty_database),
        media_root=str(tmp_path / "restored"),
        stdout=out,
    )
    report = out.getvalue()
    assert (
        f"already missing when backed up: disclosures.DisclosureDocument.file: {lost.file.name}"
        in report
    )
    assert "files referenced by the database: 2, present and intact: 1" in report
    assert (tmp_path / "restored" / kept.file.name).is_file()


@pytest.mark.django_db(transaction=True)
def test_a_covers_renditions_are_backed_up_restored_and_checked(tmp_path, settings, empty_database):
    """No row names an article cover's renditions (`<cover>-w360.webp`…): the cover's field
    says which files derive from it, so they are in the archive, back after a restore, and a
    damaged one is reported."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.images import rendition_names
    from tests.news.test_images import photo

    article = ArticleFactory(cover=SimpleUploadedFile("anh.jpg", photo(size=(800, 600))))
    renditions = rendition_names(article.cover.name, article.cover_width)
    assert any("-w800." in name for name in renditions)  # as wide as the cover itself
    archive = tmp_path / "portal.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"1 referenced files (and {len(renditions)} derived from them)" in out.getvalue()

    restored = tmp_path / "restored-media"
    out = io.StringIO()
    call_command(
        "restore", str(archive), database_url=_url(empty_database), media_root=str(restored),
        stdout=out,
    )  # fmt: skip
    assert f"present and intact: {1 + len(renditions)}" in out.getvalue()
    for name in [article.cover.name, *renditions]:
        assert (restored / name).read_bytes() == (settings.MEDIA_ROOT / name).read_bytes()

    (restored / renditions[0]).write_bytes(b"not the picture")
    with pytest.raises(CommandError, match=f"{renditions[0]} differs from the backup"):
        call_command(
            "restore", str(archive), database_url=_url(empty_database),
            media_root=str(restored), verify_only=True, stdout=io.StringIO(),
        )  # fmt: skip
