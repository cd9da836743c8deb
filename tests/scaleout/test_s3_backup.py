"""Backup and restore with the uploads in S3-compatible object storage (moto's S3 server):
the archive holds every file read through the storage, and a restore writes them into an
empty bucket through the storage and checks them there."""

import io
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from news.images import rendition_names
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.core.test_backup import _url, empty_database  # noqa: F401 - a fixture
from tests.disclosures.factories import DocumentFactory, pdf_bytes
from tests.news.factories import ArticleFactory
from tests.news.test_images import photo
from tests.scaleout import servers
from tests.scaleout.test_s3_media import (  # noqa: F401 - fixtures among them
    BUCKET,
    s3_bucket,
    s3_endpoint,
    s3_env,
)

pytestmark = [pytest.mark.scaleout]

RESTORED_BUCKET = "tientan-media-restored"


def _use_bucket(settings, s3_env, name):  # noqa: F811
    """This process stores uploads in bucket `name`, configured as production would be."""
    env = {**s3_env, "DJANGO_S3_BUCKET": name}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": servers.production_setting("settings.STORAGES['default']", **env),
    }


def _objects(bucket):
    return {obj.key: obj.get()["Body"].read() for obj in bucket.objects.all()}


@pytest.mark.django_db(transaction=True)
def test_backup_reads_the_bucket_and_restore_fills_an_empty_one(
    tmp_path,
    settings,
    s3_env,  # noqa: F811
    s3_endpoint,  # noqa: F811
    empty_database,  # noqa: F811
):
    source, target = s3_bucket(s3_endpoint), s3_bucket(s3_endpoint, RESTORED_BUCKET)
    target.create()
    for obj in source.objects.all():  # other tests of the module share the server
        obj.delete()
    _use_bucket(settings, s3_env, BUCKET)
    ensure_organizations(Organization)
    documents = [
        DocumentFactory(file__data=pdf_bytes(f"Van ban so {n}"), file__filename="vb.pdf")
        for n in range(2)
    ]
    article = ArticleFactory(cover=SimpleUploadedFile("anh.jpg", photo(size=(1600, 1200))))
    renditions = rendition_names(article.cover.name, article.cover_width)
    stored = _objects(source)
    assert set(stored) == {d.file.name for d in documents} | {article.cover.name, *renditions}
    assert not settings.MEDIA_ROOT.exists()  # nothing on this server's disk

    archive = tmp_path / "portal.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"3 referenced files (and {len(renditions)} derived from them)" in out.getvalue()
    with tarfile.open(archive) as tar:
        archived = {
            m.name.removeprefix("media/"): tar.extractfile(m).read()
            for m in tar.getmembers()
            if m.name.startswith("media/")
        }
    assert archived == stored

    # Never over files already there: the site's own bucket holds them all.
    with pytest.raises(CommandError, match="already holds"):
        call_command(
            "restore", str(archive), database_url=_url(empty_database), stdout=io.StringIO()
        )

    _use_bucket(settings, s3_env, RESTORED_BUCKET)
    out = io.StringIO()
    call_command("restore", str(archive), database_url=_url(empty_database), stdout=out)
    assert "Restore check passed." in out.getvalue()
    assert f"present and intact: {len(stored)}" in out.getvalue()
    assert _objects(target) == stored

    # The check reads the bucket: a lost object and a changed one are reported.
    lost, changed = documents[0].file.name, renditions[0]
    target.Object(lost).delete()
    target.put_object(Key=changed, Body=b"not the picture")
    with pytest.raises(CommandError) as failed:
        call_command(
            "restore",
            str(archive),
            database_url=_url(empty_database),
            verify_only=True,
            stdout=io.StringIO(),
        )
    assert f"{lost} is missing" in str(failed.value)
    assert f"{changed} differs from the backup" in str(failed.value)
