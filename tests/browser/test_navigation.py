import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_follows_the_navigation_on_a_phone(live_server, phone_page, artifacts_dir):
    page = phone_page
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("Tiên Tân")

    # The skip link is the first thing a keyboard reaches, and it is visible when focused.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    nav = page.get_by_role("navigation", name="Menu chính")
    for label, path in [
        ("Tin tức", "/tin-tuc/"),
        ("Lớp học", "/lop-hoc/"),
        ("Công khai", "/cong-khai/"),
        ("Thống kê", "/thong-ke/"),
        ("Giới thiệu", "/gioi-thieu/"),
    ]:
        nav.get_by_role("link", name=label).click()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator("h1")).to_be_visible()
    nav.get_by_role("link", name="Trang chủ").click()
    expect(page).to_have_url(live_server.url + "/")

    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "home-phone.png", full_page=True)
