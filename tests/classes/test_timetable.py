"""The timetable in words, written from the sessions (classes.timetable.describe)."""

import datetime

from classes.models import Session
from classes.timetable import describe

D = datetime.date
T = datetime.time
EVENING = T(19), T(21)


def sessions(first, last, weekdays, start=EVENING[0], end=EVENING[1], skip=()):
    day, made = first, []
    while day <= last:
        if day.weekday() in weekdays and day not in skip:
            made.append(Session(date=day, start_time=start, end_time=end))
        day += datetime.timedelta(days=1)
    return made


def test_the_issue_example_tuesdays_and_thursdays_for_six_weeks():
    made = sessions(D(2026, 12, 15), D(2027, 1, 25), {1, 3})
    assert len(made) == 12
    assert describe(made) == (
        "Thứ Ba và Thứ Năm, 19:00–21:00, từ 15/12/2026 đến 21/01/2027, 12 buổi"
    )


def test_order_does_not_matter_and_three_weekdays_read_naturally():
    made = sessions(D(2027, 3, 1), D(2027, 3, 12), {0, 2, 4}, T(6), T(7))
    assert describe(reversed(made)) == (
        "Thứ Hai, Thứ Tư và Thứ Sáu, 6:00–7:00, từ 01/03/2027 đến 12/03/2027, 6 buổi"
    )


def test_each_weekday_its_own_hours():
    made = sessions(D(2027, 3, 1), D(2027, 3, 14), {1}) + sessions(
        D(2027, 3, 1), D(2027, 3, 14), {6}, T(7, 30), T(10, 30)
    )
    assert describe(made) == (
        "Thứ Ba 19:00–21:00; Chủ nhật 7:30–10:30, từ 02/03/2027 đến 14/03/2027, 4 buổi"
    )


def test_irregular_hours_are_not_made_up():
    made = sessions(D(2027, 3, 1), D(2027, 3, 14), {1})
    made[0].start_time = T(18)
    assert describe(made) == "Thứ Ba, giờ học tùy từng buổi, từ 02/03/2027 đến 09/03/2027, 2 buổi"


def test_one_session_or_one_day():
    (one,) = sessions(D(2026, 12, 15), D(2026, 12, 15), {1})
    assert describe([one]) == "Thứ Ba, 15/12/2026, 19:00–21:00"
    morning = Session(date=D(2026, 12, 15), start_time=T(7, 30), end_time=T(11))
    assert describe([one, morning]) == "Thứ Ba, 15/12/2026, 7:30–11:00 và 19:00–21:00"


def test_every_day_and_none():
    assert describe(sessions(D(2027, 3, 1), D(2027, 3, 14), set(range(7)))).startswith(
        "Hằng ngày, 19:00–21:00, từ 01/03/2027"
    )
    assert describe([]) == ""
