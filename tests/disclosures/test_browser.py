"""Journeys on a 360×740 phone: a villager downloads a form; school staff upload one."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.uploads import sniff
from disclosures.models import DisclosureDocument
from tests.disclosures.factories import pdf_bytes, school
from tests.factories import PASSWORD, school_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#user-tools")).to_be_visible()


def test_villager_finds_the_2015_2016_forms_and_downloads_one(
    live_server, phone_page, artifacts_dir, tmp_path
):
    call_command("load_demo", stdout=io.StringIO())
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Công khai").click()
    expect(page.locator("h1")).to_have_text("Công khai")

    page.get_by_label("Năm học", exact=True).select_option("2015-2016")
    page.get_by_role("button", name="Xem").click()
    expect(page).to_have_url(re.compile(r"nam-hoc=2015-2016"))
    expect(page.get_by_role("heading", name="Năm học 2015-2016")).to_be_visible()
    expect(page.get_by_role("heading", name="Năm học 2025-2026")).to_have_count(0)
    forms = page.locator(".dc-item").filter(has_text="Biểu mẫu công khai")
    expect(forms).to_have_count(4)
    expect(forms.first).to_contain_text("Tải về (PDF, dưới 1 KB)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "disclosures-register-phone.png", full_page=True)

    page.get_by_role("link", name="Biểu mẫu công khai 09 năm học 2015-2016").click()
    expect(page.locator("h1")).to_have_text("Biểu mẫu công khai 09 năm học 2015-2016")
    # What it is first, in plain words; the circulars' numbers wait under "Chi tiết".
    expect(page.locator(".dc-kind")).to_have_text("Biểu mẫu công khai 09 (mẫu cũ)")
    legal = page.get_by_text("Biểu mẫu 09 (TT 09/2009, TT 36/2017)")
    expect(legal).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "disclosures-document-phone.png", full_page=True)
    page.get_by_text("Chi tiết", exact=True).click()
    expect(legal).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "disclosures-document-details-phone.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về (PDF, dưới 1 KB)").click()
    download = info.value
    assert download.suggested_filename == "Biểu mẫu công khai 09 năm học 2015-2016.pdf"
    saved = tmp_path / "tai-ve.pdf"
    download.save_as(saved)
    document = DisclosureDocument.objects.get(slug="bieu-mau-cong-khai-09-nam-hoc-2015-2016")
    assert saved.read_bytes() == document.file.open("rb").read()
    with saved.open("rb") as handle:
        assert sniff(handle).ext == "pdf"


def test_school_staff_upload_a_document_in_the_admin(
    live_server, phone_page, artifacts_dir, tmp_path
):
    user = school_staff(username="canbo.truong")
    scan = tmp_path / "Biểu mẫu 05 năm học 2026-2027.pdf"
    scan.write_bytes(pdf_bytes("Bieu mau 05 nam hoc 2026-2027"))
    page = phone_page
    log_in(page, live_server, user)

    page.goto(live_server.url + "/admin/disclosures/disclosuredocument/add/")
    # The school is preselected (it is the only organization this user publishes for).
    expect(page.locator("#id_organization")).to_have_value(str(school().pk))
    page.locator("#id_school_year").fill("2026-2027")
    page.locator("#id_basis").select_option("legacy-form")
    page.locator("#id_form_number").fill("05")
    page.locator("#id_title").fill("Biểu mẫu công khai 05 năm học 2026-2027")
    page.locator("#id_file").set_input_files(str(scan))
    # A new document is a draft (issue 15 item 4): saved as it comes, readers see nothing.
    expect(page.locator("#id_status")).to_have_value("draft")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("Đã thêm văn bản công khai")
    page.screenshot(path=artifacts_dir / "disclosures-admin-upload-phone.png", full_page=True)
    document = DisclosureDocument.objects.get(title="Biểu mẫu công khai 05 năm học 2026-2027")
    assert document.uploaded_by == user
    assert document.file_type == "pdf" and document.file_size == scan.stat().st_size
    assert Path(document.file.path).read_bytes() == scan.read_bytes()
    assert document.status == DisclosureDocument.Status.DRAFT

    # Its page in the admin offers the preview; no "view on site" for a page that is not there.
    page.locator("#result_list").get_by_role("link", name=document.title, exact=True).click()
    expect(page.locator(".object-tools").get_by_role("link", name="Xem trước")).to_be_visible()
    expect(page.locator(".viewsitelink")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "disclosures-admin-draft-phone.png", full_page=True)
    page.go_back()

    # Published from the list, after the confirmation.
    page.locator(f'input[name="_selected_action"][value="{document.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish_selected")
    page.locator(".actions").get_by_role("button", name="Thực hiện").click()
    expect(page.locator("h1")).to_have_text("Công bố văn bản này?")
    page.get_by_role("button", name="Có, công bố").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã công bố 1 văn bản")

    page.goto(live_server.url + "/cong-khai/?nam-hoc=2026-2027")
    expect(page.get_by_role("link", name="Biểu mẫu công khai 05 năm học 2026-2027")).to_be_visible()
