"""What this app offers the top floor: its home-page box and its search hits.

The top floor calls them through the hooks declared in `apps.py` (core.hooks); they are the
only things it knows about this app.
"""

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from classes.models import Course, CourseQuerySet, FiguresSource, Partner, Session
from core.search import SearchHit, SearchSource, find

HOME_BOX_SIZE = 4


def home_context(request):
    """Classes open for enrollment today, the ones starting soonest first."""
    courses = (
        Course.objects.open_for_enrollment(timezone.localdate())
        .order_by("start_date", "title")
        .only("title", "slug", "start_date", "place", "capacity", "seats_taken", "kind")[
            :HOME_BOX_SIZE
        ]
    )
    return {"open_courses": courses}


def search_source():
    """Published classes, as the site search finds them (`core.search.SearchSource`)."""
    kind = _("Class")

    def hit(course):
        return SearchHit(
            kind=kind,
            title=course.title,
            url=course.get_absolute_url(),
            summary=course.description or course.topic,
            date=course.start_date,
        )

    return SearchSource(
        queryset=Course.objects.published().only(
            "title", "slug", "topic", "description", "start_date"
        ),
        date_field="start_date",
        hit=hit,
    )


def search(words, query, limit):
    """The best `limit` classes as `core.search.SearchHit`s, and how many match (the site
    search ranks every app's `search_source` together)."""
    return find([search_source()], words, query, limit, cut=False)


def next_change(now):
    """When a class appears by its publish time, or a session of a published class begins
    (its page and poster then name the next one: `Session.has_begun`). Enrollment windows are
    dates: they turn at midnight, which the page cache always takes into account."""
    published = Course.objects.next_publish_time(now)
    local = timezone.localtime(now)
    start = (
        Session.objects.filter(CourseQuerySet.published_q("course__", now))
        .filter(Q(date__gt=local.date()) | Q(date=local.date(), start_time__gt=local.time()))
        .order_by("date", "start_time")
        .values_list("date", "start_time")
        .first()
    )
    if start:
        start = timezone.make_aware(datetime.datetime.combine(*start))
    return min((m for m in (published, start) if m), default=None)


def partners_with_classes(today=None):
    """Every partner body for the public partners page, in the order staff set, each with
    `class_count` (published classes they co-ran or co-run that have started), how many of
    those are estimates (`estimated_count`) and `first_start`. One query."""
    today = today or timezone.localdate()
    held = CourseQuerySet.published_q("courses__") & Q(courses__start_date__lte=today)
    estimated = held & Q(courses__figures_source=FiguresSource.ESTIMATE)
    return list(
        Partner.objects.annotate(
            class_count=Count("courses", filter=held, distinct=True),
            estimated_count=Count("courses", filter=estimated, distinct=True),
            first_start=Min("courses__start_date", filter=held),
        ).order_by("position", "name")
    )


# Counts for the commune's learning-community self-assessment (assessment.evidence).


def count_held_between(start, end, today=None):
    """How many published classes ran during [start, end] and had begun by `today`, as
    (recorded, estimated) — estimated: their figures are estimates — in one query.

    A class without an end date counts in the period it starts in.
    """
    today = today or timezone.localdate()
    counts = (
        Course.objects.published()
        .held(today)
        .filter(start_date__lte=end)
        .filter(Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
        .aggregate(
            recorded=Count("pk", filter=~Q(figures_source=FiguresSource.ESTIMATE)),
            estimated=Count("pk", filter=Q(figures_source=FiguresSource.ESTIMATE)),
        )
    )
    return counts["recorded"], counts["estimated"]


def count_active_between(start, end):
    """How many published classes start, or have a session, during [start, end]: one query."""
    return (
        Course.objects.published()
        .filter(Q(start_date__range=(start, end)) | Q(sessions__date__range=(start, end)))
        .values("pk")
        .distinct()
        .count()
    )
