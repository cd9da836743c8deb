"""Uploads through the admin form, as school staff do them: what is refused leaves nothing."""

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from disclosures.models import Basis, DisclosureDocument
from tests.disclosures.factories import ADD_URL, form_data, pdf_bytes, school, stored_files
from tests.factories import school_staff

pytestmark = pytest.mark.django_db


def png_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


def office_zip(content_type, extra=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override ContentType="{content_type}"/></Types>'
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buf.getvalue()


DOCX = office_zip(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
DOCM = office_zip(
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    {"word/vbaProject.bin": b"\x00" * 64},
)


def plain_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("bieu-mau.pdf", pdf_bytes())
    return buf.getvalue()


@pytest.fixture
def staff_client(client):
    client.force_login(school_staff())
    return client


def test_a_real_pdf_is_stored_under_a_generated_name_with_its_facts(staff_client, settings):
    data = pdf_bytes("Bieu mau 05")
    upload = SimpleUploadedFile("Biểu mẫu 05 (bản scan).pdf", data)
    response = staff_client.post(ADD_URL, form_data(file=upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = DisclosureDocument.objects.get()
    assert re.fullmatch(r"cong-khai/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.file_type == "pdf"
    assert document.file_size == len(data)
    assert document.file_sha256 == hashlib.sha256(data).hexdigest()
    assert document.uploaded_by.username.startswith("canbo")
    assert document.slug == "bieu-mau-cong-khai-05-nam-hoc-2025-2026"
    [stored] = stored_files(settings)
    assert stored.read_bytes() == data
    assert "Biểu" not in str(stored)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("bieu-mau.docx", DOCX, id="docx"),
        pytest.param("scan.png", png_bytes(), id="png"),
    ],
)
def test_office_files_and_scans_are_accepted(staff_client, name, data):
    response = staff_client.post(ADD_URL, form_data(file=SimpleUploadedFile(name, data)))
    assert response.status_code == 302
    assert DisclosureDocument.objects.get().file_type == name.rsplit(".", 1)[1]


REFUSED = [
    pytest.param(
        "bieu-mau.pdf",
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "không phải tệp PDF thật",
        id="html-renamed-pdf",
    ),
    pytest.param(
        "scan.png",
        png_bytes() + b"<html><script>alert(1)</script></html>",
        "không phải tệp PNG thật",
        id="png-with-html-appended",
    ),
    pytest.param(
        "bieu-do.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Không nhận tệp loại",
        id="svg-with-script",
    ),
    pytest.param(
        "bieu-do.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "không phải tệp PNG thật",
        id="svg-renamed-png",
    ),
    pytest.param("ke-hoach.docx", DOCM, "không phải tệp DOCX thật", id="docm-renamed-docx"),
    pytest.param("ho-so.zip", plain_zip(), "Không nhận tệp loại", id="zip"),
    pytest.param("ho-so.docx", plain_zip(), "không phải tệp DOCX thật", id="zip-renamed-docx"),
    pytest.param("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, "Không nhận tệp loại", id="exe"),
    pytest.param(
        "bieu-mau.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "không phải tệp PDF thật", id="exe-pdf"
    ),
    pytest.param("bieu-mau.pdf", b"", "rỗng", id="empty"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_refused_upload_leaves_no_file_and_no_row(staff_client, settings, name, data, message):
    response = staff_client.post(ADD_URL, form_data(file=SimpleUploadedFile(name, data)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []


def test_the_size_limit_is_a_setting_and_one_byte_over_is_refused(staff_client, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "document": 1}
    limit = 1024 * 1024
    pdf = pdf_bytes()
    over = pdf + b"%" * (limit + 1 - len(pdf))
    response = staff_client.post(ADD_URL, form_data(file=SimpleUploadedFile("a.pdf", over)))
    assert response.status_code == 200
    assert "vượt giới hạn 1,0 MB" in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []

    exact = pdf + b"%" * (limit - len(pdf))
    response = staff_client.post(ADD_URL, form_data(file=SimpleUploadedFile("a.pdf", exact)))
    assert response.status_code == 302
    assert DisclosureDocument.objects.get().file_size == limit


def test_the_limit_defaults_to_20_mb(settings):
    from tienTan_portal import settings as project_settings

    assert project_settings.UPLOAD_LIMITS["document"] == 20


def raw_multipart(filename, data, fields):
    """A multipart body with the file name exactly as an attacker's client sends it (the test
    client would strip the folders itself)."""
    body = encode_multipart(BOUNDARY, fields)
    part = (
        (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + b"\r\n"
    )
    return part + body


@pytest.mark.parametrize(
    "filename",
    ["../../../../etc/cron.d/job", "..\\..\\..\\web.config", "../../.htaccess", "../.."],
)
def test_path_traversal_names_are_refused_and_write_nothing(staff_client, settings, filename):
    body = raw_multipart(filename, pdf_bytes(), form_data())
    response = staff_client.generic("POST", ADD_URL, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []


def test_a_traversal_name_never_decides_where_the_file_goes(staff_client, settings, tmp_path):
    # Django keeps only the last part of a browser's file name ("evil.pdf"); the stored name is
    # generated anyway, so nothing lands outside the dated folder.
    body = raw_multipart("../../../../evil.pdf", pdf_bytes(), form_data())
    response = staff_client.generic("POST", ADD_URL, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 302
    [stored] = stored_files(settings)
    assert stored.parent.parent.parent == Path(settings.MEDIA_ROOT) / "cong-khai"
    assert not list(tmp_path.rglob("evil.pdf"))


@pytest.mark.parametrize("name", ["../../etc/bieu-mau.pdf", "..\\bieu-mau.pdf", ".bieu-mau.pdf"])
def test_code_that_saves_a_file_with_a_path_in_its_name_is_refused_too(settings, name):
    document = DisclosureDocument(
        organization=school(),
        school_year="2025-2026",
        basis=Basis.OTHER,
        title="Văn bản",
    )
    document.file = ContentFile(pdf_bytes(), name=name)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []
