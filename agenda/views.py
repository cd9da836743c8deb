"""/lich-cong-tac/: the center's week, printable, and its iCalendar feed."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Event as VEvent

from agenda import selectors
from agenda.models import Event
from classes import ical
from classes.models import Course, Session

FEED_PAST_DAYS = 30
FEED_MAX = 500


@require_GET
def week(request):
    """`?tuan=2026-W49` names a week (Monday to Sunday, the commune's time); none, or one that
    cannot be read, is this week, with a note saying so."""
    this_monday = selectors.monday_of(timezone.localdate())
    asked = request.GET.get("tuan")
    monday = selectors.parse_week(asked) if asked else this_monday
    note = ""
    if monday is None:
        monday = this_monday
        note = _("That week could not be read: this week is shown.")
    previous = monday - datetime.timedelta(days=7)
    following = monday + datetime.timedelta(days=7)
    context = {
        "days": selectors.week(monday),
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "is_this_week": monday == this_monday,
        "note": note,
        "previous": selectors.week_param(previous) if selectors.in_bounds(previous) else "",
        "following": selectors.week_param(following) if selectors.in_bounds(following) else "",
        "this_week": selectors.week_param(this_monday),
        "today": timezone.localdate(),
    }
    return render(request, "agenda/week.html", context)


@require_GET
def feed(request):
    """iCalendar feed: class sessions and the center's published meetings and events, from a
    month ago on."""
    since = timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)
    sessions = list(
        Session.objects.filter(course__in=Course.objects.published(), date__gte=since)
        .select_related("course")
        .order_by("date", "start_time")[:FEED_MAX]
    )
    calendar = ical.new_calendar(_("Work calendar"), "Lich cong tac")
    ical.add_sessions(calendar, request, sessions)
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for event in Event.objects.published().filter(date__gte=since)[:FEED_MAX]:
        calendar.add_component(event_component(event, host, stamp))
    return ical.ical_response(calendar, "lich-cong-tac.ics")


def event_component(event, host, stamp):
    component = VEvent()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", stamp)
    if event.start_time is None:  # all day
        component.add("dtstart", event.date)
        component.add("dtend", event.date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.starts)
        ends = event.ends if event.end_time else event.starts + datetime.timedelta(hours=1)
        component.add("dtend", ends)
    component.add("summary", event.title)
    if event.place:
        component.add("location", event.place)
    details = [
        line
        for line in (
            event.chaired_by and _("Chaired by: %(who)s") % {"who": event.chaired_by},
            event.participants and _("Taking part: %(who)s") % {"who": event.participants},
            event.description,
        )
        if line
    ]
    if details:
        component.add("description", "\n".join(details))
    return component
