import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.demo import minimal_pdf
from news.images import CoverImageValidator, rendition_name
from news.models import Article, Attachment
from tests import pdfs, pictures
from tests.factories import center_staff
from tests.news.factories import ArticleFactory
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db


def photo(size=(1600, 1200), fmt="JPEG", exif=True):
    image = Image.new("RGB", size, (30, 120, 60))
    buf = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        gps = {1: "N", 2: (21.0, 30.0, 0.0), 3: "E", 4: (105.0, 55.0, 0.0)}
        data[0x8825] = gps  # GPSInfo
        kwargs["exif"] = data.tobytes()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.jpg", b"<html><body><script>alert(1)</script></body></html>"),
        ("anh.png", photo(fmt="PNG") + b"<script>alert(1)</script>"),
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("anh.jpg", b"%PDF-1.4 not a photo"),
        ("anh.gif", b"GIF89a" + b"\x00" * 50),
    ],
)
def test_files_that_are_not_photos_are_refused(name, data):
    with pytest.raises(ValidationError):
        CoverImageValidator()(upload(name, data))


def test_an_oversized_image_is_refused_before_decoding(settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "picture_megapixels": 1}
    with pytest.raises(ValidationError, match=r"too large|quá lớn"):
        CoverImageValidator()(upload("to.png", photo(size=(1200, 1000), fmt="PNG")))


def test_a_real_photo_is_accepted_whatever_its_name():
    CoverImageValidator()(upload("anh-chup.png", photo()))  # a JPEG named .png


def test_cover_is_reencoded_without_exif_and_rendered_once():
    article = ArticleFactory(cover=upload("IMG_0001.jpg", photo()))
    storage, name = article.cover.storage, article.cover.name
    assert "IMG_0001" not in name and name.startswith("news/covers/")
    with storage.open(name) as fh, Image.open(fh) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert (article.cover_width, article.cover_height) == (1600, 1200)
    for suffix in ("w360.webp", "w360.jpg", "w720.webp", "w1080.jpg"):
        assert storage.exists(rendition_name(name, suffix))
    with storage.open(rendition_name(name, "og.jpg")) as fh, Image.open(fh) as og:
        assert og.size == (1200, 630)


def test_page_serves_responsive_lazy_pictures_with_sizes(client):
    ArticleFactory(title="Có ảnh", cover=upload("a.jpg", photo()), cover_alt="Lớp học nghề")
    html = client.get("/tin-tuc/").content.decode()
    assert '<source type="image/webp" srcset="/media/news/covers/' in html
    assert "-w360.webp 360w" in html and "-w1080.webp 1080w" in html
    assert 'width="1600" height="1200"' in html
    assert 'loading="lazy"' in html and "sizes=" in html


@pytest.mark.parametrize(
    ("size", "widths"),
    [
        ((1600, 1200), [360, 720, 1080]),  # wider than the largest rendition
        ((1080, 720), [360, 720, 1080]),
        ((800, 600), [360, 720, 800]),
        ((300, 200), [300]),
    ],
)
def test_srcset_lists_each_rendition_once(client, size, widths):
    """The Nu HTML checker refuses a `srcset` that names one width twice."""
    ArticleFactory(cover=upload("a.jpg", photo(size=size)), cover_alt="Lớp học nghề")
    html = client.get("/tin-tuc/").content.decode()
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    assert len(srcsets) == 2  # WebP and JPEG
    for srcset in srcsets:
        assert [int(c.rsplit(" ", 1)[1].rstrip("w")) for c in srcset.split(", ")] == widths


def test_link_preview_image_is_the_1200x630_rendition(client):
    article = ArticleFactory(cover=upload("a.jpg", photo()))
    html = client.get(article.get_absolute_url()).content.decode()
    og = rendition_name(article.cover.name, "og.jpg")
    assert f'<meta property="og:image" content="http://testserver/media/{og}">' in html


def test_small_photos_are_not_upscaled():
    article = ArticleFactory(cover=upload("nho.jpg", photo(size=(500, 300))))
    storage, name = article.cover.storage, article.cover.name
    assert storage.exists(rendition_name(name, "w360.webp"))
    assert storage.exists(rendition_name(name, "w500.webp"))
    assert not storage.exists(rendition_name(name, "w720.webp"))


# --- Nothing that identifies people survives (issue 12, items 4 and 5) --------------------------

ADD_URL = "/admin/news/article/add/"


def stored(storage, name) -> bytes:
    with storage.open(name) as fh:
        return fh.read()


@pytest.fixture
def staff_client(client):
    client.force_login(center_staff())
    return client


def test_cover_and_every_rendition_are_stored_without_metadata_and_in_srgb(staff_client):
    cover = upload("IMG_0001.jpg", pictures.dirty_jpeg())
    response = staff_client.post(ADD_URL, form_data(cover=cover, cover_alt="Lớp học nghề"))
    assert response.status_code == 302
    article = Article.objects.get()
    storage, name = article.cover.storage, article.cover.name
    suffixes = [f"w{w}.{ext}" for w in (360, 720, 1080) for ext in ("webp", "jpg")] + ["og.jpg"]
    for path in [name] + [rendition_name(name, suffix) for suffix in suffixes]:
        data = stored(storage, path)
        pictures.assert_clean(data, path)
        # Drawn red under a profile whose red is sRGB's green: converted, it is green.
        assert pictures.looks_green(data), path


def test_a_png_cover_loses_its_text_chunks_and_profile():
    article = ArticleFactory(cover=upload("so-do.png", pictures.dirty_png()))
    data = stored(article.cover.storage, article.cover.name)
    pictures.assert_clean(data, "cover")
    assert pictures.looks_green(data)
    og = stored(article.cover.storage, rendition_name(article.cover.name, "og.jpg"))
    pictures.assert_clean(og, "og")


def attachment_form(name, data, **overrides):
    return form_data(
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Ảnh hiện trường",
            "attachments-0-file": upload(name, data),
            "attachments-0-order": "0",
        },
        **overrides,
    )


@pytest.mark.parametrize(
    ("name", "build", "kind"),
    [
        ("anh-hien-truong.jpg", pictures.dirty_jpeg, "JPEG"),
        ("so-do.png", pictures.dirty_png, "PNG"),
    ],
)
def test_a_picture_attached_to_an_article_is_stored_without_its_gps_position(
    staff_client, name, build, kind
):
    response = staff_client.post(ADD_URL, attachment_form(name, build()))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    data = stored(attachment.file.storage, attachment.file.name)
    pictures.assert_clean(data, name)
    assert pictures.looks_green(data)
    assert attachment.kind == kind and attachment.size == len(data)
    # Markup after the first 2 KB, less obvious than a <script>: gone with the re-encoding.
    tail = b'<a href="javascript:alert(1)"><img src=x onerror=alert(1)></a>'
    response = staff_client.post(
        ADD_URL, attachment_form(name, build(tail=tail), title="Bài thứ hai")
    )
    assert response.status_code == 302
    second = Attachment.objects.get(article__title="Bài thứ hai")
    data = stored(second.file.storage, second.file.name)
    assert b"onerror" not in data and b"javascript:" not in data


LONG = "Kế hoạch tổ chức lớp bồi dưỡng kiến thức pháp luật cho người dân xã Tiên Tân năm 2026 "


@pytest.mark.parametrize("length", [101, 150, 255])
def test_an_attachment_with_a_long_file_name_is_accepted(staff_client, length):
    name = (LONG * 4)[: length - 4] + ".pdf"
    assert len(name) == length
    response = staff_client.post(ADD_URL, attachment_form(name, minimal_pdf(["Ke hoach"])))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == "PDF"
    assert len(attachment.file.name) < 70 and "Kế hoạch" not in attachment.file.name


def test_a_pdf_with_javascript_attached_to_an_article_is_refused(staff_client, settings):
    response = staff_client.post(
        ADD_URL, attachment_form("ke-hoach.pdf", pdfs.javascript_on_open(compress=True))
    )
    assert response.status_code == 200
    assert "mã tự chạy khi mở" in response.content.decode()
    assert not Article.objects.exists() and not Attachment.objects.exists()
