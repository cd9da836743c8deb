import re

import pytest
from playwright.sync_api import expect

from survey.models import SurveyResponse
from tests.factories import hamlet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_answers_the_survey_on_a_phone(live_server, phone_page, artifacts_dir):
    hamlet()
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile("Bà con muốn học gì")).click()
    expect(page.locator("h1")).to_have_text("Bà con muốn học gì?")

    # A name without the consent box: told why, nothing saved.
    page.get_by_label("Tin học").check()
    page.get_by_label("Xóm của bà con").select_option(label="Xóm 4")
    page.get_by_label("Họ và tên (không bắt buộc)").fill("Lê Thị Thử")
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    expect(page.get_by_text(re.compile("hãy đánh dấu ô đồng ý"))).to_be_visible()
    assert not SurveyResponse.objects.exists()

    page.get_by_label("Tập huấn kỹ thuật").check()
    page.get_by_label("Nội dung khác (ghi rõ)").fill("Nấu ăn")
    page.get_by_label("Buổi tối").check()
    page.get_by_label("Sau gặt vụ mùa (tháng 11–12)").check()
    page.get_by_label("Điện thoại (không bắt buộc)").fill("0912 345 678")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi phiếu trả lời").click()

    expect(page.locator("h1")).to_have_text("Cảm ơn bà con đã trả lời")
    saved = SurveyResponse.objects.get()
    assert saved.phone == "0912345678" and saved.other_topic == "Nấu ăn"
    assert sorted(saved.choices.values_list("value", flat=True)) == [
        "after-autumn",
        "evening",
        "it",
        "technical",
    ]
    assert "0912" not in page.url and "Th%E1%BB%AD" not in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "survey-phone.png", full_page=True)


def test_the_paper_survey_prints_on_one_a4_page(live_server, page, artifacts_dir):
    hamlet()
    page.goto(live_server.url + "/khao-sat/in/")
    expect(page.get_by_role("button", name="In phiếu")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="In phiếu")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    page.screenshot(path=artifacts_dir / "survey-paper-print.png", full_page=True)
    pdf = page.pdf(prefer_css_page_size=True)
    # One portrait A4 sheet (595 × 842 points): the survey's named page, not the landscape
    # page the attendance sheet uses.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    width, height = map(float, re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert round(width) in (595, 596) and round(height) in (842, 843)


def test_other_ticked_with_a_topic_reaches_staff_as_one_wish(
    live_server, phone_page, artifacts_dir
):
    """A villager ticks “Khác” and writes “Nấu ăn”; on a phone, staff read one request for
    cooking and none for “Khác”."""
    from tests.factories import PASSWORD, center_staff

    hamlet()
    page = phone_page
    page.goto(live_server.url + "/khao-sat/")
    page.get_by_label("Khác", exact=True).check()
    page.locator("#id_other_topic").fill("Nấu ăn")
    page.locator("#id_hamlet").select_option(label="Xóm 4")
    page.locator("form.survey-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/khao-sat/cam-on/$"))

    staff = center_staff(username="canbo-khaosat")
    page.goto(live_server.url + "/quan-ly/khao-sat/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    rows = page.locator("table.survey-topics tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_have_text("Nấu ăn")
    expect(rows.first.locator("td").first).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "survey-demand-other-phone.png", full_page=True)
