"""iCalendar feeds of class sessions: `/lop-hoc/lich.ics` (classes.views.schedule_feed) and
the work calendar's `/lich-cong-tac/lich.ics` (agenda), which adds the center's meetings and
events. One way to write a calendar and a session in it, for both."""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from classes.models import Session
from classes.timetable import describe
from core.centers import site_name


def new_calendar(name, product):
    """An empty calendar named "<name> · <center>"; `product` names the feed in PRODID."""
    calendar = Calendar()
    calendar.add("prodid", f"-//TTHTCD//{product}//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{name} · {site_name()}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def add_sessions(calendar, request, sessions):
    """One event per session (with its course loaded), each saying its class's whole
    timetable: one query for all their classes' sessions."""
    of_course = defaultdict(list)
    for s in Session.objects.filter(course__in={s.course_id for s in sessions}):
        of_course[s.course_id].append(s)
    timetables = {pk: describe(group) for pk, group in of_course.items()}
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for session in sessions:
        course = session.course
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts)
        event.add("dtend", session.ends)
        event.add("summary", course.title + (f": {session.topic}" if session.topic else ""))
        if session.where:
            event.add("location", session.where)
        event.add(
            "description", _("Timetable: %(timetable)s.") % {"timetable": timetables[course.pk]}
        )
        event.add("url", request.build_absolute_uri(course.get_absolute_url()))
        calendar.add_component(event)


def ical_response(calendar, filename):
    # TZID alone is not enough for every calendar app: ship the VTIMEZONE definition too.
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
