"""Reads of the work calendar: one week's days with their sessions and events."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from agenda.models import Event
from classes.models import Course, Session

# How far the week links reach: a printed calendar of 2012 or 2040 is nobody's need, and a
# bound keeps a crawler from walking weeks forever.
FIRST_YEAR, LAST_YEAR = 2010, 2100


@dataclass
class Item:
    """One line of the calendar: a class session or an event."""

    time: datetime.time | None
    end: datetime.time | None
    title: str
    place: str = ""
    url: str = ""
    kind: str = ""
    chaired_by: str = ""
    participants: str = ""
    notes: str = ""


@dataclass
class Day:
    date: datetime.date
    items: list = field(default_factory=list)


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value):
    """ "2026-W49" → its Monday, or None when it is not a week within the bounds."""
    try:
        year, week = value.upper().split("-W")
        monday = datetime.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, AttributeError, OverflowError):
        return None
    return monday if FIRST_YEAR <= monday.year <= LAST_YEAR else None


def week_param(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def in_bounds(monday):
    return FIRST_YEAR <= monday.year <= LAST_YEAR


def week(monday):
    """The seven days from `monday`, each with its sessions (of published classes) and
    published events, sorted by time (all-day events first). Two queries."""
    sunday = monday + datetime.timedelta(days=6)
    days = [Day(monday + datetime.timedelta(days=n)) for n in range(7)]
    sessions = (
        Session.objects.filter(course__in=Course.objects.published(), date__range=(monday, sunday))
        .select_related("course")
        .order_by("date", "start_time")
    )
    for s in sessions:
        days[s.date.weekday()].items.append(
            Item(
                time=s.start_time,
                end=s.end_time,
                title=s.course.title + (f": {s.topic}" if s.topic else ""),
                place=s.where,
                url=s.course.get_absolute_url(),
                kind="session",
            )
        )
    for e in Event.objects.published().filter(date__range=(monday, sunday)):
        days[e.date.weekday()].items.append(
            Item(
                time=e.start_time,
                end=e.end_time,
                title=e.title,
                place=e.place,
                kind=e.kind,
                chaired_by=e.chaired_by,
                participants=e.participants,
                notes=e.description,
            )
        )
    for day in days:
        day.items.sort(key=lambda item: (item.time is not None, item.time or datetime.time()))
    return days


def next_change(now):
    """The calendar rolls to the next week at Monday 00:00; a scheduled event appears."""
    today = timezone.localdate(now)
    next_monday = monday_of(today) + datetime.timedelta(days=7)
    rollover = timezone.make_aware(datetime.datetime.combine(next_monday, datetime.time()))
    scheduled = Event.objects.next_publish_time(now)
    return min(m for m in (rollover, scheduled) if m)
