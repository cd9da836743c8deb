"""What staff upload reaches readers harmless (issue 12, items 4, 5 and 8), through the real
entry paths: the disclosure admin form as school staff, the organization's profile form as
center staff, and the self-assessment service behind its staff page."""

import hashlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.models import Indicator, IndicatorAnswer
from assessment.seed import ensure_indicators
from assessment.services import indicator_answers_save, self_assessment_create
from disclosures.models import DisclosureDocument
from tests import pdfs, pictures
from tests.core.test_uploads import deflated_docx
from tests.disclosures.factories import ADD_URL, center, form_data, pdf_bytes, stored_files
from tests.factories import center_staff, school_staff
from tests.organizations.center import change_url, profile_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(school_staff())
    return client


def post(client, name, data, **fields):
    response = client.post(ADD_URL, form_data(file=SimpleUploadedFile(name, data), **fields))
    return response, re.sub(r"\s+", " ", response.content.decode())


# --- Pictures: stored without metadata, facts of the stored file (item 4) ----------------------


@pytest.mark.parametrize(
    ("name", "build", "ext"),
    [("scan-bien-ban.jpg", pictures.dirty_jpeg, "jpg"), ("scan.png", pictures.dirty_png, "png")],
)
def test_a_scan_is_stored_without_gps_and_its_checksum_is_of_the_stored_file(
    staff_client, settings, name, build, ext
):
    response, _text = post(staff_client, name, build(size=(2480, 3508)))
    assert response.status_code == 302
    document = DisclosureDocument.objects.get()
    [path] = stored_files(settings)
    data = path.read_bytes()
    pictures.assert_clean(data, name)
    assert pictures.looks_green(data)  # its colours converted to sRGB, not just its profile cut
    assert path.suffix == f".{ext}" and document.file_type == ext
    assert document.file_size == len(data)
    assert document.file_sha256 == hashlib.sha256(data).hexdigest()
    # A scan keeps its size, so small print stays legible.
    from PIL import Image

    assert Image.open(io.BytesIO(data)).size == (2480, 3508)


def test_markup_hidden_after_2_kb_of_a_scan_does_not_reach_storage(staff_client, settings):
    tail = b'<img src=x onerror="fetch(\'/admin/\')"><a href="javascript:alert(1)">'
    data = pictures.dirty_jpeg(tail=tail)
    assert data.find(b"onerror") > 2048
    response, _text = post(staff_client, "scan.jpg", data)
    assert response.status_code == 302
    [path] = stored_files(settings)
    stored = path.read_bytes()
    assert b"onerror" not in stored and b"javascript:" not in stored


def test_the_organization_chart_and_a_portrait_are_stored_clean(client):
    client.force_login(center_staff())
    organization = center()
    data = profile_form(
        organization,
        people=[{"full_name": "Nguyễn Văn A", "position": "Giám đốc", "order": 0}],
        chart=SimpleUploadedFile("so-do.png", pictures.dirty_png()),
        chart_description="UBND xã chỉ đạo trung tâm.",
        **{"people-0-photo": SimpleUploadedFile("chan-dung.jpg", pictures.dirty_jpeg())},
    )
    assert client.post(change_url(organization), data).status_code == 302
    organization.refresh_from_db()
    for field in (organization.chart, organization.people.get().photo):
        with field.open("rb") as fh:
            stored = fh.read()
        pictures.assert_clean(stored, field.name)
        assert pictures.looks_green(stored)


def test_a_picture_given_as_self_assessment_evidence_is_stored_clean(settings):
    ensure_indicators(Indicator)
    user = center_staff()
    assessment = self_assessment_create(year=2025, target_level=1, user=user)
    indicator_answers_save(
        assessment=assessment,
        answers=[
            {
                "indicator": Indicator.objects.get(code="2.1"),
                "result": IndicatorAnswer.Result.MET,
                "evidence_file": SimpleUploadedFile("anh-lop-hoc.jpg", pictures.dirty_jpeg()),
                "evidence_link": "",
            }
        ],
        user=user,
    )
    answer = IndicatorAnswer.objects.get()
    [path] = stored_files(settings)
    stored = path.read_bytes()
    pictures.assert_clean(stored, "evidence")
    assert answer.evidence_file_type == "jpg" and answer.evidence_file_size == len(stored)


# --- What runs or unpacks out of proportion is refused (item 5) -------------------------------


def docx_bomb():
    return deflated_docx({"word/document.xml": b"<w:document>" + b"\x20" * 60_000_000})


REFUSED = [
    pytest.param("bieu-mau.pdf", pdfs.javascript_on_open, "mã tự chạy khi mở", id="pdf-js"),
    pytest.param(
        "bieu-mau.pdf",
        lambda: pdfs.javascript_on_open(compress=True),
        "mã tự chạy khi mở",
        id="pdf-js-in-object-stream",
    ),
    pytest.param(
        "bieu-mau.pdf",
        lambda: pdfs.javascript_on_open(escaped=True),
        "mã tự chạy khi mở",
        id="pdf-js-name-escapes",
    ),
    pytest.param("bieu-mau.pdf", pdfs.launch_link, "mã tự chạy khi mở", id="pdf-launch"),
    pytest.param("bieu-mau.docx", docx_bomb, "khi giải nén là 57,2 MB", id="docx-zip-bomb"),
    pytest.param(
        "scan.png",
        lambda: pictures.dirty_png(tail=b"<html><script>alert(1)</script></html>"),
        "không phải tệp PNG thật",
        id="png-with-html-after-2-kb",
    ),
]


@pytest.mark.parametrize(("name", "build", "message"), REFUSED)
def test_refused_with_what_to_do_and_nothing_stored(staff_client, settings, name, build, message):
    response, text = post(staff_client, name, build())
    assert response.status_code == 200
    assert message in text
    if name.endswith(".pdf"):
        assert "Hãy in lại thành PDF" in text
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []


def test_the_yearly_report_pdf_the_site_writes_is_accepted(settings):
    """What document_publish_generated publishes: a WeasyPrint PDF, object streams and all."""
    from weasyprint import HTML

    from disclosures.models import Basis
    from disclosures.services import document_publish_generated

    html = "<h1>Báo cáo thường niên năm 2025</h1><p>Số lớp: 12. Số học viên: 354.</p>"
    document = document_publish_generated(
        organization=center(),
        title="Báo cáo thường niên năm 2025",
        school_year="2025-2026",
        basis=Basis.TT09_2024_ART14,
        pdf_bytes=HTML(string=html).write_pdf(),
        file_name="bao-cao-thuong-nien-2025.pdf",
        user=center_staff(),
    )
    assert document.file_type == "pdf" and len(stored_files(settings)) == 1


# --- Long file names (item 8) ------------------------------------------------------------------

TITLE = "Quyết định công khai dự toán ngân sách và kết quả thực hiện năm học 2025-2026 "


@pytest.mark.parametrize("length", [101, 201, 255])
def test_a_document_with_a_long_file_name_is_accepted(staff_client, settings, length):
    name = (TITLE * 4)[: length - 4] + ".pdf"
    response, text = post(staff_client, name, pdf_bytes())
    assert response.status_code == 302, text[:3000]
    document = DisclosureDocument.objects.get()
    assert re.fullmatch(r"cong-khai/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert len(stored_files(settings)) == 1
