"""Media in S3-compatible object storage (django-storages), against moto's S3 server.

The storage settings come from the production settings module read with DJANGO_S3_*
variables, so what is tested is what a deployment configures."""

import hashlib
import http.client
import io
import json
from urllib.parse import urlsplit

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from disclosures.models import DisclosureDocument
from news.images import WIDTHS, rendition_name
from news.models import Article
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.disclosures.factories import ADD_URL as DOCUMENT_ADD_URL
from tests.disclosures.factories import form_data as document_form
from tests.disclosures.factories import pdf_bytes
from tests.factories import center_staff, school_staff
from tests.news.test_admin import form_data as article_form
from tests.news.test_images import photo
from tests.scaleout import servers

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db]

BUCKET = "tientan-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
KEYS = {"DJANGO_S3_ACCESS_KEY_ID": "moto-key", "DJANGO_S3_SECRET_ACCESS_KEY": "moto-secret"}


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    server, endpoint = servers.start_moto(tmp_path_factory.mktemp("moto"))
    try:
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=KEYS["DJANGO_S3_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["DJANGO_S3_SECRET_ACCESS_KEY"],
            region_name="us-east-1",
        )
        s3.create_bucket(Bucket=BUCKET)
        # As the README asks of a deployment's bucket: anyone may read objects, as anyone
        # may read /media/ from nginx; only the site's key may write.
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        yield endpoint
    finally:
        server.stop()


@pytest.fixture(scope="module")
def s3_env(s3_endpoint):
    return {
        "DJANGO_S3_BUCKET": BUCKET,
        "DJANGO_S3_ENDPOINT_URL": s3_endpoint,
        "DJANGO_S3_REGION": "us-east-1",
        **KEYS,
    }


@pytest.fixture
def s3_storage(settings, s3_env):
    """This process stores uploads exactly as a production process configured by s3_env."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": servers.production_setting("settings.STORAGES['default']", **s3_env),
    }
    from django.core.files.storage import default_storage

    return default_storage


def s3_bucket(endpoint, name=BUCKET):
    """A bucket of moto's server, as its owner (the site's key) sees it."""
    return boto3.resource(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEYS["DJANGO_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["DJANGO_S3_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    ).Bucket(name)


@pytest.fixture
def bucket(s3_endpoint):
    return s3_bucket(s3_endpoint)


def fetch(url):
    """GET a public media URL the way a reader's browser does (no credentials)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", parts.path)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        conn.close()


def test_without_a_bucket_uploads_stay_on_the_filesystem():
    assert servers.production_setting("settings.STORAGES['default']") == {
        "BACKEND": "core.storage.MediaStorage"
    }


def test_a_bucket_selects_s3_and_allows_its_images_in_the_csp(s3_env, s3_endpoint):
    storage = servers.production_setting("settings.STORAGES['default']", **s3_env)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == BUCKET
    assert storage["OPTIONS"]["endpoint_url"] == s3_endpoint
    assert storage["OPTIONS"]["querystring_auth"] is False  # stable URLs in cached pages
    img_src = "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']"
    assert s3_endpoint in servers.production_setting(img_src, **s3_env)
    cdn = servers.production_setting(img_src, DJANGO_S3_CUSTOM_DOMAIN="media.example.vn", **s3_env)
    assert "https://media.example.vn" in cdn and s3_endpoint not in cdn


def test_a_cover_uploaded_in_the_admin_is_stored_and_rendered_in_s3(
    client, s3_storage, bucket, s3_endpoint
):
    client.force_login(center_staff())
    cover = SimpleUploadedFile("IMG_2041.jpg", photo(size=(1600, 1200)))
    response = client.post(
        "/admin/news/article/add/",
        article_form(title="Lớp học nghề mây tre đan", cover=cover, cover_alt="Học viên đan"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    name = article.cover.name
    assert name.startswith("news/covers/") and "IMG_2041" not in name

    # The re-encoded cover and every rendition are objects in the bucket, nothing on disk.
    keys = {obj.key for obj in bucket.objects.filter(Prefix=name.rsplit(".", 1)[0])}
    renditions = {rendition_name(name, f"w{w}.{e}") for w in WIDTHS for e in ("webp", "jpg")}
    assert keys == {name, rendition_name(name, "og.jpg"), *renditions}
    assert not (django_settings.MEDIA_ROOT / "news").exists()
    # Names are never reused, so phones may keep the images for a year.
    assert "immutable" in bucket.Object(rendition_name(name, "w360.jpg")).cache_control

    # The article page links to them in the bucket, and a reader gets real images there.
    html = client.get(article.get_absolute_url()).content.decode()
    url = s3_storage.url(rendition_name(name, "w720.webp"))
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/news/covers/") and url in html
    status, content_type, data = fetch(url)
    assert status == 200 and content_type == "image/webp"
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (720, 540)
    og = s3_storage.url(rendition_name(name, "og.jpg"))
    assert f'content="{og}"' in html
    with Image.open(io.BytesIO(fetch(og)[2])) as image:
        assert image.size == (1200, 630)
        assert not image.getexif()


def test_a_disclosure_document_is_stored_in_s3_and_downloaded_intact(client, s3_storage, bucket):
    ensure_organizations(Organization)
    client.force_login(school_staff())
    data = pdf_bytes("Bao cao tai chinh nam hoc 2025-2026")
    response = client.post(
        DOCUMENT_ADD_URL, document_form(file=SimpleUploadedFile("bao-cao.pdf", data))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = DisclosureDocument.objects.get()
    assert document.file_sha256 == hashlib.sha256(data).hexdigest()
    assert bucket.Object(document.file.name).get()["Body"].read() == data
    # Uploaded as a draft; published once staff confirm (issue 15 item 4).
    confirm = {"action": "publish_selected", "_selected_action": [document.pk], "post": "yes"}
    client.post("/admin/disclosures/disclosuredocument/", confirm)

    client.logout()
    download = client.get(f"/cong-khai/{document.slug}/tai-ve/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == data

    # A file gone from the bucket is a clear 404 for the reader, never a 500.
    bucket.Object(document.file.name).delete()
    assert client.get(f"/cong-khai/{document.slug}/tai-ve/").status_code == 404
