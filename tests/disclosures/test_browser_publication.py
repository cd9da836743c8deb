"""Issue 15 items 4, 10 and 12 in Chromium: a draft previewed and published after a
confirmation on a 360×740 phone, the bases narrowed to the chosen organization's, and a
document read at desktop width."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from disclosures.models import DisclosureDocument
from tests.disclosures.factories import center, pdf_bytes, school
from tests.disclosures.test_browser import log_in
from tests.factories import administrator, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADD = "/admin/disclosures/disclosuredocument/add/"
DESKTOP = {"width": 1280, "height": 900}


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_center_staff_preview_a_draft_and_confirm_its_publication(
    live_server, phone_page, artifacts_dir, tmp_path
):
    user = center_staff(username="canbo.trungtam")
    scan = tmp_path / "Thu chi 2026-2027.pdf"
    scan.write_bytes(pdf_bytes("Thu chi nam hoc 2026-2027"))
    page = phone_page
    log_in(page, live_server, user)

    page.goto(live_server.url + ADD)
    expect(page.locator("#id_organization")).to_have_value(str(center().pk))
    # The center's articles only (item 10): 10 and 11, never the school's 8 and 9.
    basis = page.locator("#id_basis")
    expect(basis.locator('option[value="tt09-2024-d10"]')).to_have_count(1)
    expect(basis.locator('option[value="tt09-2024-d8"]')).to_have_count(0)
    page.locator("#id_school_year").fill("2026-2027")
    basis.select_option("tt09-2024-d5")
    title = "Công khai thu, chi tài chính năm học 2026-2027"
    page.locator("#id_title").fill(title)
    page.locator("#id_file").set_input_files(str(scan))
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Lưu", exact=True).click()

    # Not published: asked first, with the draft kept.
    expect(page.locator("h1")).to_have_text("Công bố văn bản này?")
    expect(page.get_by_text("Sau khi công bố, văn bản không thể xóa")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / "disclosures-publish-confirm-phone.png", full_page=True)
    document = DisclosureDocument.objects.get(title=title)
    assert document.status == DisclosureDocument.Status.DRAFT

    page.get_by_role("link", name="Xem trước trang bà con sẽ thấy").click()
    expect(page.locator(".dc-preview")).to_contain_text("Chưa công bố")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".dc-kind")).to_have_text("Thu, chi tài chính")
    expect(page.get_by_role("link", name="Tải về (PDF, dưới 1 KB)")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / "disclosures-preview-phone.png", full_page=True)

    page.locator(".dc-preview").get_by_role("link", name="Công bố…").click()
    page.get_by_role("button", name="Có, công bố").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã công bố 1 văn bản")
    document.refresh_from_db()
    assert document.status == DisclosureDocument.Status.PUBLISHED

    page.goto(live_server.url + document.get_absolute_url())
    expect(page.locator(".dc-preview")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(title)
    page.screenshot(path=artifacts_dir / "disclosures-published-phone.png", full_page=True)


def test_the_bases_follow_the_chosen_organization(live_server, page, artifacts_dir):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, administrator(username="quantri"))
    page.goto(live_server.url + ADD)
    organization, basis = page.locator("#id_organization"), page.locator("#id_basis")
    school_only = basis.locator('option[value="tt09-2024-d8"]')
    center_only = basis.locator('option[value="tt09-2024-d10"]')

    organization.select_option(str(center().pk))
    expect(school_only).to_be_disabled()
    expect(center_only).to_be_enabled()
    basis.select_option("tt09-2024-d10")

    organization.select_option(str(school().pk))
    expect(center_only).to_be_disabled()
    expect(school_only).to_be_enabled()
    expect(basis).to_have_value("")  # the center's article does not stay chosen
    expect(basis.locator('option[value="legacy-form"]')).to_be_enabled()
    page.screenshot(path=artifacts_dir / "disclosures-admin-bases-desktop.png", full_page=True)


def test_a_villager_reads_the_register_and_a_document_at_desktop_width(
    live_server, page, artifacts_dir
):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/cong-khai/?don-vi=truong-thcs-tien-tan")
    expect(page.locator("#f-basis option[value='tt09-2024-d10']")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "disclosures-register-desktop.png", full_page=True)
    page.get_by_role("link", name="Công khai thu, chi tài chính năm học 2025-2026").click()
    expect(page.locator(".dc-kind")).to_have_text("Thu, chi tài chính")
    details = page.locator("details.dc-details")
    expect(details.get_by_text("TT 09/2024 Điều 5", exact=False)).to_be_hidden()
    details.locator("summary").click()
    expect(details.get_by_text("TT 09/2024 Điều 5", exact=False)).to_be_visible()
    page.screenshot(path=artifacts_dir / "disclosures-document-desktop.png", full_page=True)
