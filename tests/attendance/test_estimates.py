"""Records and estimates told apart (issue 15, item 2): a class whose figures were
reconstructed (`Course.figures_source`) is marked wherever its figures are shown."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from openpyxl import load_workbook

from attendance.statistics import compute
from classes.models import Course, FiguresSource, Kind
from organizations.models import Organization
from organizations.seed import ensure_organizations
from portal import reports
from tests.classes.factories import PartnerFactory, historical_course
from tests.factories import administrator, center_staff

pytestmark = pytest.mark.django_db

MARK = '<span class="estimate-mark">có ước tính</span>'
ESTIMATE = FiguresSource.ESTIMATE


@pytest.fixture
def mixed():
    """2015: a recorded vocational class (35) with the district centre; 2016: an estimated
    law class (150) with the commune's justice section and a recorded one (20)."""
    nghe = PartnerFactory(name="Trung tâm Dạy nghề huyện", short_name="TT Dạy nghề")
    tuphap = PartnerFactory(name="Ban Tư pháp xã", short_name="Tư pháp xã")
    historical_course(2015, 35, title="Dạy nghề mộc").partners.add(nghe)
    guessed = historical_course(
        2016, 150, kind=Kind.LAW, title="Tuyên truyền Luật Đất đai", figures_source=ESTIMATE
    )
    guessed.partners.add(tuphap)
    historical_course(2016, 20, kind=Kind.LAW, title="Luật Giao thông")
    return guessed


def rows_of(html, caption):
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">(.*?)</th>', table)


def test_figures_say_how_much_is_estimated(mixed):
    f = compute()
    assert (f.classes, f.learners, f.estimated_classes, f.estimated_learners) == (3, 205, 1, 150)
    assert [(r, r.estimated_classes, r.estimated_learners) for r in f.by_year] == [
        ((2015, 1, 35), 0, 0),
        ((2016, 2, 170), 1, 150),
    ]
    assert {r[0]: r.estimated for r in f.by_kind} == {"Dạy nghề": False, "Pháp luật": True}
    assert {r[0]: r.estimated for r in f.by_partner} == {
        "TT Dạy nghề": False,
        "Tư pháp xã": True,
        "Trung tâm tự tổ chức": False,
    }
    assert [(r[0], r.estimated_learners) for r in f.by_sex][-1] == ("Chưa ghi nhận", 150)


def test_statistics_page_marks_the_lines_with_estimates_and_explains_them(client, mixed):
    html = client.get("/thong-ke/").content.decode()
    assert rows_of(html, "Số lớp và học viên theo năm") == [
        "2015",
        f"2016 {MARK}",
        f"Tổng cộng {MARK}",
    ]
    assert rows_of(html, "Số lớp và học viên theo loại lớp") == ["Dạy nghề", f"Pháp luật {MARK}"]
    assert f"Tư pháp xã {MARK}" in rows_of(html, "theo đơn vị phối hợp")
    assert "TT Dạy nghề" in rows_of(html, "theo đơn vị phối hợp")
    legend = html.split('class="estimate-legend"', 1)[1].split("</div>", 1)[0]
    assert "Trong đó <strong>1</strong> lớp với <strong>150</strong> học viên" in legend
    assert "Số liệu ghi nhận" in legend and "Ước tính (số liệu minh họa)" in legend
    # On the charts, the estimated part of a bar is an outline with a dashed border.
    assert html.count('class="chart-estimate"') == 4  # the 2016, law, justice, unrecorded bars


def test_a_span_of_records_only_shows_no_mark(client, mixed):
    html = client.get("/thong-ke/", {"start": 2015, "end": 2015}).content.decode()
    assert "estimate-mark" not in html and "estimate-legend" not in html
    assert "chart-estimate" not in html


def test_downloads_give_the_estimated_part_of_every_line(client, mixed):
    text = client.get("/thong-ke/tai-ve.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Số liệu", "Lớp học", "Học viên", "Lớp ước tính", "Học viên ước tính"]
    assert rows[1] == ["Tổng cộng", "3", "205", "1", "150"]
    assert ["2016", "2", "170", "1", "150"] in rows and ["2015", "1", "35", "0", "0"] in rows
    assert ["Pháp luật", "2", "170", "1", "150"] in rows
    assert ["Chưa ghi nhận", "", "205", "", "150"] in rows
    assert any(r and r[0].startswith("Ghi chú: Ước tính (số liệu minh họa):") for r in rows)
    sheet = load_workbook(io.BytesIO(client.get("/thong-ke/tai-ve.xlsx").content)).active
    xlsx = list(sheet.iter_rows(values_only=True))
    assert xlsx[1] == ("Tổng cộng", 3, 205, 1, 150)
    assert ("Tư pháp xã", 1, 150, 1, 150) in xlsx


def test_class_page_and_list_say_a_class_is_an_estimate(client, mixed):
    page = client.get(mixed.get_absolute_url()).content.decode()
    assert "Ước tính (số liệu minh họa)" in page and "không phải hồ sơ ghi nhận" in page
    recorded = Course.objects.get(title="Dạy nghề mộc")
    assert "estimate-mark" not in client.get(recorded.get_absolute_url()).content.decode()
    listing = client.get("/lop-hoc/", {"year": 2016}).content.decode()
    card = listing.split("Tuyên truyền Luật Đất đai", 1)[1].split("</li>", 1)[0]
    assert "ước tính" in card
    assert "ước tính" not in listing.split("Luật Giao thông", 1)[1].split("</li>", 1)[0]


def test_home_about_and_partner_pages_say_what_part_is_estimated(client, mixed):
    share = "Trong đó 1 lớp (150 học viên) là ước tính (số liệu minh họa)"
    home = client.get("/").content.decode()
    assert "<strong>3</strong> lớp · <strong>205</strong> học viên" in home and share in home
    assert share in client.get("/gioi-thieu/").content.decode()
    partners = client.get("/gioi-thieu/doi-tac/").content.decode()
    justice = partners.split("Ban Tư pháp xã", 1)[1].split("</li>", 1)[0]
    assert "trong đó 1 lớp ước tính" in justice
    assert "ước tính" not in partners.split("Trung tâm Dạy nghề huyện", 1)[1].split("</li>")[0]


def test_yearly_report_marks_estimates_on_the_page_and_in_the_pdf(client, mixed):
    ensure_organizations(Organization)
    client.force_login(center_staff())
    html = client.get("/quan-ly/bao-cao-nam/2016/").content.decode()
    assert 'class="estimate-legend"' in html and "Pháp luật " + MARK in html
    assert "estimate-mark" not in client.get("/quan-ly/bao-cao-nam/2015/").content.decode()
    from tests.portal.test_yearly_report import pdf_text

    _pages, text = pdf_text(
        render_to_string(
            "portal/reports/yearly_report.html",
            {"report": reports.build(2016), "base_template": "portal/reports/pdf_base.html"},
        )
    )
    assert "có ước tính" in text and "Ước tính (số liệu minh họa)" in text


def test_staff_set_the_source_of_a_class_figures_in_the_admin(client, mixed):
    client.force_login(administrator())
    recorded = Course.objects.get(title="Dạy nghề mộc")
    url = f"/admin/classes/course/{recorded.pk}/change/"
    page = client.get(url).content.decode()
    assert "Nguồn số liệu" in page and "báo cáo chỉ có số tổng" in page
    listed = client.get("/admin/classes/course/", {"figures_source__exact": "estimate"})
    assert "Tuyên truyền Luật Đất đai" in listed.content.decode()
    assert "Dạy nghề mộc" not in listed.content.decode()


def test_self_assessment_does_not_count_estimated_classes_as_evidence(mixed):
    """A reconstruction is no evidence that a class was held: it is named, not counted."""
    from assessment import evidence as assessment
    from assessment.models import SelfAssessment

    result = assessment.classes_held(SelfAssessment(year=2016))  # (only its period is read)
    assert result.summary == (
        "Cổng thông tin: 1 lớp học trong năm 2016 (và 1 lớp có số liệu ước tính, không được "
        "tính) — đạt"
    )
    mixed.figures_source = FiguresSource.RECORD
    mixed.save()
    assert "ước tính" not in assessment.classes_held(SelfAssessment(year=2016)).summary


def test_demo_marks_what_it_invented_and_says_so():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    history = Course.objects.filter(start_date__year__lte=2019)
    records = history.filter(figures_source=FiguresSource.RECORD)
    # The classes the seed article names with their learners keep what it says.
    assert sorted(records.values_list("title", flat=True)) == sorted(
        [
            "Dạy nghề chăn nuôi lợn",
            "Dạy nghề chăn nuôi lợn (khóa 2)",
            "Dạy nghề may công nghiệp",
            "Dạy nghề may công nghiệp (khóa 2)",
            "Dạy nghề mộc mỹ nghệ",
            "Dạy nghề trồng cây cảnh",
            "Dạy nghề trồng cây cảnh (khóa 2)",
            "Dạy nghề trồng lúa",
        ]
    )
    assert sum(records.values_list("reported_learners", flat=True)) == 276
    assert history.filter(figures_source=ESTIMATE).count() == 42
    f = compute(2012, 2019)
    assert (f.estimated_classes, f.estimated_learners) == (42, 3554 - 276)
    said = out.getvalue()
    assert "42 classes" in said and "estimates" in said and "dates of all of them" in said
    # No address ends in "-demo" (they reach the posters' QR codes).
    assert not Course.objects.filter(slug__endswith="demo").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_estimates_are_marked_and_explained(live_server, phone_page, artifacts_dir):
    call_command("load_demo", stdout=io.StringIO())
    page = phone_page
    page.goto(live_server.url + "/thong-ke/?start=2012&end=2019")
    legend = page.locator(".estimate-legend")
    assert legend.is_visible() and "42" in legend.inner_text()
    assert page.locator("#stat-year ~ .stat-grid .estimate-mark").count() == 9  # 8 years, total
    assert page.locator("svg .chart-estimate").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "statistics-estimates-phone.png", full_page=True)
    guessed = Course.objects.filter(figures_source=ESTIMATE).first()
    page.goto(live_server.url + guessed.get_absolute_url())
    assert page.locator(".estimate-legend").is_visible()
    page.screenshot(path=artifacts_dir / "class-estimate-phone.png", full_page=True)
    page.goto(live_server.url + "/")
    assert page.locator("#box-figures ~ .estimate-share, .estimate-share").first.is_visible()
    page.locator(".estimate-share").first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "home-figures-phone.png")
