"""Writes on the catalogue that touch several rows."""

from django.db import transaction

from classes.models import Course, Session


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
        schedule=course.schedule,
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
        )
        for s in sessions
    )
    return copy
