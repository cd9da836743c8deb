"""The yearly report in a browser: read it on a desktop and a phone, then publish it."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from classes.models import Kind
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory, PartnerFactory, historical_course
from tests.factories import PASSWORD, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_reads_and_publishes_the_yearly_report(live_server, page, artifacts_dir):
    ensure_organizations(Organization)
    staff = center_staff(username="canbo-baocao")
    partner = PartnerFactory(name="Trung tâm Giáo dục nghề nghiệp huyện")
    course = CourseFactory(
        title="Tin học văn phòng cho thanh niên",
        kind=Kind.IT,
        start_date=datetime.date(2024, 9, 3),
        end_date=datetime.date(2024, 11, 3),
        enrollment_opens=None,
        enrollment_closes=None,
    )
    course.partners.set([partner])
    for sex in ("female", "female", "male"):
        EnrollmentFactory(course=course, learner=LearnerFactory(sex=sex))
    historical_course(2024, 1250, kind=Kind.LAW)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/quan-ly/bao-cao-nam/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("row", name=re.compile("^2024")).get_by_role("link", name="Xem").click()
    expect(page.locator("h1")).to_have_text("BÁO CÁO THƯỜNG NIÊN NĂM 2024")
    expect(page.get_by_text("1.253", exact=True)).to_be_visible()
    page.screenshot(path=artifacts_dir / "yearly-report-desktop.png", full_page=True)

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "yearly-report-phone.png", full_page=True)

    page.get_by_label("V. Ghi chú và phương hướng năm sau").fill("Mở thêm hai lớp tin học.")
    page.get_by_role("button", name="Công bố thành văn bản công khai").click()
    expect(page.locator("h1")).to_have_text("Báo cáo thường niên năm 2024")
    document = DisclosureDocument.objects.get(basis=Basis.TT09_2024_ART14)
    assert page.url.endswith(document.get_absolute_url())
    assert document.file_type == "pdf"
