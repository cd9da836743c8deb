"""A villager on a 360×740 phone finds who runs the center and how to reach it."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_finds_the_board_and_calls_the_center(live_server, phone_page, artifacts_dir):
    call_command("load_demo", stdout=io.StringIO())
    page = phone_page
    page.goto(live_server.url + "/")

    # Seven menu items in two rows: the header stays short on a phone.
    items = page.locator(".site-nav a")
    tops = {round(box["y"]) for box in (items.nth(i).bounding_box() for i in range(7))}
    assert len(tops) == 2

    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Giới thiệu").click()
    expect(page.locator("h1")).to_have_text("Giới thiệu trung tâm")
    expect(page.get_by_role("heading", name="Quá trình hình thành và phát triển")).to_be_visible()
    page.get_by_role("navigation", name="Giới thiệu trung tâm").get_by_role(
        "link", name="Ban giám đốc"
    ).click()
    expect(page).to_have_url(re.compile(r"/gioi-thieu/ban-giam-doc/$"))
    director = page.locator(".person").filter(has_text="Giám đốc").first
    expect(director).to_contain_text("Phó Chủ tịch UBND xã")
    # The demo's made-up number is shown, marked, but is not a link to call.
    expect(director).to_contain_text("Điện thoại: 0900 000 001")
    expect(director.locator(".example-mark")).to_be_visible()
    expect(director.get_by_role("link", name=re.compile("Điện thoại"))).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "center-board-phone.png", full_page=True)

    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Liên hệ").click()
    expect(page.locator("h1")).to_have_text("Liên hệ")
    card = page.locator(".contact-card")
    expect(card).to_contain_text("Trụ sở UBND xã Tiên Tân")
    expect(card).to_contain_text("0226 3000 000")
    expect(card.get_by_role("link", name="0226 3000 000")).to_have_count(0)
    expect(page.locator('a[href^="tel:"], a[href^="mailto:"]')).to_have_count(0)
    expect(page.get_by_role("link", name="Xem vị trí trên bản đồ")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "center-contact-phone.png", full_page=True)
