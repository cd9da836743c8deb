"""A class's timetable in words, written from its sessions.

The one place that says when a class meets: the class page, the poster, the loudspeaker
script (through `core.announce.speakable`, which reads "19:00–21:00" as "19 giờ đến 21 giờ"),
the calendar feed, the enrollment confirmation and the admin all call `describe` or
`session_when`. Staff no longer type the timetable a second time.

Duck-typed on `date`, `start_time` and `end_time`, so it also describes sessions not saved
yet (the preview of `classes.services.sessions_generate`).
"""

from collections import defaultdict

from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.text import weekday_name


def clock(value) -> str:
    """ "19:00", "7:30": the hour as people write it, without a leading zero."""
    return f"{value.hour}:{value.minute:02d}"


def hours(start, end) -> str:
    """ "19:00–21:00"."""
    return f"{clock(start)}–{clock(end)}"


def day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def session_when(session) -> str:
    """ "Thứ Ba, 15/12/2026, 19:00–21:00"."""
    return describe([session])


def _days(weekdays) -> str:
    if len(weekdays) == 7:
        return _("Every day")
    return get_text_list([weekday_name(d) for d in weekdays], _("and"))


def _when(sessions) -> str:
    """The weekdays and hours, without the dates."""
    by_weekday = defaultdict(list)
    for s in sessions:
        span = (s.start_time, s.end_time)
        if span not in by_weekday[s.date.weekday()]:
            by_weekday[s.date.weekday()].append(span)
    weekdays = sorted(by_weekday)
    spans = {span for spans in by_weekday.values() for span in spans}
    if len(spans) == 1:
        return f"{_days(weekdays)}, {hours(*spans.pop())}"
    if any(len(by_weekday[d]) > 1 for d in weekdays):
        return _("%(days)s, hours vary by session") % {"days": _days(weekdays)}
    # Each weekday its own hours: "Thứ Ba và Thứ Năm 19:00–21:00; Thứ Bảy 7:30–10:30".
    groups = defaultdict(list)
    for d in weekdays:
        groups[by_weekday[d][0]].append(d)
    return "; ".join(f"{_days(days)} {hours(*span)}" for span, days in groups.items())


def describe(sessions) -> str:
    """ "Thứ Ba và Thứ Năm, 19:00–21:00, từ 15/12/2026 đến 21/01/2027, 12 buổi"; for one
    day "Thứ Ba, 15/12/2026, 7:30–11:00 và 13:30–16:30"; "" for none (each caller says what
    then)."""
    sessions = sorted(sessions, key=lambda s: (s.date, s.start_time))
    if not sessions:
        return ""
    if sessions[0].date == sessions[-1].date:
        spans = [hours(s.start_time, s.end_time) for s in sessions]
        date = sessions[0].date
        return ", ".join([weekday_name(date), day(date), get_text_list(spans, _("and"))])
    count = len(sessions)
    return ngettext(
        "%(when)s, from %(first)s to %(last)s, %(count)d session",
        "%(when)s, from %(first)s to %(last)s, %(count)d sessions",
        count,
    ) % {
        "when": _when(sessions),
        "first": day(sessions[0].date),
        "last": day(sessions[-1].date),
        "count": count,
    }
