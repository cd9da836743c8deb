"""/lich-cong-tac/ (issue 16, part 5): the center's week — class sessions and the meetings and
events staff add —, printable, and in an iCalendar feed."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from agenda.models import Event
from agenda.selectors import next_change
from core.models import Center, CenterHost
from core.tenancy import use_center
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 12, 7)  # week 50 of 2026


def event(**values):
    defaults = {"title": "Giao ban tuần", "date": MONDAY, "start_time": datetime.time(7, 30)}
    defaults.update(values)
    return Event.objects.create(**defaults)


def test_the_urls_are_the_fixed_ones():
    assert reverse("agenda:week") == "/lich-cong-tac/"


def test_a_week_groups_sessions_and_events_by_day_in_time_order(client):
    course = CourseFactory(title="Tin học cho người cao tuổi")
    SessionFactory(
        course=course, date=MONDAY, start_time=datetime.time(19), end_time=datetime.time(21)
    )
    event(title="Giao ban tuần", place="Phòng họp UBND xã", chaired_by="Giám đốc trung tâm")
    event(title="Ngày hội đọc sách", date=MONDAY + datetime.timedelta(days=6), start_time=None)
    body = client.get("/lich-cong-tac/", {"tuan": "2026-W50"}).content.decode()
    assert "Tuần từ 07/12/2026 đến 13/12/2026" in body
    assert body.index("Giao ban tuần") < body.index("Tin học cho người cao tuổi")
    assert course.get_absolute_url() in body
    assert "Chủ trì: Giám đốc trung tâm" in body and "Tại Phòng họp UBND xã" in body
    assert "Chủ nhật, 13/12/2026" in body and "Cả ngày" in body
    assert body.count("Không có lịch") == 5  # Tuesday to Saturday


def test_an_event_late_on_sunday_stays_in_its_week(client):
    event(title="Trực đêm giao thừa", date=MONDAY + datetime.timedelta(days=6),
          start_time=datetime.time(23, 30))  # fmt: skip
    assert (
        "Trực đêm giao thừa" in client.get("/lich-cong-tac/", {"tuan": "2026-W50"}).content.decode()
    )
    assert (
        "Trực đêm giao thừa"
        not in client.get("/lich-cong-tac/", {"tuan": "2026-W51"}).content.decode()
    )


def test_hidden_events_and_unpublished_classes_are_not_shown(client):
    event(title="Họp nội bộ", status=Event.Status.DRAFT)
    event(title="Họp hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    draft = CourseFactory(title="Lớp chưa đăng", status="draft")
    SessionFactory(course=draft, date=MONDAY)
    body = client.get("/lich-cong-tac/", {"tuan": "2026-W50"}).content.decode()
    for hidden in ("Họp nội bộ", "Họp hẹn giờ", "Lớp chưa đăng"):
        assert hidden not in body


def test_this_week_by_default_with_links_to_the_others(client):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    body = client.get("/lich-cong-tac/").content.decode()
    assert monday.strftime("%d/%m/%Y") in body and "(tuần này)" in body
    following = monday + datetime.timedelta(days=7)
    year, week, _ = following.isocalendar()
    assert f'href="?tuan={year}-W{week:02d}"' in body


@pytest.mark.parametrize(
    "value", ["abc", "2026-W99", "2026-W00", "9999-W01", "1900-W05", "-1", "2026-W5'", "x" * 5000]
)
def test_a_week_that_cannot_be_read_shows_this_week_with_a_note(client, value):
    response = client.get("/lich-cong-tac/", {"tuan": value})
    assert response.status_code == 200
    assert "Không đọc được tuần đã chọn" in response.content.decode()


def test_the_week_prints_with_the_centers_name_and_a_print_button(client):
    body = client.get("/lich-cong-tac/").content.decode()
    assert "data-print" in body and "js/print.js" in body
    assert 'class="agenda-center"' in body


def test_the_feed_carries_sessions_and_events(client):
    course = CourseFactory(title="Dưỡng sinh")
    session = SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=2))
    meeting = event(
        title="Họp; triển khai, kế hoạch",
        date=timezone.localdate() + datetime.timedelta(days=1),
        end_time=datetime.time(9),
        participants="Trưởng các xóm",
    )
    all_day = event(title="Tuyên truyền", date=timezone.localdate(), start_time=None)
    event(title="Họp nội bộ", status=Event.Status.DRAFT)
    response = client.get("/lich-cong-tac/lich.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(c["uid"]): c for c in calendar.walk("VEVENT")}
    assert f"session-{session.pk}@testserver" in events
    got = events[f"event-{meeting.pk}@testserver"]
    assert str(got["summary"]) == "Họp; triển khai, kế hoạch"
    assert got.decoded("dtstart") == meeting.starts
    assert "Thành phần: Trưởng các xóm" in str(got["description"])
    whole_day = events[f"event-{all_day.pk}@testserver"]
    assert whole_day.decoded("dtstart") == all_day.date
    assert not any("nội bộ" in str(c["summary"]) for c in events.values())
    assert calendar.walk("VTIMEZONE")
    # The class feed is as it was: sessions only.
    classes = Calendar.from_ical(client.get("/lop-hoc/lich.ics").content)
    assert [str(c["uid"]) for c in classes.walk("VEVENT")] == [f"session-{session.pk}@testserver"]


def test_the_page_rolls_to_the_next_week_on_monday_at_midnight():
    here = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    now = datetime.datetime(2026, 12, 9, 15, tzinfo=here)  # a Wednesday
    assert next_change(now) == datetime.datetime(2026, 12, 14, tzinfo=here)


def _add(client, **overrides):
    data = {
        "title": "Họp Ban giám đốc",
        "kind": "meeting",
        "date": "07/12/2026",
        "start_time": "14:00",
        "end_time": "16:00",
        "place": "",
        "chaired_by": "",
        "participants": "",
        "description": "",
        "status": "published",
        "published_at_0": "05/12/2026",
        "published_at_1": "08:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:agenda_event_add"), data)


def test_center_staff_add_a_meeting(client):
    client.force_login(center_staff(username="canbo-lich"))
    assert _add(client).status_code == 302
    assert Event.objects.get().title == "Họp Ban giám đốc"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "13:00"}, "Giờ kết thúc phải sau giờ bắt đầu"),
        ({"start_time": "", "end_time": "10:00"}, "Giờ kết thúc phải sau giờ bắt đầu"),
        ({"date": "32/13/2026"}, "ngày"),
        ({"title": ""}, "Cần điền ô này"),
    ],
)
def test_bad_input_in_the_admin_gets_a_vietnamese_message(client, changes, message):
    client.force_login(center_staff(username="canbo-lich2"))
    response = _add(client, **changes)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert Event.objects.count() == 0


def test_school_staff_cannot_edit_the_calendar(client):
    client.force_login(school_staff(username="gv-lich"))
    assert client.get(reverse("admin:agenda_event_changelist")).status_code == 403


def test_another_centers_events_are_not_shown(client):
    other = Center.objects.create(name="Trung tâm học tập cộng đồng xã Khác", slug="khac")
    CenterHost.objects.create(center=other, host="khac.test")
    with use_center(other):
        event(title="Họp của xã khác")
    assert "xã khác" not in client.get("/lich-cong-tac/", {"tuan": "2026-W50"}).content.decode()
    assert b"x\xc3\xa3 kh\xc3\xa1c" not in client.get("/lich-cong-tac/lich.ics").content
    there = client.get("/lich-cong-tac/", {"tuan": "2026-W50"}, HTTP_HOST="khac.test")
    assert "Họp của xã khác" in there.content.decode()


def test_the_week_makes_the_same_queries_for_many_rows(client, django_assert_max_num_queries):
    course = CourseFactory()
    for n in range(2):
        SessionFactory(course=course, date=MONDAY + datetime.timedelta(days=n))
        event(title=f"Họp {n}", date=MONDAY + datetime.timedelta(days=n))
    client.get("/lich-cong-tac/", {"tuan": "2026-W50"})
    for n in range(2, 7):
        SessionFactory(course=course, date=MONDAY + datetime.timedelta(days=n))
        event(title=f"Họp {n}", date=MONDAY + datetime.timedelta(days=n))
    with django_assert_max_num_queries(6):
        client.get("/lich-cong-tac/", {"tuan": "2026-W50"})


def test_the_footer_links_here(client):
    assert 'href="/lich-cong-tac/"' in client.get("/").content.decode()
