"""A province official on a phone: signs in at the operator's host, reads the overview and the
disclosure calendar, and prints them."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.province.conftest import province_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def operator_url(live_server, settings):
    """The live server answers as the operator's host at 127.0.0.1 (localhost stays the
    suite's first center)."""
    settings.OPERATOR_HOSTS = ["127.0.0.1"]
    return live_server.url.replace("localhost", "127.0.0.1")


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_a_province_account_reads_the_overview(
    operator_url, phone_page, artifacts_dir, province
):
    page = phone_page
    account = province_account("Ninh Bình")
    page.goto(operator_url + "/?nam=2024")
    # Sent to the overview's sign-in page, and back after signing in.
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lớp học và học viên năm 2024")
    table = page.get_by_role("table", name="Lớp học và học viên của từng trung tâm năm 2024")
    expect(table.get_by_role("row", name="TTHTCĐ xã An-Khang")).to_contain_text("43")
    expect(table).not_to_contain_text("Cát Tường")
    expect(page.locator("svg.chart")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / "province-overview-phone.png", full_page=True)

    page.get_by_role("link", name="Lịch công khai").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lịch công khai")
    expect(page.locator("svg.chart")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / "province-calendar-phone.png", full_page=True)

    page.emulate_media(media="print")
    expect(page.locator(".province-filter")).to_be_hidden()
    expect(page.get_by_role("table").last).to_be_visible()
