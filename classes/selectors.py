"""What this app offers the top floor: its home-page box and its search hits.

`tienTan_portal.views` calls these; they are the only things it knows about this app.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from classes.models import Course
from core.search import SearchHit, best_candidates, score

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


def search(words, query):
    """`core.search.SearchHit`s for the folded `words` of `query`."""
    courses = best_candidates(Course.objects.published(), words).only(
        "title", "slug", "topic", "description", "start_date", "place", "kind", "search_text"
    )
    return [
        SearchHit(
            kind=_("Class"),
            title=course.title,
            url=course.get_absolute_url(),
            summary=course.description or course.topic,
            date=course.start_date,
            score=score(course.title, course.description or "", query, words, course.search_text),
        )
        for course in courses
    ]


def next_change(now):
    """When a class appears by its publish time. (Enrollment windows are dates: they turn at
    midnight, which the page cache always takes into account.)"""
    return (
        Course.objects.filter(status=Course.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
