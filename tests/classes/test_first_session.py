"""The first session everywhere it is promised (item 1): the class starts on a Saturday, its
first session is the Tuesday after, at 19:00. The confirmation, the class page, the poster, the
loudspeaker script (page and .txt) and the calendar feed all say the Tuesday, with the time and
the place, and say the center will announce the timetable when there is none."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.attendance.factories import enroll_data
from tests.classes.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

PLACE = "Hội trường UBND xã"
NO_TIMETABLE = "Trung tâm sẽ thông báo lịch học sau."


def vn(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def saturday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 + (5 - today.weekday()) % 7)


@pytest.fixture
def course(saturday):
    """Starts on a Saturday; sessions on Tuesdays and Thursdays from the Tuesday after."""
    course = CourseFactory(title="Tin học cho người cao tuổi", place=PLACE, start_date=saturday)
    for days in (3, 5, 10, 12):
        SessionFactory(course=course, date=saturday + datetime.timedelta(days=days), topic="")
    return course


def first_session(saturday):
    tuesday = saturday + datetime.timedelta(days=3)
    return f"Thứ Ba, {vn(tuesday)}, 19:00–21:00, tại {PLACE}"


def confirmation(client, course):
    response = client.post(f"/lop-hoc/{course.slug}/dang-ky/", enroll_data())
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_confirmation_gives_the_first_session_not_the_start_date(client, course, saturday):
    html = confirmation(client, course)
    assert f"Mời bà con đến buổi học đầu tiên: {first_session(saturday)}." in html
    assert vn(saturday) not in html
    end = vn(saturday + datetime.timedelta(days=12))
    tuesday = vn(saturday + datetime.timedelta(days=3))
    assert f"Lịch học: Thứ Ba và Thứ Năm, 19:00–21:00, từ {tuesday} đến {end}, 4 buổi." in html


def test_the_confirmation_without_sessions_says_the_center_will_announce_them(client, saturday):
    course = CourseFactory(start_date=saturday, schedule_note="Học buổi tối")
    html = confirmation(client, course)
    assert NO_TIMETABLE in html
    assert "buổi học đầu tiên" not in html and vn(saturday) not in html
    assert "Học buổi tối" in html  # the note, as staff wrote it


def test_once_the_class_has_begun_the_next_session_is_given(client, saturday):
    course = CourseFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=7), enrollment_closes=saturday
    )
    SessionFactory(course=course, date=timezone.localdate() - datetime.timedelta(days=2))
    SessionFactory(
        course=course,
        date=saturday,
        start_time=datetime.time(7, 30),
        end_time=datetime.time(9),
        place="Nhà văn hoá xóm 3",
    )
    html = confirmation(client, course)
    assert (
        f"Lớp đã bắt đầu: mời bà con đến buổi học tới, Thứ Bảy, {vn(saturday)}, 7:30–9:00, "
        "tại Nhà văn hoá xóm 3."
    ) in html


def test_a_session_that_has_begun_today_is_not_the_next_one(saturday):
    course = CourseFactory(start_date=timezone.localdate())
    started = SessionFactory(
        course=course,
        date=timezone.localdate(),
        start_time=datetime.time(0),
        end_time=datetime.time(23, 59, 59),
    )
    later = SessionFactory(course=course, date=saturday)
    assert started.has_begun() and not later.has_begun()
    session = course.next_session()
    assert session == later and not session.is_first


def test_the_class_page_gives_the_timetable_and_the_first_session(client, course, saturday):
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Lịch học</dt><dd>Thứ Ba và Thứ Năm, 19:00–21:00, từ" in html
    assert f"Buổi đầu tiên</dt><dd>{first_session(saturday)}</dd>" in html
    without = CourseFactory(start_date=saturday)
    html = client.get(without.get_absolute_url()).content.decode()
    assert f"Lịch học</dt><dd>{NO_TIMETABLE}</dd>" in html
    assert "Buổi đầu tiên" not in html


def test_the_poster_gives_the_timetable_and_the_first_session(client, course, saturday):
    html = client.get(f"/lop-hoc/{course.slug}/to-roi/").content.decode()
    assert "Lịch học</dt><dd>Thứ Ba và Thứ Năm, 19:00–21:00, từ" in html
    assert f"Buổi đầu tiên</dt><dd>{first_session(saturday)}</dd>" in html
    without = CourseFactory(start_date=saturday)
    html = client.get(f"/lop-hoc/{without.slug}/to-roi/").content.decode()
    assert f"Lịch học</dt><dd>{NO_TIMETABLE}</dd>" in html


def test_the_loudspeaker_reads_the_first_session_and_timetable_aloud(client, course, saturday):
    tuesday = saturday + datetime.timedelta(days=3)
    said_tuesday = f"ngày {tuesday.day} tháng {tuesday.month} năm {tuesday.year}"
    for url in (f"/lop-hoc/{course.slug}/loa/", f"/lop-hoc/{course.slug}/loa.txt"):
        text = client.get(url).content.decode("utf-8-sig")
        assert f"Buổi học đầu tiên vào lúc 19 giờ, Thứ Ba, {said_tuesday}." in text, url
        assert (
            f"Lịch học: Thứ Ba và Thứ Năm, 19 giờ đến 21 giờ, từ {said_tuesday} đến ngày"
        ) in text, url
        assert f"Địa điểm: {PLACE.replace('UBND', 'Ủy ban nhân dân')}." in text, url
    without = CourseFactory(start_date=saturday)
    text = client.get(f"/lop-hoc/{without.slug}/loa.txt").content.decode("utf-8-sig")
    assert NO_TIMETABLE in text and "Buổi học đầu tiên" not in text


def test_the_calendar_feed_says_where_and_the_whole_timetable(client, course):
    SessionFactory(course=course, date=course.start_date, place="Nhà văn hoá xóm 3", topic="")
    events = Calendar.from_ical(client.get("/lop-hoc/lich.ics").content).walk("VEVENT")
    assert len(events) == 5
    assert {str(e["location"]) for e in events} == {PLACE, "Nhà văn hoá xóm 3"}
    assert {str(e["description"]) for e in events} == {f"Lịch học: {course.timetable()}."}
    assert "5 buổi" in str(events[0]["description"])


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_a_cached_class_page_names_the_next_session_once_one_begins(
    client, page_cache, monkeypatch
):
    """The page cache turns at a session's start, not only at midnight."""
    six_pm = datetime.datetime(2031, 3, 4, 18, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(timezone, "now", lambda: six_pm)
    course = CourseFactory(start_date=datetime.date(2031, 3, 4))
    SessionFactory(course=course, date=datetime.date(2031, 3, 4), topic="")
    SessionFactory(course=course, date=datetime.date(2031, 3, 6), topic="")
    assert (
        "Buổi đầu tiên</dt><dd>Thứ Ba, 04/03/2031"
        in client.get(course.get_absolute_url()).content.decode()
    )
    assert client.get(course.get_absolute_url())["X-Page-Cache"] == "hit"
    monkeypatch.setattr(timezone, "now", lambda: six_pm + datetime.timedelta(hours=1, minutes=5))
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Buổi học tới</dt><dd>Thứ Năm, 06/03/2031, 19:00–21:00" in html


def test_sessions_made_from_a_rule_show_at_once_on_a_cached_page(client, page_cache, saturday):
    from classes.services import sessions_generate

    course = CourseFactory(start_date=saturday)
    assert NO_TIMETABLE in client.get(course.get_absolute_url()).content.decode()
    assert client.get(course.get_absolute_url())["X-Page-Cache"] == "hit"
    sessions_generate(
        course=course,
        weekdays=[1, 3],
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        starts_on=saturday,
        weeks=6,
    )
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Thứ Ba và Thứ Năm, 19:00–21:00" in html and NO_TIMETABLE not in html
