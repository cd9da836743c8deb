"""The media disk fills up in the middle of saving an article with a cover and an attachment:
the cover already written is removed with the rest, nothing is in the database, and staff read
a Vietnamese message instead of a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.demo import minimal_pdf
from news.models import Article, Attachment
from tests.diskfull import disk_with_free_space
from tests.factories import center_staff
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def with_attachment(**overrides):
    pdf = minimal_pdf(["Ke hoach nam hoc 2025-2026, trang " + "x" * 80] * 2000)  # ~200 KB
    return form_data(
        cover=SimpleUploadedFile("anh.jpg", jpeg_bytes()),
        cover_alt="Lớp học",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Kế hoạch",
            "attachments-0-file": SimpleUploadedFile("ke-hoach.pdf", pdf),
            "attachments-0-order": "0",
        },
        **overrides,
    )


def test_full_disk_while_saving_an_article_leaves_nothing_behind(client, settings, monkeypatch):
    client.force_login(center_staff())
    # Room for the cover and its renditions, not for the 200 KB attachment.
    with disk_with_free_space(monkeypatch, free=150_000) as disk:
        response = client.post(ADD_URL, with_attachment(), follow=True)
    assert disk.free == 0, "the disk did fill up during the save"
    assert response.status_code == 200
    assert "ổ đĩa lưu tệp của máy chủ đã đầy" in response.content.decode()
    assert Article.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []
