"""A villager reads the center's week on a phone, goes to the next week and opens a class
from it (issue 16, part 5)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agenda.models import Event
from tests.classes.factories import CourseFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_read_the_week_and_open_a_class_on_a_phone(live_server, phone_page, artifacts_dir):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    Event.objects.create(
        title="Giao ban tuần của Ban giám đốc", date=monday, start_time=datetime.time(7, 30),
        end_time=datetime.time(9), place="Phòng họp UBND xã", chaired_by="Giám đốc trung tâm",
    )  # fmt: skip
    course = CourseFactory(title="Trồng cây cảnh")
    SessionFactory(course=course, date=monday + datetime.timedelta(days=9),
                   start_time=datetime.time(19), end_time=datetime.time(21))  # fmt: skip
    page = phone_page
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Lịch công tác").click()
    expect(page.locator("h1")).to_have_text("Lịch công tác")
    expect(page.locator(".agenda-table")).to_contain_text("Giao ban tuần của Ban giám đốc")
    expect(page.locator(".agenda-table")).to_contain_text("Chủ trì: Giám đốc trung tâm")
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "lich-cong-tac-phone.png", full_page=True)
    page.get_by_role("link", name="Tuần sau →").click()
    expect(page.locator(".agenda-week")).to_contain_text(
        (monday + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    )
    page.get_by_role("link", name="Trồng cây cảnh").click()
    expect(page.locator("h1")).to_have_text("Trồng cây cảnh")
    # Printing: the site's header and the week links are left out, the table stays.
    page.go_back()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".agenda-nav")).to_be_hidden()
    expect(page.locator(".agenda-table")).to_be_visible()
