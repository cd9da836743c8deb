"""Writes on the catalogue that touch several rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from classes.models import Course, Session
from classes.timetable import day, describe
from core.cache import bump_content_version
from core.text import weekday_name


def _shift_year(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def course_copy(*, course: Course, years: int = 1, user=None) -> Course:
    """A draft copy of `course` one year (or `years`) later, for classes repeated every year.

    Dates, sessions and partners move with it; enrollments, reported figures and the cover do
    not. The copy stays a draft until staff check it and publish it.
    """
    partners = list(course.partners.all())
    sessions = list(course.sessions.all())
    copy = Course(
        title=course.title,
        kind=course.kind,
        topic=course.topic,
        instructor=course.instructor,
        place=course.place,
        start_date=_shift_year(course.start_date, years),
        end_date=_shift_year(course.end_date, years),
        schedule_note=course.schedule_note,
        capacity=course.capacity,
        enrollment_opens=_shift_year(course.enrollment_opens, years),
        enrollment_closes=_shift_year(course.enrollment_closes, years),
        description=course.description,
        status=Course.Status.DRAFT,
        created_by=user,
        updated_by=user,
    )
    copy.save()
    copy.partners.set(partners)
    Session.objects.bulk_create(
        Session(
            course=copy,
            date=_shift_year(s.date, years),
            start_time=s.start_time,
            end_time=s.end_time,
            topic=s.topic,
            place=s.place,
        )
        for s in sessions
    )
    return copy


# One rule makes at most this many sessions: three evenings a week for a year is 156. More is
# surely a mistyped date or number of weeks, and would flood the attendance pages.
MAX_GENERATED_SESSIONS = 200


@dataclass
class SessionPlan:
    """What `sessions_generate` makes of a rule: shown as the preview, then created."""

    sessions: list  # the new sessions in date order (saved unless it was a dry run)
    replaced: list  # the class's sessions without attendance that make way for them
    skipped: list  # the days off that fell on a class day
    warnings: list = field(default_factory=list)

    @property
    def timetable(self):
        return describe(self.sessions)


def _count_weekdays(weekdays, first, last):
    """How many of `weekdays` (0 = Monday) fall in [first, last], counted, not listed."""
    days = (last - first).days  # offsets, not dates: no arithmetic past 31/12/9999
    count = 0
    for weekday in weekdays:
        offset = (weekday - first.weekday()) % 7
        if offset <= days:
            count += (days - offset) // 7 + 1
    return count


def _dates(values):
    return ", ".join(day(d) for d in values)


def _in_use():
    """Sessions other records point at (attendance marks, a floor up: reached through the
    relation, not imported). Such a session is never replaced or removed here."""
    used = Q()
    for relation in Session._meta.related_objects:
        used |= Q(**{f"{relation.name}__isnull": False})
    return used


def _warnings(course, sessions):
    """What staff should look at in the preview, though it is allowed."""
    warnings = []
    before = sum(1 for s in sessions if s.date < course.start_date)
    if before:
        warnings.append(
            ngettext(
                "%(count)d session is before the class's start date, %(day)s.",
                "%(count)d sessions are before the class's start date, %(day)s.",
                before,
            )
            % {"count": before, "day": day(course.start_date)}
        )
    after = sum(1 for s in sessions if course.end_date and s.date > course.end_date)
    if after:
        warnings.append(
            ngettext(
                "%(count)d session is after the class's end date, %(day)s.",
                "%(count)d sessions are after the class's end date, %(day)s.",
                after,
            )
            % {"count": after, "day": day(course.end_date)}
        )
    past = sum(1 for s in sessions if s.has_begun())
    if past:
        warnings.append(
            ngettext(
                "%(count)d session is in the past.", "%(count)d sessions are in the past.", past
            )
            % {"count": past}
        )
    return warnings


def _overlap(a, b):
    return a.date == b.date and a.start_time < b.end_time and b.start_time < a.end_time


@transaction.atomic
def sessions_generate(
    *,
    course: Course,
    weekdays,
    start_time: datetime.time,
    end_time: datetime.time,
    starts_on: datetime.date,
    weeks: int | None = None,
    until: datetime.date | None = None,
    place: str = "",
    skip_dates=(),
    replace: bool = False,
    dry_run: bool = False,
) -> SessionPlan:
    """The sessions of `course` from a rule, instead of one row at a time: every one of
    `weekdays` (0 = Monday) from `starts_on`, for `weeks` weeks or until `until`, from
    `start_time` to `end_time`, at `place` (empty: the class's place), except `skip_dates`.

    Refused with a `ValidationError` keyed by the argument at fault, nothing written: no
    weekday; an end not after the start; neither or both of `weeks` and `until`; a last day
    before the first; a day off outside the period; a rule that makes no session, or more
    than MAX_GENERATED_SESSIONS; a new session overlapping one the class already has. With
    `replace`, the class's sessions in the period that have no attendance make way first; a
    session with attendance is never changed or removed, so one in the way is still refused.
    With `dry_run` nothing is written: the plan is the preview staff confirm.
    """
    # Two staff generating for one class at once take turns, so both cannot pass the
    # overlap check.
    Course.objects.select_for_update().filter(pk=course.pk).exists()
    errors = defaultdict(list)
    weekdays = sorted({int(d) for d in weekdays})
    if not weekdays:
        errors["weekdays"].append(_("Choose at least one weekday."))
    if end_time <= start_time:
        errors["end_time"].append(_("A session must end after it starts."))
    place = place.strip()
    longest = Session._meta.get_field("place").max_length
    if len(place) > longest:
        errors["place"].append(
            _("Write the place in at most %(max)d characters.") % {"max": longest}
        )
    if (weeks is None) == (until is None):
        errors["weeks"].append(_("Give either a number of weeks or a last day."))
    elif weeks is not None and not 1 <= weeks <= MAX_GENERATED_SESSIONS:
        errors["weeks"].append(
            _("Give between 1 and %(max)d weeks.") % {"max": MAX_GENERATED_SESSIONS}
        )
    if errors:
        raise ValidationError(errors)

    try:
        last_day = until or starts_on + datetime.timedelta(days=7 * weeks - 1)
    except OverflowError:
        raise ValidationError({"weeks": _("That is past the end of the calendar.")}) from None
    period = {"first": day(starts_on), "last": day(last_day)}
    if last_day < starts_on:
        raise ValidationError(
            {"until": _("The last day, %(last)s, is before the first, %(first)s.") % period}
        )
    skip_dates = set(skip_dates)
    outside = sorted(d for d in skip_dates if not starts_on <= d <= last_day)
    if outside:
        raise ValidationError(
            {
                "skip_dates": ngettext(
                    "The day off %(days)s is outside the period %(first)s–%(last)s: check it.",
                    "The days off %(days)s are outside the period %(first)s–%(last)s: check them.",
                    len(outside),
                )
                % {"days": _dates(outside), **period}
            }
        )
    skipped = sorted(d for d in skip_dates if d.weekday() in weekdays)
    count = _count_weekdays(weekdays, starts_on, last_day) - len(skipped)
    length_field = "weeks" if weeks is not None else "until"
    if count > MAX_GENERATED_SESSIONS:
        raise ValidationError(
            {
                length_field: _(
                    "This rule makes %(count)d sessions; at most %(max)d are made at once. "
                    "Shorten the period."
                )
                % {"count": count, "max": MAX_GENERATED_SESSIONS}
            }
        )
    if count == 0:
        days = get_text_list([weekday_name(d) for d in weekdays], _("or"))
        raise ValidationError(
            {
                length_field: _(
                    "This rule makes no session: from %(first)s to %(last)s there is no "
                    "%(days)s apart from the days off."
                )
                % {"days": days, **period}
            }
        )

    if place == course.place:
        place = ""  # follows the class if its place changes
    dates = (starts_on + datetime.timedelta(days=n) for n in range((last_day - starts_on).days + 1))
    new = [
        Session(course=course, date=date, start_time=start_time, end_time=end_time, place=place)
        for date in dates
        if date.weekday() in weekdays and date not in skip_dates
    ]

    # Locked, so attendance cannot be taken on a session while it is being replaced.
    existing = list(course.sessions.select_for_update().filter(date__range=(starts_on, last_day)))
    in_use = set(
        Session.objects.filter(pk__in=[s.pk for s in existing])
        .filter(_in_use())
        .values_list("pk", flat=True)
    )
    replaced = [s for s in existing if replace and s.pk not in in_use]
    staying = [s for s in existing if s not in replaced]
    clashes = [old for old in staying if any(_overlap(old, s) for s in new)]
    if clashes:
        shown = "; ".join(s.when for s in clashes[:5]) + ("; …" if len(clashes) > 5 else "")
        message = ngettext(
            "The class already has a session at that time: %(sessions)s.",
            "The class already has %(count)d sessions at those times: %(sessions)s.",
            len(clashes),
        ) % {"count": len(clashes), "sessions": shown}
        if any(s.pk in in_use for s in clashes):
            message += " " + _("Sessions that have attendance are never replaced.")
        else:
            message += " " + _(
                "Change the rule, or tick “Replace the sessions without attendance”."
            )
        raise ValidationError({NON_FIELD_ERRORS: [message]})

    plan = SessionPlan(
        sessions=new, replaced=replaced, skipped=skipped, warnings=_warnings(course, new)
    )
    if dry_run:
        return plan
    Session.objects.filter(pk__in=[s.pk for s in replaced]).delete()
    plan.sessions = Session.objects.bulk_create(new)
    bump_content_version()  # the timetable is on public pages; bulk_create sends no signal
    return plan
