"""A class's cover goes through the same picture check and intake as an article's (issue 12,
item 4): checked by content within the pixel budget, stored re-encoded without metadata."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from classes.models import Course
from tests import pictures
from tests.classes.factories import CourseFactory
from tests.factories import center_staff

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/classes/course/add/"


def course_form(**overrides):
    data = {
        "title": "Lớp trồng nấm rơm",
        "kind": "technical",
        "description": "",
        "start_date": "10/12/2026",
        "end_date": "30/12/2026",
        "status": "published",
        "published_at_0": "01/12/2026",
        "published_at_1": "08:00",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def huge_png(width=10_000, height=5_000) -> bytes:
    """A few hundred bytes that declare 50 million pixels (the budget is 40 million)."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.fixture
def staff_client(client):
    client.force_login(center_staff())
    return client


def test_a_class_cover_is_stored_re_encoded_without_metadata_in_srgb(staff_client):
    cover = SimpleUploadedFile("IMG_2024.jpg", pictures.dirty_jpeg(size=(2400, 1800)))
    response = staff_client.post(ADD_URL, course_form(cover=cover))
    assert response.status_code == 302, response.content.decode()[:3000]
    course = Course.objects.get()
    with course.cover.open("rb") as fh:
        data = fh.read()
    pictures.assert_clean(data, "class cover")
    assert pictures.looks_green(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and max(image.size) == 1600
    assert course.cover.name.startswith("classes/") and "IMG_2024" not in course.cover.name


def test_a_png_class_cover_saved_by_code_is_re_encoded_too():
    course = CourseFactory(cover=SimpleUploadedFile("anh.png", pictures.dirty_png()))
    with course.cover.open("rb") as fh:
        data = fh.read()
    pictures.assert_clean(data, "class cover")
    assert data[:2] == b"\xff\xd8"


def test_a_picture_over_the_pixel_budget_is_refused_as_a_class_cover(staff_client, settings):
    cover = SimpleUploadedFile("anh-lop.png", huge_png())
    response = staff_client.post(ADD_URL, course_form(cover=cover))
    assert response.status_code == 200
    assert "Ảnh quá lớn (10000×5000 điểm ảnh)" in response.content.decode()
    assert not Course.objects.exists()
    assert stored_files(settings) == []


def test_the_class_page_shows_the_clean_cover(staff_client, client):
    cover = SimpleUploadedFile("anh.jpg", pictures.dirty_jpeg())
    staff_client.post(ADD_URL, course_form(cover=cover))
    course = Course.objects.get()
    html = client.get(course.get_absolute_url()).content.decode()
    assert f'src="{course.cover.url}"' in html
