"""The media disk full while school staff upload a document: a Vietnamese message, no row,
no half-written file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from disclosures.models import DisclosureDocument
from tests.disclosures.factories import ADD_URL, form_data, pdf_bytes, stored_files
from tests.diskfull import disk_with_free_space
from tests.factories import PASSWORD, school_staff

pytestmark = pytest.mark.django_db

MESSAGE = "ổ đĩa lưu tệp của máy chủ đã đầy"


def test_full_disk_during_a_document_upload(client, settings, monkeypatch):
    client.force_login(school_staff())
    upload = SimpleUploadedFile("bieu-mau.pdf", pdf_bytes() + b"%" * 20_000)
    with disk_with_free_space(monkeypatch, free=4096):
        response = client.post(ADD_URL, form_data(file=upload), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(ADD_URL, 302)]
    assert MESSAGE in response.content.decode()
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []

    # Once space is freed, the same upload works.
    upload.seek(0)
    response = client.post(ADD_URL, form_data(file=upload))
    assert response.status_code == 302
    document = DisclosureDocument.objects.get()
    assert (settings.MEDIA_ROOT / document.file.name).is_file()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_read_the_disk_full_message_on_a_phone(
    live_server, phone_page, artifacts_dir, tmp_path, settings, monkeypatch
):
    from organizations.models import Organization
    from organizations.seed import ensure_organizations

    ensure_organizations(Organization)
    user = school_staff(username="canbo.truong")
    scan = tmp_path / "Biểu mẫu 05.pdf"
    scan.write_bytes(pdf_bytes() + b"%" * 20_000)
    page = phone_page
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(live_server.url + ADD_URL)
    page.locator("#id_school_year").fill("2026-2027")
    page.locator("#id_basis").select_option("legacy-form")
    page.locator("#id_form_number").fill("05")
    page.locator("#id_title").fill("Biểu mẫu công khai 05 năm học 2026-2027")
    page.locator("#id_file").set_input_files(str(scan))
    with disk_with_free_space(monkeypatch, free=4096):
        page.get_by_role("button", name="Lưu", exact=True).click()
        expect(page.locator(".messagelist")).to_contain_text(MESSAGE)
    page.screenshot(path=artifacts_dir / "admin-disk-full-phone.png", full_page=True)
    assert DisclosureDocument.objects.count() == 0
    assert stored_files(settings) == []
