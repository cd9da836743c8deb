import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.images import CoverImageValidator, rendition_name
from tests.news.factories import ArticleFactory

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
    settings.NEWS_IMAGE_MAX_PIXELS = 1000 * 1000
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
