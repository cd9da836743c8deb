"""The self-assessment staff pages (/quan-ly/tu-danh-gia/) and the evidence the portal computes
from its own classes, news and disclosures for a calendar year."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessment import evidence
from assessment.models import Indicator, IndicatorAnswer, LegacyAssessmentResult, SelfAssessment
from assessment.seed import ensure_indicators, ensure_legacy_results
from classes.models import Course
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.classes.factories import CourseFactory, SessionFactory
from tests.disclosures.factories import DocumentFactory, center, pdf_bytes, school, stored_files
from tests.factories import PASSWORD, center_staff, school_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def _configuration(db):
    """What the migrations add; a transactional test's flush removes it."""
    ensure_organizations(Organization)
    ensure_indicators(Indicator)
    ensure_legacy_results(LegacyAssessmentResult)


@pytest.fixture
def year_2025():
    return SelfAssessment.objects.create(year=2025)


def held_class(start, end=None, **kwargs):
    return CourseFactory(
        start_date=start,
        end_date=end,
        enrollment_opens=None,
        enrollment_closes=None,
        **kwargs,
    )


def at(day):
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=TZ)


# What the portal's records show.


def test_classes_held_counts_the_classes_that_ran_in_the_year_only(year_2025):
    d = datetime.date
    held_class(d(2025, 3, 1), d(2025, 4, 1))
    held_class(d(2024, 11, 1), d(2025, 2, 1))  # runs into 2025
    held_class(d(2025, 12, 20))  # no end date, starts in 2025
    held_class(d(2024, 3, 1), d(2024, 5, 1))  # another year
    held_class(d(2026, 1, 5), d(2026, 2, 5))
    held_class(d(2023, 1, 5))  # no end date, an earlier year
    held_class(d(2025, 5, 1), d(2025, 6, 1), status=Course.Status.DRAFT)  # not published
    result = evidence.classes_held(year_2025)
    assert result.passed
    assert result.summary == "Cổng thông tin: 3 lớp học trong năm 2025 — đạt"


def test_no_class_in_the_year_is_not_met(year_2025):
    held_class(datetime.date(2024, 3, 1), datetime.date(2024, 5, 1))
    result = evidence.classes_held(year_2025)
    assert not result.passed
    assert result.summary == "Cổng thông tin: 0 lớp học trong năm 2025 — chưa đạt"


def center_document(basis, school_year, **kwargs):
    return DocumentFactory(organization=center(), basis=basis, school_year=school_year, **kwargs)


def test_plan_and_report_needs_both_published_by_the_center(year_2025):
    result = evidence.plan_and_report(year_2025)
    assert not result.passed
    assert "chưa công khai kế hoạch" in result.summary
    # A plan, a report of 2024 (filed under 2024-2025), the school's report, a draft report:
    center_document(Basis.TT09_2024_ART11, "2024-2025", title="Kế hoạch hoạt động 2025")
    center_document(Basis.TT09_2024_ART14, "2024-2025", title="Báo cáo thường niên 2024")
    DocumentFactory(organization=school(), basis=Basis.TT09_2024_ART14, school_year="2025-2026")
    center_document(
        Basis.TT09_2024_ART14,
        "2025-2026",
        title="Báo cáo nháp",
        status=DisclosureDocument.Status.DRAFT,
    )
    result = evidence.plan_and_report(year_2025)
    assert not result.passed
    assert "đã công khai kế hoạch; chưa công khai báo cáo thường niên" in result.summary
    # The report on 2025 (figures to 31/12/2025) is due by 30/6/2026: school year 2025-2026.
    center_document(Basis.TT09_2024_ART14, "2025-2026", title="Báo cáo thường niên 2025")
    result = evidence.plan_and_report(year_2025)
    assert result.passed
    assert result.summary.endswith("— đạt")
    assert [label for label, _url in result.links] == [
        "Kế hoạch hoạt động 2025",
        "Báo cáo thường niên 2025",
    ]


def test_lifelong_week_counts_classes_in_the_week_and_not_outside(year_2025):
    outside = held_class(datetime.date(2025, 9, 1), datetime.date(2025, 12, 1))
    SessionFactory(course=outside, date=datetime.date(2025, 10, 10))
    SessionFactory(course=outside, date=datetime.date(2024, 10, 3))
    assert not evidence.lifelong_week(year_2025).passed
    SessionFactory(course=outside, date=datetime.date(2025, 10, 3))
    result = evidence.lifelong_week(year_2025)
    assert result.passed
    assert result.summary.startswith("Cổng thông tin, tuần 01/10/2025–07/10/2025: 1 lớp học")


def test_lifelong_week_counts_news_of_the_week_or_about_it(year_2025):
    ArticleFactory(title="Họp xóm 3", published_at=at(datetime.date(2025, 10, 20)))
    ArticleFactory(title="Hưởng ứng năm trước", published_at=at(datetime.date(2024, 10, 2)))
    assert not evidence.lifelong_week(year_2025).passed
    ArticleFactory(title="Khai mạc lớp dưỡng sinh", published_at=at(datetime.date(2025, 10, 2)))
    # News of the week is shown for staff to judge, but is not evidence on its own.
    unrelated = evidence.lifelong_week(year_2025)
    assert not unrelated.passed and [t for t, _u in unrelated.links] == ["Khai mạc lớp dưỡng sinh"]
    ArticleFactory(
        title="Xã Tiên Tân tổng kết Tuần lễ hưởng ứng học tập suốt đời",
        published_at=at(datetime.date(2025, 10, 25)),
    )
    result = evidence.lifelong_week(year_2025)
    assert result.passed
    assert "0 lớp học, 2 bài tin" in result.summary
    assert {label for label, _url in result.links} == {
        "Khai mạc lớp dưỡng sinh",
        "Xã Tiên Tân tổng kết Tuần lễ hưởng ứng học tập suốt đời",
    }


def test_the_week_follows_the_dates_staff_set(year_2025):
    course = held_class(datetime.date(2025, 9, 1), datetime.date(2025, 12, 1))
    SessionFactory(course=course, date=datetime.date(2025, 10, 10))
    year_2025.week_start = datetime.date(2025, 10, 6)
    year_2025.week_end = datetime.date(2025, 10, 12)
    assert evidence.lifelong_week(year_2025).passed


# The pages.


def test_anonymous_visitors_are_sent_to_log_in_and_school_staff_are_refused(client, year_2025):
    urls = [
        reverse("assessment-list"),
        reverse("assessment-checklist", args=[2025]),
        reverse("assessment-print", args=[2025]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(school_staff())
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(urls[1], {}).status_code == 403
    assert client.post(urls[0], {"year": 2024, "target_level": 1}).status_code == 403
    assert SelfAssessment.objects.count() == 1


def test_center_staff_start_a_year_and_see_its_checklist(client):
    client.force_login(center_staff())
    page = client.get(reverse("assessment-list")).content.decode()
    assert "Thông tư 44/2014" in page and "93,5/100" in page
    response = client.post(reverse("assessment-list"), {"year": 2025, "target_level": 2})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment-checklist", args=[2025])
    assert SelfAssessment.objects.get().target_level == 2
    # The year is taken now: asking for it again changes nothing.
    again = client.post(reverse("assessment-list"), {"year": 2025, "target_level": 1})
    assert again.status_code == 400
    assert SelfAssessment.objects.get().target_level == 2


def test_the_checklist_shows_the_portals_evidence_and_pre_fills_it(client, year_2025):
    held_class(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))
    client.force_login(center_staff())
    response = client.get(reverse("assessment-checklist", args=[2025]))
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert "Cổng thông tin: 1 lớp học trong năm 2025 — đạt" in html
    placeholder = Indicator.objects.get(code="3.x")
    checked = re.search(rf'name="c{placeholder.pk}-result" value="(\w+)"[^>]*checked', html)
    assert checked.group(1) == "yes"  # suggested, not yet saved
    assert not IndicatorAnswer.objects.exists()
    assert "cần đối chiếu văn bản gốc" in html


def post_data(overrides=None, assessment=None):
    """Every indicator "met", the header unchanged."""
    data = {"ts-target_level": 1, "ts-status": "draft", "ts-notes": ""}
    for indicator in Indicator.objects.all():
        data[f"c{indicator.pk}-result"] = "yes"
        data[f"c{indicator.pk}-note"] = ""
        data[f"c{indicator.pk}-evidence_link"] = ""
    data.update(overrides or {})
    return data


def test_saving_the_checklist_reaches_a_level_and_the_printout_says_so(client, year_2025):
    client.force_login(center_staff())
    url = reverse("assessment-checklist", args=[2025])
    budget = Indicator.objects.get(code="2.1")
    data = post_data(
        {
            f"c{budget.pk}-note": "Dự toán ngân sách xã năm 2025 có mục xây dựng XHHT.",
            f"c{budget.pk}-evidence_file": SimpleUploadedFile("du-toan.pdf", pdf_bytes()),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert IndicatorAnswer.objects.filter(result="yes").count() == 9
    assert IndicatorAnswer.objects.get(indicator=budget).evidence_file_type == "pdf"
    printout = client.get(reverse("assessment-print", args=[2025])).content.decode()
    assert "xã đạt mức độ 2" in printout
    assert "Dự toán ngân sách xã năm 2025" in printout
    assert "Tệp đính kèm (PDF" in printout
    assert "93,5/100" in printout  # the TT 44/2014 result, as history

    five = Indicator.objects.get(code="5.x")
    client.post(url, post_data({f"c{five.pk}-result": "level1"}))
    assert (
        "xã đạt mức độ 1" in client.get(reverse("assessment-print", args=[2025])).content.decode()
    )
    client.post(url, post_data({f"c{five.pk}-result": "no"}))
    printout = client.get(reverse("assessment-print", args=[2025])).content.decode()
    assert "chưa đạt: chưa đạt tất cả các chỉ tiêu của mức độ 1" in printout


def test_html_disguised_as_pdf_is_refused_and_nothing_is_saved(client, year_2025, settings):
    client.force_login(center_staff())
    first, second = Indicator.objects.all()[:2]
    data = post_data(
        {
            f"c{first.pk}-evidence_file": SimpleUploadedFile("ke-hoach.pdf", pdf_bytes()),
            f"c{second.pk}-evidence_file": SimpleUploadedFile("bao-cao.pdf", HTML_AS_PDF),
        }
    )
    response = client.post(reverse("assessment-checklist", args=[2025]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa lưu gì" in html
    assert "Nội dung tệp này không phải tệp PDF thật" in html
    assert not IndicatorAnswer.objects.exists()
    assert stored_files(settings) == []


def test_a_final_year_ignores_posted_answers_until_it_is_reopened(client, year_2025):
    year_2025.status = SelfAssessment.Status.FINAL
    year_2025.save()
    client.force_login(center_staff())
    url = reverse("assessment-checklist", args=[2025])
    assert "đã chốt" in client.get(url).content.decode()
    client.post(url, post_data({"ts-status": "final"}))
    assert not IndicatorAnswer.objects.exists()
    client.post(url, post_data({"ts-status": "draft"}))  # reopening saves no answer yet
    assert not IndicatorAnswer.objects.exists()
    client.post(url, post_data())
    assert IndicatorAnswer.objects.count() == 9


def test_an_unknown_year_is_404(client):
    client.force_login(center_staff())
    assert client.get(reverse("assessment-checklist", args=[2031])).status_code == 404
    assert client.get(reverse("assessment-print", args=[2031])).status_code == 404


def test_the_checklist_queries_stay_flat(client, year_2025, django_assert_max_num_queries):
    for n in range(5):
        held_class(datetime.date(2025, 3, 1 + n), datetime.date(2025, 4, 1))
        ArticleFactory(published_at=at(datetime.date(2025, 10, 2)))
    client.force_login(center_staff())
    client.post(reverse("assessment-checklist", args=[2025]), post_data())
    # Session, user, permissions (2), the year, indicators, answers, then one query per
    # portal source: classes in the week, news (2), documents, classes in the year; and the
    # footer's center contacts, read again once the save changed the content version.
    with django_assert_max_num_queries(13):
        assert client.get(reverse("assessment-checklist", args=[2025])).status_code == 200
    with django_assert_max_num_queries(14):  # and the TT 44/2014 results
        assert client.get(reverse("assessment-print", args=[2025])).status_code == 200


# On a phone and on paper.


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_answer_the_checklist_on_a_phone_and_print_the_summary(
    live_server, phone_page, artifacts_dir, browser
):
    staff = center_staff(username="canbo-tudanhgia")
    held_class(datetime.date(2025, 3, 1), datetime.date(2025, 4, 1), title="Lớp trồng lúa")
    page = phone_page
    page.goto(live_server.url + reverse("assessment-list"))
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_label("Năm đánh giá").select_option("2025")
    page.get_by_role("button", name="Bắt đầu tự đánh giá").click()
    expect(page.locator("h1")).to_have_text("Tự đánh giá năm 2025")
    row = page.locator("fieldset.indicator", has_text="2.1")
    row.get_by_label("Đạt", exact=True).check()
    row.get_by_label("Ghi chú").fill("Dự toán ngân sách xã năm 2025.")
    row.get_by_label("Tệp minh chứng").set_input_files(
        files=[{"name": "du-toan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "self-assessment-phone.png")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(re.compile(r"Đã lưu: \d+ chỉ tiêu thay đổi"))).to_be_visible()
    answer = IndicatorAnswer.objects.get(indicator__code="2.1")
    assert (answer.result, answer.evidence_file_type) == ("yes", "pdf")
    # The class the portal knows was pre-filled as met for criterion 3 and saved with it.
    assert IndicatorAnswer.objects.get(indicator__code="3.x").result == "yes"

    desktop = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    desktop.add_cookies(phone_page.context.cookies())
    paper = desktop.new_page()
    paper.goto(live_server.url + reverse("assessment-print", args=[2025]))
    expect(paper.locator("h1")).to_contain_text("Bản tổng hợp kết quả đánh giá")
    expect(paper.locator(".conclusion")).to_contain_text("chưa đạt")
    expect(paper.locator(".assessment-legacy")).to_contain_text("93,5/100")
    paper.screenshot(path=artifacts_dir / "self-assessment-print-desktop.png", full_page=True)
    desktop.close()
