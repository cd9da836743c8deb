"""Pictures inserted into rich text from the editor (issue 15, item 7): the upload the
editor's "insert picture" dialog posts to, and what it stores."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from core.demo import minimal_pdf
from core.models import RichTextImage
from core.roles import CENTER_STAFF
from tests import pictures
from tests.factories import UserFactory, administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db

URL = "/quan-ly/anh-trong-bai/"
ALT = "Lớp trồng lúa ở xóm 3"


def photo(size=(1600, 1200), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, fmt)
    return buffer.getvalue()


def post(client, data=b"", name="anh-lop-hoc.jpg", alt=ALT, **extra):
    payload = {"alt": alt}
    if data is not None:
        payload["image"] = SimpleUploadedFile(name, data)
    return client.post(URL, payload, HTTP_ACCEPT="application/json", **extra)


def stored(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_address_is_the_one_the_editor_is_given():
    assert reverse("rich-text-image-upload") == URL


def test_center_staff_upload_a_picture_and_get_its_address(client, settings):
    client.force_login(center_staff())
    response = post(client, photo())
    assert response.status_code == 201
    answer = response.json()
    picture = RichTextImage.objects.get()
    assert answer == {
        "url": picture.image.url,
        "width": picture.width,
        "height": picture.height,
        "alt": ALT,
    }
    # Under a generated name in the pictures folder, never the uploader's file name.
    assert re.fullmatch(r"/media/pictures/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", answer["url"])
    assert "anh-lop-hoc" not in answer["url"]
    assert picture.created_by.groups.filter(name=CENTER_STAFF).exists()
    assert [p.name for p in stored(settings)] == [Path(answer["url"]).name]


def test_the_stored_picture_is_small_enough_for_a_phone_and_upright():
    client = Client()
    client.force_login(center_staff())
    answer = post(client, photo(size=(4000, 3000))).json()
    assert (answer["width"], answer["height"]) == (1080, 810)
    portrait = post(client, photo(size=(1200, 2400))).json()
    assert (portrait["width"], portrait["height"]) == (540, 1080)
    small = post(client, photo(size=(640, 480))).json()
    assert (small["width"], small["height"]) == (640, 480)  # never enlarged


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("camera.jpg", pictures.dirty_jpeg()),
        ("screenshot.png", pictures.dirty_png()),
    ],
)
def test_the_picture_is_stored_without_anything_hidden_in_it(client, settings, name, data):
    client.force_login(center_staff())
    assert post(client, data, name=name).status_code == 201
    (path,) = stored(settings)
    written = path.read_bytes()
    pictures.assert_clean(written, name)
    assert written[:2] == b"\xff\xd8"  # re-encoded as JPEG whatever came in
    assert pictures.looks_green(written)  # colours converted through its own profile


def test_school_staff_may_insert_pictures_in_document_summaries(client):
    client.force_login(school_staff())
    assert post(client, photo()).status_code == 201


def test_an_administrator_may_upload(client):
    client.force_login(administrator())
    assert post(client, photo()).status_code == 201


def test_without_login_nothing_is_stored_and_the_editor_is_told_in_vietnamese(client, settings):
    response = post(client, photo())
    assert response.status_code == 403
    assert "đăng nhập" in response.json()["error"]
    assert not RichTextImage.objects.exists()
    assert stored(settings) == []


def test_an_account_without_the_right_is_refused(client, settings):
    # Staff status alone (no group) gives no right to upload.
    client.force_login(UserFactory())
    response = post(client, photo())
    assert response.status_code == 403
    assert "quản trị viên" in response.json()["error"]
    assert stored(settings) == []


def test_both_staff_roles_hold_the_right():
    for name in ("Cán bộ trung tâm", "Cán bộ nhà trường"):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "add_richtextimage" in codenames


def test_a_post_without_the_csrf_token_is_refused_with_a_message_the_editor_shows(settings):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(center_staff())
    response = post(browser, photo())
    assert response.status_code == 403
    assert "Tải lại trang" in response.json()["error"]
    assert not RichTextImage.objects.exists()
    # With the token the admin's page carries, it goes through.
    page = browser.get("/admin/news/article/add/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    response = post(browser, photo(), HTTP_X_CSRFTOKEN=token.decode())
    assert response.status_code == 201


def test_a_get_is_not_an_upload(client):
    client.force_login(center_staff())
    assert client.get(URL).status_code == 405


BAD_FILES = [
    ("trang.jpg", b"<html><body><script>alert(1)</script></body></html>"),
    ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("anh.png", photo(fmt="PNG") + b"<script>alert(1)</script>"),
    ("bao-cao.pdf", minimal_pdf(["Bao cao"])),
    ("anh.gif", b"GIF89a" + b"\x00" * 50),
    ("trong.jpg", b""),
]


@pytest.mark.parametrize(("name", "data"), BAD_FILES, ids=[name for name, _ in BAD_FILES])
def test_files_that_are_not_photos_are_refused_in_vietnamese(client, settings, name, data):
    client.force_login(center_staff())
    response = post(client, data, name=name)
    assert response.status_code == 400
    error = response.json()["error"]
    assert re.search(r"ảnh|tệp", error, re.IGNORECASE), error
    assert not re.search(r"\b(the|file|image|upload)\b", error, re.IGNORECASE), error
    assert not RichTextImage.objects.exists()
    assert stored(settings) == []


def test_a_picture_beyond_the_pixel_budget_is_refused(client, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "picture_megapixels": 1}
    client.force_login(center_staff())
    response = post(client, photo(size=(1200, 1000), fmt="PNG"), name="to.png")
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]
    assert stored(settings) == []


def test_a_picture_without_its_description_is_refused(client, settings):
    client.force_login(center_staff())
    response = post(client, photo(), alt="  ")
    assert response.status_code == 400
    assert "người không xem được ảnh" in response.json()["error"]
    assert stored(settings) == []


def test_no_file_is_refused(client):
    client.force_login(center_staff())
    response = post(client, None)
    assert response.status_code == 400
    assert "Chọn một ảnh" in response.json()["error"]


def test_a_full_disk_is_told_to_the_editor_and_leaves_nothing(client, settings, monkeypatch):
    import errno

    from core.storage import MediaStorage

    def full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(MediaStorage, "_save", full)
    client.force_login(center_staff())
    response = post(client, photo())
    assert response.status_code == 507
    assert "đầy" in response.json()["error"]
    assert not RichTextImage.objects.exists()
