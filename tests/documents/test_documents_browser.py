"""A villager looks for a plan of the commune in the documents library on a phone (issue 16,
part 3): filter by kind, open the document, see its number, date, issuer and file."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from core.demo import minimal_pdf
from documents.models import Kind, LegalDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_and_open_a_document_on_a_phone(live_server, phone_page, artifacts_dir):
    published = {"status": "published", "published_at": timezone.now()}
    LegalDocument.objects.create(
        title="Luật Giáo dục", number="43/2019/QH14", kind=Kind.LAW, issuer="Quốc hội",
        issued_on=datetime.date(2019, 6, 14), source_url="https://vbpl.vn/", **published,
    )  # fmt: skip
    LegalDocument.objects.create(
        title="Kế hoạch hoạt động của Trung tâm học tập cộng đồng xã Tiên Tân năm 2026",
        number="12/KH-UBND", kind=Kind.PLAN, issuer="UBND xã Tiên Tân",
        issued_on=datetime.date(2026, 1, 15), summary="Các lớp dự kiến mở trong năm.",
        file=SimpleUploadedFile("kh.pdf", minimal_pdf(["Ke hoach 2026"])), **published,
    )  # fmt: skip
    page = phone_page
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Văn bản").click()
    expect(page.locator("h1")).to_have_text("Văn bản")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator(".doc-list li")).to_have_count(1)
    page.get_by_role("link", name="12/KH-UBND · Kế hoạch hoạt động").click()
    facts = page.locator(".dc-facts")
    expect(facts).to_contain_text("UBND xã Tiên Tân")
    expect(facts).to_contain_text("15/01/2026")
    expect(page.get_by_role("link", name="Tải văn bản về")).to_be_visible()
    expect(page.get_by_role("button", name="In trang này")).to_be_visible()
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "van-ban-phone.png", full_page=True)
