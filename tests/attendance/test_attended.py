"""A learner marked late came (item 5): every count of attendance says so, from one rule
(AttendanceMark.ATTENDED): the save message, the session list, the A4 sheet, the export."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from attendance.models import AttendanceMark
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import center_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(client):
    """Two sessions; An came to both (late once), Bình came late once and missed one."""
    client.force_login(center_staff())
    course = CourseFactory(title="Tin học", slug="tin-hoc")
    today = timezone.localdate()
    first = SessionFactory(course=course, date=today - datetime.timedelta(days=2))
    second = SessionFactory(course=course, date=today)
    an = EnrollmentFactory(course=course, learner=LearnerFactory(full_name="Lê Văn An"))
    binh = EnrollmentFactory(course=course, learner=LearnerFactory(full_name="Trần Thị Bình"))
    staff = center_staff()
    for enrollment, session, status in [
        (an, first, "present"), (an, second, "late"),
        (binh, first, "late"), (binh, second, "absent"),
    ]:  # fmt: skip
        AttendanceMark.objects.create(
            enrollment=enrollment, session=session, status=status, marked_by=staff
        )
    return course, first, second, an, binh


def test_the_save_message_counts_late_as_there(client, sheet):
    course, _first, second, an, binh = sheet
    response = client.post(
        f"/quan-ly/diem-danh/{course.slug}/buoi-{second.pk}/",
        {f"mark_{an.pk}": "late", f"mark_{binh.pk}": "excused"},
        follow=True,
    )
    assert "Đã lưu điểm danh cho 2 học viên (1 người không có mặt)." in response.content.decode()


def test_the_session_list_counts_late_as_there(client, sheet):
    course, *_ = sheet
    html = client.get(f"/quan-ly/diem-danh/{course.slug}/").content.decode()
    assert re.findall(r"đã điểm danh: \d/\d có mặt", html) == [
        "đã điểm danh: 2/2 có mặt",  # both came, one late
        "đã điểm danh: 1/2 có mặt",
    ]


def test_the_printed_sheet_counts_late_as_there(client, sheet):
    course, *_ = sheet
    html = client.get(f"/quan-ly/lop-hoc/{course.slug}/so-diem-danh/").content.decode()
    rows = re.findall(r'<td class="name">([^<]+)</td>.*?((?:<td class="day">[^<]*</td>)+)', html)
    cells = {name: re.findall(r'<td class="day">([^<]*)</td>', tds) for name, tds in rows}
    assert cells == {"Lê Văn An": ["x", "m", "2"], "Trần Thị Bình": ["m", "v", "1"]}
    assert "Cột “Có mặt” đếm các buổi có mặt hoặc đến muộn." in html


def test_the_attendance_export_counts_late_as_there(client, sheet):
    course, *_ = sheet
    response = client.get(f"/quan-ly/lop-hoc/{course.slug}/diem-danh.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Số buổi có mặt"
    assert [r[1:] for r in rows[1:]] == [
        ("Lê Văn An", "Có mặt", "Đến muộn", 2),
        ("Trần Thị Bình", "Đến muộn", "Vắng", 1),
    ]
