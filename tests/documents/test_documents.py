"""/van-ban/ (issue 16, part 3): the library of legal and planning documents, filterable and
searchable, distinct from the disclosure register."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.demo import minimal_pdf
from core.models import Center, CenterHost
from core.tenancy import use_center
from documents.models import Kind, LegalDocument
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db


def document(**values):
    defaults = {
        "title": "Quy định về công khai trong hoạt động của các cơ sở giáo dục",
        "number": "09/2024/TT-BGDĐT",
        "kind": Kind.CIRCULAR,
        "issuer": "Bộ Giáo dục và Đào tạo",
        "issued_on": datetime.date(2024, 6, 3),
        "source_url": "https://vbpl.vn/",
        "status": LegalDocument.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    }
    defaults.update(values)
    return LegalDocument.objects.create(**defaults)


def test_the_url_is_the_fixed_one():
    assert reverse("documents:document-list") == "/van-ban/"


def test_the_list_shows_published_documents_newest_issued_first(client):
    old = document(
        title="Luật Giáo dục", number="43/2019/QH14", issued_on=datetime.date(2019, 6, 14)
    )
    new = document(
        title="Kế hoạch năm 2026 của xã Tiên Tân",
        number="12/KH-UBND",
        kind=Kind.PLAN,
        issuer="UBND xã Tiên Tân",
        issued_on=datetime.date(2026, 1, 15),
    )
    draft = document(title="Dự thảo chưa đăng", number="1/DT", status=LegalDocument.Status.DRAFT)
    body = client.get("/van-ban/").content.decode()
    assert body.index(new.title) < body.index(old.title)
    assert draft.title not in body
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_filters_by_kind_year_and_issuer(client):
    document(
        title="Luật Giáo dục",
        number="43/2019/QH14",
        kind=Kind.LAW,
        issuer="Quốc hội",
        issued_on=datetime.date(2019, 6, 14),
    )
    document(
        title="Kế hoạch năm 2026 của xã",
        number="12/KH-UBND",
        kind=Kind.PLAN,
        issuer="UBND xã Tiên Tân",
        issued_on=datetime.date(2026, 1, 15),
    )
    assert "Luật Giáo dục" in client.get("/van-ban/", {"kind": "law"}).content.decode()
    assert "Kế hoạch năm 2026" not in client.get("/van-ban/", {"kind": "law"}).content.decode()
    by_year = client.get("/van-ban/", {"year": "2026"}).content.decode()
    assert "Kế hoạch năm 2026" in by_year and "Luật Giáo dục" not in by_year
    by_issuer = client.get("/van-ban/", {"issuer": "Quốc hội"}).content.decode()
    assert "Luật Giáo dục" in by_issuer and "Kế hoạch năm 2026" not in by_issuer


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nope"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"issuer": "<script>alert(1)</script>"},
        {"kind": ["law", "nope"]},  # the last value counts
        {"q": "x" * 5000},
        {"q": "\x00\x1f"},
        {"page": "-1"},
    ],
)
def test_hostile_filters_are_left_out_with_a_note_never_a_500(client, params):
    document()
    response = client.get("/van-ban/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    if set(params) & {"kind", "year", "issuer"}:
        assert "Không hiểu các bộ lọc sau" in body
        assert "09/2024/TT-BGDĐT" in body  # every document is shown instead


def test_search_without_diacritics(client):
    document(
        title="Kế hoạch hoạt động của Trung tâm học tập cộng đồng xã Tiên Tân",
        number="12/KH-UBND",
        kind=Kind.PLAN,
        issuer="UBND xã Tiên Tân",
    )
    document(title="Luật Giáo dục", number="43/2019/QH14")
    body = client.get("/van-ban/", {"q": "tien tan"}).content.decode()
    assert "xã Tiên Tân" in body and "Luật Giáo dục" not in body
    # By number too.
    assert "Luật Giáo dục" in client.get("/van-ban/", {"q": "43/2019"}).content.decode()
    # And in the site search and the sitemap.
    site = client.get("/tim-kiem/", {"q": "tien tan ke hoach"}).content.decode()
    assert "/van-ban/" in site
    assert "/van-ban/" in client.get("/sitemap.xml").content.decode()


def test_a_scheduled_document_appears_at_its_time(client):
    later = document(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(later.get_absolute_url()).status_code == 404
    later.published_at = timezone.now() - datetime.timedelta(seconds=1)
    later.save()
    assert client.get(later.get_absolute_url()).status_code == 200


def test_the_detail_page_shows_metadata_file_and_print_button(client):
    doc = document(effective_on=datetime.date(2024, 7, 19), in_force=False)
    doc.file = SimpleUploadedFile("tt09.pdf", minimal_pdf(["TT 09"]))
    doc.save()
    body = client.get(doc.get_absolute_url()).content.decode()
    for text in (
        "09/2024/TT-BGDĐT",
        "Bộ Giáo dục và Đào tạo",
        "03/06/2024",
        "19/07/2024",
        "Văn bản này đã hết hiệu lực",
        "PDF",
        "data-print",
        "Tải văn bản về",
    ):
        assert text in body, text
    assert doc.file.url in body


def test_database_refuses_a_document_without_file_or_link():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        document(source_url="")


def _add(client, **overrides):
    data = {
        "kind": "decision",
        "number": "1373/QĐ-TTg",
        "title": "Phê duyệt Đề án Xây dựng xã hội học tập",
        "issuer": "Thủ tướng Chính phủ",
        "issued_on": "30/07/2021",
        "effective_on": "",
        "source_url": "",
        "summary": "",
        "in_force": "on",
        "status": "published",
        "published_at_0": "05/12/2026",
        "published_at_1": "08:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:documents_legaldocument_add"), data)


def test_center_staff_add_a_document_with_its_file(client):
    client.force_login(center_staff(username="canbo-vanban"))
    pdf = SimpleUploadedFile("qd1373.pdf", minimal_pdf(["QD 1373"]), "application/pdf")
    response = _add(client, file=pdf)
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = LegalDocument.objects.get()
    assert doc.file_kind == "PDF" and doc.file_size > 0
    assert doc.slug.startswith("1373-qd-ttg")
    assert client.get(doc.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("gia.pdf", b"MZ\x90\x00 not a pdf"), "không phải tệp"),
        (("anh.png", b"\x89PNG\r\n\x1a\n broken"), "không phải tệp"),
        (None, "tải lên tệp văn bản hoặc ghi địa chỉ"),
    ],
)
def test_a_bad_file_gets_a_vietnamese_message(client, upload, message):
    client.force_login(center_staff(username="canbo-vanban2"))
    files = {"file": SimpleUploadedFile(*upload)} if upload else {}
    response = _add(client, **files)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LegalDocument.objects.count() == 0


def test_an_oversized_file_is_refused(client, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "document": 1}
    client.force_login(center_staff(username="canbo-vanban3"))
    buffer = io.BytesIO()
    Image.effect_noise((1400, 1400), 100).convert("RGB").save(buffer, "PNG")
    response = _add(client, file=SimpleUploadedFile("to.png", buffer.getvalue(), "image/png"))
    assert response.status_code == 200
    assert "MB" in response.content.decode()
    assert LegalDocument.objects.count() == 0


def test_effective_before_issued_is_refused(client):
    client.force_login(center_staff(username="canbo-vanban4"))
    response = _add(client, source_url="https://vbpl.vn/", effective_on="01/01/2020")
    assert response.status_code == 200
    assert "trước ngày ban hành" in response.content.decode()


def test_a_link_that_is_not_http_is_refused(client):
    client.force_login(center_staff(username="canbo-vanban5"))
    response = _add(client, source_url="javascript:alert(1)")
    assert response.status_code == 200
    assert LegalDocument.objects.count() == 0


def test_school_staff_cannot_edit_the_library(client):
    client.force_login(school_staff(username="gv-vanban"))
    assert client.get(reverse("admin:documents_legaldocument_changelist")).status_code == 403


def test_another_centers_documents_are_not_shown(client):
    other = Center.objects.create(name="Trung tâm học tập cộng đồng xã Khác", slug="khac")
    CenterHost.objects.create(center=other, host="khac.test")
    with use_center(other):
        there = document(title="Kế hoạch của xã khác", number="5/KH-UBND")
    assert client.get(there.get_absolute_url()).status_code == 404
    assert "xã khác" not in client.get("/van-ban/").content.decode()
    assert "5/KH-UBND" not in client.get("/van-ban/", {"q": "5/KH"}).content.decode()


def test_the_list_makes_the_same_queries_for_many_documents(client, django_assert_max_num_queries):
    for n in range(3):
        document(title=f"Văn bản số {n}", number=f"{n}/QĐ")
    client.get("/van-ban/")
    for n in range(3, 15):
        document(title=f"Văn bản số {n}", number=f"{n}/QĐ")
    with django_assert_max_num_queries(8):
        client.get("/van-ban/")


def test_the_footer_links_here(client):
    assert 'href="/van-ban/"' in client.get("/").content.decode()
