import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceMark, Enrollment
from tests.attendance.factories import EnrollmentFactory, LearnerFactory, hamlet
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import PASSWORD, center_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_finds_an_open_class_and_enrolls_on_a_phone(
    live_server, phone_page, artifacts_dir
):
    hamlet()
    course = CourseFactory(title="Tin học cho người cao tuổi", capacity=25)
    first = SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=8))
    page = phone_page
    page.goto(live_server.url + "/")
    box = page.locator("#box-classes").locator("..")
    box.get_by_role("link", name="Tin học cho người cao tuổi").click()
    expect(page.locator("h1")).to_have_text("Tin học cho người cao tuổi")
    expect(page.get_by_text("25 trên 25")).to_be_visible()
    page.get_by_role("link", name="Ghi danh lớp này").click()

    page.get_by_label("Họ và tên").fill("Trần Thị Thử")
    page.get_by_label("Năm sinh").fill("1958")
    page.get_by_label("Nữ").check()
    page.get_by_label("Xóm").select_option(label="Xóm 3")
    page.get_by_label("Điện thoại (không bắt buộc)").fill("+84 912 345 678")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi đơn ghi danh").click()

    expect(page.locator("h1")).to_have_text("Đã nhận đơn ghi danh")
    enrollment = Enrollment.objects.get()
    expect(page.locator(".reference strong")).to_have_text(enrollment.reference)
    # The real first session, with its weekday, date, hours and place (not the start date).
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
    expect(page.locator("main ol")).to_contain_text(
        f"Mời bà con đến buổi học đầu tiên: {weekday[first.date.weekday()]}, "
        f"{first.date:%d/%m/%Y}, 19:00–21:00, tại {course.place}."
    )
    assert "Trần" not in page.url and "0912" not in page.url
    assert enrollment.learner.phone == "0912345678"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "enroll-phone.png", full_page=True)


def test_villager_looks_up_the_enrollment_with_its_code_on_a_phone(
    live_server, phone_page, artifacts_dir
):
    hamlet()
    course = CourseFactory(title="Trồng rau an toàn", capacity=20)
    SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=5))
    page = phone_page
    page.goto(live_server.url + course.get_absolute_url() + "dang-ky/")
    page.get_by_label("Họ và tên").fill("Lê Văn Thử")
    page.get_by_label("Năm sinh").fill("1960")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Xóm").select_option(label="Xóm 3")
    page.get_by_label("Điện thoại (không bắt buộc)").fill("0987654321")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi đơn ghi danh").click()
    code = page.locator(".reference strong").inner_text()
    # The confirmation says where and how to look it up later.
    expect(page.locator("main")).to_contain_text("/tra-cuu-dang-ky/")

    # Days later: from the footer of any page, with the code as written on paper.
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Tra cứu ghi danh").click()
    expect(page.locator("h1")).to_have_text("Tra cứu ghi danh")
    page.get_by_label("Mã ghi danh").fill(f"{code[:3].lower()} {code[3:].lower()}")
    page.get_by_label("Số điện thoại đã ghi khi ghi danh").fill("0987 654 321")
    page.get_by_role("button", name="Tra cứu", exact=True).click()
    result = page.locator(".lookup-result")
    expect(result).to_contain_text("Trồng rau an toàn")
    expect(result).to_contain_text("Chờ xác nhận")
    expect(result).to_contain_text(course.place)
    expect(result).to_contain_text("Buổi đầu tiên")
    expect(result).not_to_contain_text("Lê Văn Thử")
    assert "0987" not in page.url and code not in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "lookup-phone.png", full_page=True)


def test_staff_member_takes_attendance_on_a_phone(live_server, phone_page, artifacts_dir):
    staff = center_staff(username="canbo-diemdanh")
    course = CourseFactory(title="Dưỡng sinh mùa đông")
    session = SessionFactory(course=course, date=timezone.localdate())
    names = ["Nguyễn Văn Thử", "Lê Thị Mẫu", "Phạm Văn Ví Dụ"]
    enrollments = [
        EnrollmentFactory(course=course, learner=LearnerFactory(full_name=n)) for n in names
    ]
    page = phone_page
    page.goto(live_server.url + "/quan-ly/diem-danh/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name=re.compile("Dưỡng sinh mùa đông")).click()
    page.get_by_role("link", name=re.compile("Điểm danh hôm nay")).click()
    rows = page.locator("fieldset.mark-row")
    expect(rows).to_have_count(3)
    expect(page.locator("input[value=present]:checked")).to_have_count(3)
    rows.filter(has_text="Lê Thị Mẫu").get_by_text("Vắng").click()
    rows.filter(has_text="Phạm Văn Ví Dụ").get_by_text("Đến muộn").click()
    page.screenshot(path=artifacts_dir / "attendance-take-phone.png", full_page=True)
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(
        # One absent; the one who came late was there.
        page.get_by_text("Đã lưu điểm danh cho 3 học viên (1 người không có mặt).")
    ).to_be_visible()
    marks = dict(
        AttendanceMark.objects.filter(session=session).values_list("enrollment_id", "status")
    )
    assert marks == {
        enrollments[0].pk: "present",
        enrollments[1].pk: "absent",
        enrollments[2].pk: "late",
    }
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "attendance-saved-phone.png", full_page=True)
