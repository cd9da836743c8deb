"""A villager asks a question on a phone; a staff member answers it in the admin on a phone;
the villager finds the answer on /hoi-dap/ without diacritics (issue 16, part 1)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from questions.models import Question
from tests.factories import PASSWORD, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_answer_and_find_it_on_a_phone(live_server, phone_page, artifacts_dir):
    staff = center_staff(username="canbo-hoidap")
    page = phone_page
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Hỏi đáp").click()
    expect(page.locator("h1")).to_have_text("Hỏi đáp")
    page.get_by_role("link", name="Gửi câu hỏi").first.click()
    page.get_by_label("Câu hỏi ngắn gọn").fill("Khi nào mở lớp trồng nấm rơm?")
    page.get_by_label("Nội dung câu hỏi").fill("Nhà tôi có nhiều rơm, muốn học trồng nấm.")
    page.get_by_label("Thư điện tử để nhận câu trả lời (không bắt buộc)").fill("bac.nam@example.vn")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    # The e-mail without consent is refused, with what to do.
    expect(page.locator(".alert-danger")).to_contain_text("đánh dấu vào ô đồng ý")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.locator("h1")).to_have_text("Đã nhận câu hỏi")
    assert "nam@" not in page.url
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "question-asked-phone.png", full_page=True)

    # The staff member answers on a phone and publishes.
    page.goto(live_server.url + "/admin/questions/question/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="Khi nào mở lớp trồng nấm rơm?").click()
    page.locator("#id_answer").fill("Tháng 1 năm sau trung tâm mở lớp trồng nấm rơm, học buổi tối.")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi câu trả lời qua thư điện tử")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bac.nam@example.vn"]
    assert Question.objects.get().is_published()
    page.context.clear_cookies()  # signed out: a villager again

    # The villager finds it, typing without diacritics.
    page.goto(live_server.url + "/hoi-dap/")
    page.get_by_role("searchbox", name="Tìm trong các câu trả lời").fill("nam rom")
    page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Khi nào mở lớp trồng nấm rơm?").click()
    expect(page.locator(".qa-answer")).to_contain_text("Tháng 1 năm sau")
    expect(page.locator("main")).not_to_contain_text("bac.nam@example.vn")
    # Measured once the stylesheet is in: unstyled, a picture is as wide as its file.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "hoi-dap-phone.png", full_page=True)
