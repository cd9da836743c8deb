"""Staff make a class's sessions from a rule on a phone (item 9), in Chromium at 360×740."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.classes.factories import CourseFactory
from tests.factories import PASSWORD, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_make_twelve_sessions_from_a_rule_on_a_phone(live_server, phone_page, artifacts_dir):
    staff = center_staff(username="canbo-lichhoc")
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=14 + (1 - today.weekday()) % 7)
    course = CourseFactory(
        title="Tin học cho người cao tuổi",
        start_date=tuesday - datetime.timedelta(days=3),
        end_date=tuesday + datetime.timedelta(weeks=6),
    )
    day_off = tuesday + datetime.timedelta(weeks=2, days=2)  # a Thursday
    page = phone_page
    page.goto(f"{live_server.url}/admin/classes/course/{course.pk}/change/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="Tạo buổi học theo lịch").first.click()

    expect(page.get_by_label("Địa điểm")).to_have_value(course.place)
    page.get_by_label("Thứ Ba").check()
    page.get_by_label("Thứ Năm").check()
    page.get_by_label("Từ (giờ)").fill("19:00")
    page.get_by_label("Đến (giờ)").fill("21:00")
    page.get_by_label("Ngày đầu tiên").fill(tuesday.strftime("%d/%m/%Y"))
    page.get_by_label("Trong bao nhiêu tuần").fill("6")
    page.get_by_label("Ngày nghỉ").fill(day_off.strftime("%d/%m/%Y"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Xem trước").click()

    preview = page.locator(".gs-preview")
    expect(preview).to_contain_text("Xem trước: sẽ tạo 11 buổi học")
    expect(preview.locator("li")).to_have_count(11)
    expect(preview).to_contain_text(f"Ngày nghỉ, không học: {day_off:%d/%m/%Y}")
    assert not course.sessions.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "sessions-preview-phone.png", full_page=True)

    page.get_by_role("button", name="Tạo 11 buổi học này").click()
    expect(page.locator(".messagelist")).to_contain_text(
        re.compile(r"Đã tạo 11 buổi học: Thứ Ba và Thứ Năm, 19:00–21:00, từ \d\d/\d\d/\d{4}")
    )
    assert course.sessions.count() == 11
    page.screenshot(path=artifacts_dir / "sessions-made-phone.png")

    # What villagers then read on the class page, written from those sessions.
    page.goto(live_server.url + course.get_absolute_url())
    expect(page.locator(".facts")).to_contain_text(
        f"Thứ Ba và Thứ Năm, 19:00–21:00, từ {tuesday:%d/%m/%Y}"
    )
    first = page.locator(".facts dt", has_text="Buổi đầu tiên").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(first).to_have_text(f"Thứ Ba, {tuesday:%d/%m/%Y}, 19:00–21:00, tại {course.place}")
    page.screenshot(path=artifacts_dir / "sessions-class-page-phone.png", full_page=True)
