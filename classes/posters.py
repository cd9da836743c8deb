"""What a class says on a notice-board poster and over the commune loudspeaker.

The layout and the script's frame are shared with news (core/announce.py,
templates/core/poster.html); this module only chooses the words of a class.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.announce import contact_sentence, loudspeaker_script, shorten, spoken_date, spoken_time
from core.centers import site_name
from core.contact import printed_contact
from core.text import class_named

# The description is printed below the facts; the facts come first on a poster.
POSTER_WORDS = 30
SPOKEN_WORDS = 40


def enrollment_state(course, today=None):
    """ "open", "soon" (opens later), "closed", or "none" (no online enrollment)."""
    today = today or timezone.localdate()
    if course.enrollment_opens is None:
        return "none"
    if course.enrollment_window_open(today):
        return "open"
    if course.enrollment_opens > today:
        return "soon"
    return "closed"


def poster_text(course):
    return shorten(course.description, POSTER_WORDS)


def poster_details(course, text, session):
    """(texts, rows) the poster prints besides its title, for core.announce.poster_fit."""
    partners = [p.name for p in course.partners.all()]
    timetable = course.timetable() or _("The center will announce the timetable.")
    when = session.when_and_where if session else ""
    values = [session, course.place, course.instructor, partners, course.capacity,
              course.enrollment_closes]  # fmt: skip
    rows = 2 + sum(1 for v in values if v)  # and the dates and the timetable
    address = printed_contact().get("address") or ""
    return [course.topic, timetable, course.schedule_note, when, course.place, course.instructor,
            ", ".join(partners), text, address], rows  # fmt: skip


def loudspeaker_paragraphs(course, today=None):
    """The broadcast: what class, when, where, how many seats, how to enroll; then again."""
    today = today or timezone.localdate()
    center = site_name()
    address = printed_contact().get("address") or center
    start = spoken_date(course.start_date, weekday=True)
    named = class_named(course.title)  # "lớp Trồng cây cảnh"; a title saying "Lớp" alone
    content = [
        # Translators: %(class)s names the class (core.text.class_named): no "lớp" before it.
        _("%(center)s announces the opening of %(class)s") % {"center": center, "class": named},
    ]
    if course.topic:
        content.append(_("Topic: %(topic)s") % {"topic": course.topic})
    if course.end_date:
        content.append(
            _("The class runs from %(start)s to %(end)s")
            % {"start": start, "end": spoken_date(course.end_date)}
        )
    else:
        content.append(_("The class starts on %(start)s") % {"start": start})
    timetable = course.timetable()
    if timetable:
        content.append(_("Schedule: %(schedule)s") % {"schedule": timetable})
    else:
        content.append(_("The center will announce the timetable."))
    if course.schedule_note:
        content.append(course.schedule_note)
    session = course.next_session()
    if session:
        said = {
            "time": spoken_time(session.start_time),
            "date": spoken_date(session.date, weekday=True),
            "place": session.where,
        }
        if session.is_first and session.place:
            content.append(_("The first session is at %(time)s on %(date)s, at %(place)s") % said)
        elif session.is_first:
            content.append(_("The first session is at %(time)s on %(date)s") % said)
        elif session.place:
            content.append(_("The next session is at %(time)s on %(date)s, at %(place)s") % said)
        else:
            content.append(_("The next session is at %(time)s on %(date)s") % said)
    if course.place:
        content.append(_("Place: %(place)s") % {"place": course.place})
    if course.is_full:
        content.append(_("All %(capacity)d seats are taken") % {"capacity": course.capacity})
    elif course.capacity:
        content.append(
            _("The class has %(capacity)d seats; %(left)d are still free")
            % {"capacity": course.capacity, "left": course.seats_left}
        )
    if course.description:
        content.append(shorten(course.description, SPOKEN_WORDS))

    state = enrollment_state(course, today)
    deadline = spoken_date(course.enrollment_closes) if course.enrollment_closes else ""
    reminder = [
        # Translators: %(class)s names the class (core.text.class_named): no "lớp" before it.
        _("%(center)s opens %(class)s, starting %(start)s")
        % {"center": center, "class": named, "start": spoken_date(course.start_date)},
    ]
    if course.place:
        reminder.append(_("Place: %(place)s") % {"place": course.place})
    if state in ("open", "soon") and not course.is_full:
        if state == "soon":
            how = _("Enrollment opens on %(opens)s") % {
                "opens": spoken_date(course.enrollment_opens)
            }
            content.append(how)
            reminder.append(how)
        if deadline:
            how = _(
                "Those who wish to join, please enroll by %(deadline)s at %(address)s, or online "
                "on the center's website, under Classes"
            ) % {"deadline": deadline, "address": address}
            reminder.append(_("Enroll by %(deadline)s") % {"deadline": deadline})
        else:
            how = _(
                "Those who wish to join, please enroll at %(address)s, or online on the center's "
                "website, under Classes"
            ) % {"address": address}
        content.append(how)
    elif state == "none":
        content.append(_("To join, please ask at %(address)s") % {"address": address})
    return loudspeaker_script(
        content=content, contact=[contact_sentence(address=False)], reminder=reminder
    )
