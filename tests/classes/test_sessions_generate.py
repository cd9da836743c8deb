"""Sessions made from a rule in the class admin (item 9): preview, then create; each refusal."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from attendance.models import AttendanceMark
from classes.models import Course, Session
from classes.services import MAX_GENERATED_SESSIONS, sessions_generate
from tests.attendance.factories import EnrollmentFactory
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db


def upcoming(weekday, weeks_ahead=2):
    """The first `weekday` (0 = Monday) at least `weeks_ahead` weeks from today."""
    day = timezone.localdate() + datetime.timedelta(weeks=weeks_ahead)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def vn(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def course():
    tuesday = upcoming(1)
    return CourseFactory(
        title="Tin học cho người cao tuổi",
        place="Hội trường UBND xã",
        start_date=tuesday - datetime.timedelta(days=3),  # a Saturday, as in the issue
        end_date=tuesday + datetime.timedelta(weeks=6),
    )


@pytest.fixture
def staff_client(client):
    client.force_login(center_staff())
    return client


def url(course):
    return f"/admin/classes/course/{course.pk}/tao-buoi-hoc/"


def rule(course, **overrides):
    """The form as staff fill it: Tuesdays and Thursdays 19:00–21:00 for 6 weeks."""
    data = {
        "weekdays": ["1", "3"],
        "start_time": "19:00",
        "end_time": "21:00",
        "starts_on": vn(upcoming(1)),
        "weeks": "6",
        "until": "",
        "place": course.place,
        "skip_dates": "",
    }
    return {**data, **overrides}


def preview_and_confirm(client, course, data):
    """Post the rule, then press the preview's button: what a person does."""
    preview = client.post(url(course), data)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    fingerprint = re.search(r'name="confirm" value="(\w+)"', preview.content.decode())[1]
    return preview, client.post(url(course), {**data, "confirm": fingerprint})


def test_staff_preview_then_create_twelve_sessions(staff_client, course):
    change = staff_client.get(f"/admin/classes/course/{course.pk}/change/").content.decode()
    assert "Tạo buổi học theo lịch" in change and url(course) in change
    assert "Chưa có buổi học nào" in change

    form = staff_client.get(url(course)).content.decode()
    assert f'value="{vn(course.start_date)}"' in form  # starts on the class's start
    assert 'value="Hội trường UBND xã"' in form

    first, last = upcoming(1), upcoming(1) + datetime.timedelta(weeks=5, days=2)
    preview, created = preview_and_confirm(staff_client, course, rule(course))
    html = preview.content.decode()
    assert "Xem trước: sẽ tạo 12 buổi học" in html
    timetable = f"Thứ Ba và Thứ Năm, 19:00–21:00, từ {vn(first)} đến {vn(last)}, 12 buổi"
    assert timetable in html
    assert f"Thứ Ba, {vn(first)}, 19:00–21:00" in html
    assert "Tạo 12 buổi học này" in html
    assert html.count("<li>Thứ") == 12

    assert created.status_code == 302
    assert created["Location"] == f"/admin/classes/course/{course.pk}/change/"
    sessions = list(course.sessions.all())
    assert len(sessions) == 12
    assert {s.date.weekday() for s in sessions} == {1, 3}
    assert all(
        s.start_time == datetime.time(19) and s.end_time == datetime.time(21) for s in sessions
    )
    assert all(s.place == "" and s.where == "Hội trường UBND xã" for s in sessions)
    page = staff_client.get(created["Location"]).content.decode()
    assert f"Đã tạo 12 buổi học: {timetable}." in page  # the message
    assert timetable in page  # the timetable field


def test_the_preview_writes_nothing(staff_client, course):
    staff_client.post(url(course), rule(course))
    assert not Session.objects.exists()


def test_a_rule_changed_after_its_preview_is_previewed_again_not_made(staff_client, course):
    preview = staff_client.post(url(course), rule(course)).content.decode()
    fingerprint = re.search(r'name="confirm" value="(\w+)"', preview)[1]
    response = staff_client.post(
        url(course), {**rule(course, end_time="20:30"), "confirm": fingerprint}
    )
    assert response.status_code == 200
    assert "19:00–20:30" in response.content.decode()
    assert not Session.objects.exists()


def test_days_off_typed_day_first_are_skipped(staff_client, course):
    off = upcoming(1) + datetime.timedelta(weeks=2, days=2)  # a Thursday
    saturday = upcoming(1) + datetime.timedelta(days=4)  # no session that day anyway
    preview, _created = preview_and_confirm(
        staff_client, course, rule(course, skip_dates=f"{off:%d/%m/%Y}, {saturday:%-d/%-m/%Y}")
    )
    assert f"Ngày nghỉ, không học: {vn(off)}" in preview.content.decode()
    assert course.sessions.count() == 11
    assert not course.sessions.filter(date=off).exists()


def test_another_place_and_a_last_day_instead_of_weeks(staff_client, course):
    last = upcoming(1) + datetime.timedelta(weeks=1, days=2)
    _preview, created = preview_and_confirm(
        staff_client,
        course,
        rule(course, weeks="", until=vn(last), place="Nhà văn hoá xóm 3", weekdays=["3"]),
    )
    assert created.status_code == 302
    assert [s.date for s in course.sessions.all()] == [
        upcoming(1) + datetime.timedelta(days=2),
        last,
    ]
    assert {s.where for s in course.sessions.all()} == {"Nhà văn hoá xóm 3"}


def test_the_times_accept_what_staff_type(staff_client, course):
    _preview, created = preview_and_confirm(
        staff_client, course, rule(course, start_time="7h30", end_time="10:30", weeks="1")
    )
    assert created.status_code == 302
    assert {s.start_time for s in course.sessions.all()} == {datetime.time(7, 30)}


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"weekdays": []}, "weekdays", "Chọn ít nhất một thứ trong tuần."),
        ({"end_time": "18:00"}, "end_time", "Buổi học phải kết thúc sau khi bắt đầu."),
        ({"end_time": "19:00"}, "end_time", "Buổi học phải kết thúc sau khi bắt đầu."),
        ({"weeks": ""}, "weeks", "Điền số tuần hoặc ngày cuối (một trong hai)."),
        ({"until": "01/01/2099"}, "weeks", "Điền số tuần hoặc ngày cuối (một trong hai)."),
        ({"weeks": "0"}, "weeks", "Số tuần từ 1 đến 200."),
        ({"weeks": "1000000000"}, "weeks", "Số tuần từ 1 đến 200."),
        ({"skip_dates": "32/01/2027"}, "skip_dates", "“32/01/2027” không phải là ngày"),
        ({"skip_dates": "31/12"}, "skip_dates", "“31/12” không phải là ngày"),
        ({"place": "x" * 201}, "place", "Địa điểm ghi tối đa 200 ký tự."),
    ],
)
def test_bad_rules_get_a_message_on_their_field_and_make_nothing(
    staff_client, course, overrides, field, message
):
    response = staff_client.post(url(course), rule(course, **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa tạo buổi nào. Hãy sửa các ô được đánh dấu bên dưới." in html
    assert message in html
    assert 'name="confirm"' not in html
    assert not Session.objects.exists()


def test_a_rule_that_makes_no_session_says_so(staff_client, course):
    tuesday = upcoming(1)
    response = staff_client.post(
        url(course),
        rule(course, weekdays=["5"], weeks="", until=vn(tuesday + datetime.timedelta(days=2))),
    )
    assert response.status_code == 400
    assert (
        f"Lịch này không tạo được buổi nào: từ {vn(tuesday)} đến "
        f"{vn(tuesday + datetime.timedelta(days=2))} không có Thứ Bảy nào ngoài các ngày nghỉ."
    ) in response.content.decode()
    # Every class day taken off is no session either.
    response = staff_client.post(
        url(course), rule(course, weekdays=["1"], weeks="1", skip_dates=vn(tuesday))
    )
    assert "Lịch này không tạo được buổi nào" in response.content.decode()
    assert not Session.objects.exists()


def test_an_end_before_the_start(staff_client, course):
    first = upcoming(1)
    response = staff_client.post(
        url(course), rule(course, weeks="", until=vn(first - datetime.timedelta(days=1)))
    )
    assert response.status_code == 400
    assert (
        f"Ngày cuối ({vn(first - datetime.timedelta(days=1))}) trước ngày đầu tiên ({vn(first)})."
    ) in response.content.decode()


def test_more_than_the_limit(staff_client, course):
    response = staff_client.post(
        url(course), rule(course, weekdays=[str(d) for d in range(7)], weeks="29")
    )
    assert response.status_code == 400
    assert (
        "Lịch này tạo 203 buổi học; mỗi lần chỉ tạo tối đa 200 buổi. Hãy rút ngắn thời gian."
        in response.content.decode()
    )
    # A last day in the far future is counted, not walked through.
    response = staff_client.post(url(course), rule(course, weeks="", until="31/12/9999"))
    assert response.status_code == 400 and "Hãy rút ngắn thời gian." in response.content.decode()
    assert not Session.objects.exists()


def test_the_end_of_the_calendar_is_no_error(staff_client, course):
    response = staff_client.post(
        url(course), rule(course, starts_on="25/12/9999", weeks="", until="31/12/9999")
    )
    assert response.status_code == 200
    assert "Xem trước: sẽ tạo 2 buổi học" in response.content.decode()
    response = staff_client.post(url(course), rule(course, starts_on="25/12/9999", weeks="2"))
    assert response.status_code == 400
    assert "Ngày đó vượt quá lịch." in response.content.decode()


def test_a_day_off_outside_the_period(staff_client, course):
    first = upcoming(1)
    last = first + datetime.timedelta(weeks=6, days=-1)
    outside = first + datetime.timedelta(weeks=8)
    response = staff_client.post(url(course), rule(course, skip_dates=vn(outside)))
    assert response.status_code == 400
    assert (
        f"Ngày nghỉ {vn(outside)} nằm ngoài khoảng {vn(first)}–{vn(last)}: hãy kiểm tra lại."
    ) in response.content.decode()


def test_overlaps_with_existing_sessions_are_refused(staff_client, course):
    first = upcoming(1)
    SessionFactory(
        course=course, date=first + datetime.timedelta(days=2), start_time=datetime.time(20),
        end_time=datetime.time(22),
    )  # fmt: skip
    response = staff_client.post(url(course), rule(course))
    assert response.status_code == 400
    html = response.content.decode()
    when = f"Thứ Năm, {vn(first + datetime.timedelta(days=2))}, 20:00–22:00"
    assert f"Lớp đã có 1 buổi học trùng giờ: {when}." in html
    assert "đánh dấu “Thay các buổi chưa điểm danh”" in html
    assert course.sessions.count() == 1
    # Back to back is not an overlap.
    response = staff_client.post(url(course), rule(course, end_time="20:00"))
    assert response.status_code == 200


def test_replace_removes_sessions_without_attendance_and_never_those_with(staff_client, course):
    first = upcoming(1)
    for n in (0, 2, 4):  # Tue, Thu, Sat at 19:00
        SessionFactory(course=course, date=first + datetime.timedelta(days=n), topic=f"Cũ {n}")
    outside = SessionFactory(course=course, date=first + datetime.timedelta(weeks=10))
    preview, created = preview_and_confirm(
        staff_client, course, rule(course, replace="on", start_time="18:00", end_time="20:00",
                                   weeks="1")
    )  # fmt: skip
    assert "Sẽ xóa trước 3 buổi chưa điểm danh" in preview.content.decode()
    assert created.status_code == 302
    assert set(course.sessions.values_list("topic", flat=True)) == {"", outside.topic}
    assert course.sessions.count() == 3  # two new, and the one outside the period

    # A session with attendance stays, and a rule running into it is refused.
    marked = SessionFactory(course=course, date=first + datetime.timedelta(weeks=1))
    enrollment = EnrollmentFactory(course=course)
    AttendanceMark.objects.create(
        enrollment=enrollment, session=marked, status="present", marked_by=center_staff()
    )
    response = staff_client.post(
        url(course), rule(course, replace="on", starts_on=vn(marked.date), weeks="1")
    )
    assert response.status_code == 400
    assert "Buổi đã điểm danh không bao giờ bị thay." in response.content.decode()
    assert Session.objects.filter(pk=marked.pk, start_time=datetime.time(19)).exists()
    # Whatever does not run into it is made around it.
    _preview, created = preview_and_confirm(
        staff_client,
        course,
        rule(course, replace="on", starts_on=vn(marked.date), weeks="1", weekdays=["3"]),
    )
    assert created.status_code == 302
    assert Session.objects.filter(pk=marked.pk).exists()


def test_school_staff_cannot_make_sessions(client, course):
    client.force_login(school_staff())
    assert client.get(url(course)).status_code in (302, 403)
    client.post(url(course), rule(course))
    assert not Session.objects.exists()


def test_the_service_refuses_before_saving_whoever_calls_it(course):
    with pytest.raises(ValidationError) as refused:
        sessions_generate(
            course=course,
            weekdays=[1],
            start_time=datetime.time(19),
            end_time=datetime.time(21),
            starts_on=upcoming(1),
            weeks=MAX_GENERATED_SESSIONS + 1,
        )
    assert "weeks" in refused.value.message_dict
    plan = sessions_generate(
        course=course,
        weekdays=[1],
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        starts_on=upcoming(1),
        weeks=2,
        dry_run=True,
    )
    assert len(plan.sessions) == 2 and not Session.objects.exists()
    assert Course.objects.get(pk=course.pk).timetable() == ""
