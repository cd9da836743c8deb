"""The public register, a document's page, its download, search and the home box."""

import datetime
import hashlib
import re
import zoneinfo
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosures.models import Basis, DisclosureDocument
from disclosures.sitemaps import DocumentSitemap
from tests.disclosures.factories import DocumentFactory, center, pdf_bytes, school
from tests.disclosures.test_uploads import DOCX

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def headings(html):
    return re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", html)


def test_register_groups_by_school_year_newest_first_then_organization(client):
    DocumentFactory(school_year="2015-2016", title="Biểu mẫu 05", organization=school())
    DocumentFactory(school_year="2025-2026", title="Thu chi trung tâm", organization=center())
    DocumentFactory(school_year="2025-2026", title="Thu chi trường", organization=school())
    html = client.get("/cong-khai/").content.decode()
    found = [h for h in headings(html) if "Năm học" in h or "Tiên Tân" in h]
    assert found == [
        "Năm học 2025-2026",
        "Trường THCS Tiên Tân",
        "Trung tâm học tập cộng đồng xã Tiên Tân",
        "Năm học 2015-2016",
        "Trường THCS Tiên Tân",
    ]
    assert html.index("Thu chi trường") < html.index("Thu chi trung tâm")


def test_each_item_shows_its_kind_type_and_size_in_plain_words(client):
    """Issue 15 item 12: "Biểu mẫu công khai 09 (mẫu cũ)", not the circulars' numbers, and a
    size a villager reads ("dưới 1 KB", not "699 B")."""
    DocumentFactory(
        title="Biểu mẫu công khai 09 năm học 2015-2016",
        school_year="2015-2016",
        basis=Basis.LEGACY_FORM,
        form_number="09",
    )
    html = client.get("/cong-khai/").content.decode()
    assert "Biểu mẫu công khai 09 (mẫu cũ) · đăng ngày" in html
    assert "TT 09/2009" not in html
    assert DisclosureDocument.objects.get().file_size < 1024
    assert "Tải về <span>(PDF, dưới 1 KB)</span>" in html


def test_drafts_and_scheduled_documents_stay_hidden(client):
    DocumentFactory(title="Bản nháp", status=DisclosureDocument.Status.DRAFT)
    future = DocumentFactory(
        title="Hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    html = client.get("/cong-khai/").content.decode()
    assert "Bản nháp" not in html and "Hẹn giờ" not in html
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get(future.get_download_url()).status_code == 404


def test_filters_by_organization_basis_and_year(client):
    DocumentFactory(title="Kế hoạch trường", basis=Basis.SCHOOL_YEAR_PLAN)
    DocumentFactory(title="Thu chi trung tâm", organization=center(), basis=Basis.TT09_2024_ART5)
    DocumentFactory(title="Biểu mẫu cũ", school_year="2015-2016", basis=Basis.LEGACY_FORM,
                    form_number="05")  # fmt: skip

    def titles(query):
        html = client.get("/cong-khai/" + query).content.decode()
        return {t for t in ["Kế hoạch trường", "Thu chi trung tâm", "Biểu mẫu cũ"] if t in html}

    assert titles("?don-vi=tthtcd-xa-tien-tan") == {"Thu chi trung tâm"}
    assert titles("?loai=school-year-plan") == {"Kế hoạch trường"}
    assert titles("?nam-hoc=2015-2016") == {"Biểu mẫu cũ"}
    assert titles("?don-vi=truong-thcs-tien-tan&nam-hoc=2025-2026") == {"Kế hoạch trường"}
    # Unknown values are ignored, never an error.
    assert titles("?don-vi=khong-co&loai=%3Cscript%3E&nam-hoc=abc&page=x") == {
        "Kế hoạch trường",
        "Thu chi trung tâm",
        "Biểu mẫu cũ",
    }
    empty = client.get("/cong-khai/?loai=diploma-register").content.decode()
    assert "Không có văn bản nào khớp với bộ lọc này." in empty


def test_a_replaced_version_stays_listed_and_points_to_the_current_one(client):
    new = DocumentFactory(title="Thu chi năm học 2025-2026 (bản đính chính)")
    old = DocumentFactory(title="Thu chi năm học 2025-2026", replaced_by=new)
    html = client.get("/cong-khai/").content.decode()
    assert old.title in html
    item = html.split(f'href="{old.get_absolute_url()}"', 1)[1].split("</li>", 1)[0]
    assert "Đã được thay thế" in item and new.get_absolute_url() in item
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Có phiên bản mới thay thế văn bản này." in page
    assert new.get_absolute_url() in page
    newer_page = client.get(new.get_absolute_url()).content.decode()
    assert "Các phiên bản trước" in newer_page and old.get_absolute_url() in newer_page


def test_a_chain_of_replacements_points_to_the_newest_public_version(client):
    draft = DocumentFactory(title="Bản nháp mới nhất", status=DisclosureDocument.Status.DRAFT)
    newest = DocumentFactory(title="Thu chi (bản 3)", replaced_by=draft)
    middle = DocumentFactory(title="Thu chi (bản 2)", replaced_by=newest)
    first = DocumentFactory(title="Thu chi (bản 1)", replaced_by=middle)
    html = client.get("/cong-khai/").content.decode()
    item = html.split(f'href="{first.get_absolute_url()}"', 1)[1].split("</li>", 1)[0]
    assert newest.get_absolute_url() in item and middle.get_absolute_url() not in item
    newest_item = html.split(f'href="{newest.get_absolute_url()}"', 1)[1].split("</li>", 1)[0]
    assert "Đã được thay thế" not in newest_item  # its replacement is still a draft
    page = client.get(first.get_absolute_url()).content.decode()
    assert newest.get_absolute_url() in page


def test_a_replacement_cycle_is_refused():
    first = DocumentFactory()
    second = DocumentFactory(replaced_by=first)
    first.replaced_by = second
    with pytest.raises(ValidationError):
        first.full_clean()


def test_register_query_count_stays_flat(client, django_assert_max_num_queries):
    for n in range(3):
        new = DocumentFactory(school_year=f"20{10 + n}-20{11 + n}")
        DocumentFactory(school_year=new.school_year, replaced_by=new, organization=center())
    with django_assert_max_num_queries(5):
        client.get("/cong-khai/")
    for n in range(30):
        DocumentFactory(school_year=f"20{10 + n % 12}-20{11 + n % 12}", organization=center())
    with django_assert_max_num_queries(5):
        assert client.get("/cong-khai/").status_code == 200


def test_document_page_shows_metadata_a_sanitized_summary_and_the_download(client):
    document = DocumentFactory(
        title="Báo cáo thường niên 2025-2026",
        basis=Basis.TT09_2024_ART14,
        summary="<p>Tổng thu <strong>1.200.000.000 đ</strong></p><script>alert(1)</script>"
        '<img src="https://tracker.example/x.png" onerror="alert(2)">',
        published_at=datetime.datetime(
            2026, 6, 20, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
        ),
    )
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<h1>Báo cáo thường niên 2025-2026</h1>" in html
    assert "TT 09/2024 Điều 14" in html
    assert "20/06/2026" in html
    assert "<strong>1.200.000.000 đ</strong>" in html
    assert "<script>alert" not in html and "tracker.example" not in html
    assert document.get_download_url() in html
    assert document.file_sha256 in html


def test_download_sends_the_file_with_safe_headers(client):
    data = pdf_bytes("Bieu mau 05")
    document = DocumentFactory(title="Biểu mẫu công khai 05 năm học 2015-2016", file__data=data)
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="bieu-mau-cong-khai-05-nam-hoc-2015-2016.pdf"; '
    )
    assert disposition.isascii()
    star = disposition.split("filename*=", 1)[1]
    assert star.startswith("utf-8''")
    assert unquote(star[len("utf-8''") :]) == "Biểu mẫu công khai 05 năm học 2015-2016.pdf"
    body = b"".join(response.streaming_content)
    assert body == data
    assert hashlib.sha256(body).hexdigest() == document.file_sha256


def test_download_of_a_word_file_says_it_is_word(client):
    document = DocumentFactory(file__filename="a.docx", file__data=DOCX)
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="' + document.slug + '.docx"' in response["Content-Disposition"]


def test_withdrawn_documents_are_listed_with_their_reason_but_not_downloadable(client):
    document = DocumentFactory(
        title="Kế hoạch cũ",
        status=DisclosureDocument.Status.WITHDRAWN,
        withdrawal_reason="Ban hành nhầm phiên bản.",
    )
    html = client.get("/cong-khai/").content.decode()
    assert "Kế hoạch cũ" in html and "Ban hành nhầm phiên bản." in html
    assert document.get_download_url() not in html
    assert client.get(document.get_download_url()).status_code == 404
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Văn bản này đã bị thu hồi" in page and "Ban hành nhầm phiên bản." in page


def test_a_file_missing_on_disk_is_a_404_not_a_500(client):
    document = DocumentFactory()
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_download_url()).status_code == 404


def test_documents_join_the_site_search_without_diacritics(client):
    DocumentFactory(title="Biểu mẫu công khai 10 năm học 2015-2016", school_year="2015-2016")
    DocumentFactory(title="Biểu mẫu nháp", status=DisclosureDocument.Status.DRAFT)
    html = client.get("/tim-kiem/", {"q": "bieu mau 2015"}).content.decode()
    assert "Biểu mẫu công khai 10" in html.replace("<mark>", "").replace("</mark>", "")
    assert "Công khai" in html
    assert "nháp" not in html


def test_home_box_shows_the_latest_documents_and_the_years_status(client):
    DocumentFactory(title="Thông tin chung năm học", published_at=days_ago(1))
    html = client.get("/").content.decode()
    box = html.split('id="box-disclosures"', 1)[1].split("</section>", 1)[0]
    assert "Thông tin chung năm học" in box
    assert "THCS Tiên Tân:" in box and "TTHTCĐ xã Tiên Tân:" in box
    assert "/cong-khai/lich-cong-khai/" in box


def test_a_document_never_takes_the_calendars_address(client):
    document = DocumentFactory(title="Lịch công khai")
    assert document.slug != "lich-cong-khai"
    assert client.get(document.get_absolute_url()).status_code == 200
    assert "<h1>Lịch công khai" in client.get("/cong-khai/lich-cong-khai/").content.decode()


def test_the_sitemap_lists_what_the_register_lists():
    shown = DocumentFactory()
    withdrawn = DocumentFactory(status="withdrawn", withdrawal_reason="Nhầm tệp")
    DocumentFactory(status=DisclosureDocument.Status.DRAFT)
    DocumentFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    sitemap = DocumentSitemap()
    assert list(sitemap.items()) == [shown, withdrawn]
    assert sitemap.location(shown) == shown.get_absolute_url()


def test_search_summaries_keep_the_space_between_paragraphs(client):
    DocumentFactory(title="Biểu mẫu 05", summary="<p>Trường THCS Tiên Tân.</p><p>Cam kết</p>")
    html = client.get("/tim-kiem/", {"q": "bieu mau"}).content.decode()
    assert "Tiên Tân. Cam kết" in html
