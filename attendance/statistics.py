"""The center's figures, computed from its own records (aggregates only, no person).

A class counts in the year it starts, once it has started. Its learners are its enrollments
that hold a seat (pending, confirmed, completed); a class held before the portal existed has
none and counts its reported number instead. Whatever the number of classes, this runs a
fixed handful of queries.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.models import Enrollment, Sex
from classes.models import Course, Kind, Partner

# What the figures mean, said under the tables of /thong-ke/ and in both of its downloads
# (attendance.views), so a sum in Excel is read the way the page explains it.
NOTES = {
    "counting": gettext_lazy(
        "A class counts in the year it starts. Learners are its enrollments; for classes held "
        "before the portal kept records, the number the center reported."
    ),
    "partners": gettext_lazy("A class run with two partners counts for each of them."),
    "unrecorded": gettext_lazy(
        "“Not recorded”: learners of classes held before the portal kept learner records."
    ),
}


@dataclass
class Figures:
    start: int | None
    end: int | None
    classes: int = 0
    learners: int = 0
    by_year: list = field(default_factory=list)  # [(year, classes, learners)]
    by_kind: list = field(default_factory=list)  # [(label, classes, learners)]
    by_partner: list = field(default_factory=list)  # [(label, classes, learners)]
    by_sex: list = field(default_factory=list)  # [(label, learners)]


def held_courses(today=None):
    return Course.objects.published().held(today)


def year_bounds(today=None):
    """First and last year with a held class, or (None, None)."""
    years = [d.year for d in held_courses(today).dates("start_date", "year")]
    return (years[0], years[-1]) if years else (None, None)


def totals(today=None) -> Figures:
    """Classes and learners over every year with records, in one query (for the home page)."""
    rows = (
        held_courses(today)
        .annotate(
            enrolled=Count(
                "enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN)
            )
        )
        .order_by()
        .values_list("start_date", "reported_learners", "enrolled")
    )
    years, learners = set(), 0
    for start_date, reported, enrolled in rows:
        years.add(start_date.year)
        learners += enrolled or (reported or 0)
    if not years:
        return Figures(start=None, end=None)
    return Figures(start=min(years), end=max(years), classes=len(rows), learners=learners)


def compute(start=None, end=None, today=None) -> Figures:
    today = today or timezone.localdate()
    courses = held_courses(today)
    if start:
        courses = courses.filter(start_date__year__gte=start)
    if end:
        courses = courses.filter(start_date__year__lte=end)
    rows = list(
        courses.annotate(
            enrolled=Count(
                "enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN)
            )
        )
        .order_by()
        .values_list("pk", "kind", "start_date", "reported_learners", "enrolled")
    )
    learners_of = {pk: enrolled or (reported or 0) for pk, _k, _d, reported, enrolled in rows}
    figures = Figures(start=start, end=end, classes=len(rows), learners=sum(learners_of.values()))
    if not rows:
        return figures

    years = defaultdict(lambda: [0, 0])
    kinds = defaultdict(lambda: [0, 0])
    for pk, kind, start_date, _reported, _enrolled in rows:
        years[start_date.year][0] += 1
        years[start_date.year][1] += learners_of[pk]
        kinds[kind][0] += 1
        kinds[kind][1] += learners_of[pk]
    # A span reaching past the records starts and ends where the records do.
    first, last = max(start or 0, min(years)), min(end or 9999, max(years))
    figures.by_year = [(y, *years.get(y, (0, 0))) for y in range(first, last + 1)]
    figures.by_kind = [(label, *kinds[value]) for value, label in Kind.choices if value in kinds]

    ids = list(learners_of)
    links = Course.partners.through.objects.filter(course_id__in=ids).values_list(
        "course_id", "partner_id"
    )
    per_partner = defaultdict(set)
    with_partner = set()
    for course_id, partner_id in links:
        per_partner[partner_id].add(course_id)
        with_partner.add(course_id)
    names = {p.pk: p.label for p in Partner.objects.filter(pk__in=list(per_partner))}
    by_partner = [
        (names[pid], len(cids), sum(learners_of[c] for c in cids))
        for pid, cids in per_partner.items()
    ]
    by_partner.sort(key=lambda row: (-row[1], row[0]))
    alone = [c for c in ids if c not in with_partner]
    if alone:
        by_partner.append(
            (_("The center on its own"), len(alone), sum(learners_of[c] for c in alone))
        )
    figures.by_partner = by_partner

    sexes = Counter(
        dict(
            Enrollment.objects.active()
            .filter(course_id__in=ids)
            .values_list("learner__sex")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    enrolled_ids = {pk for pk, _k, _d, _r, enrolled in rows if enrolled}
    unrecorded = sum(learners_of[c] for c in ids if c not in enrolled_ids) + sexes.pop("", 0)
    figures.by_sex = [(label, sexes.get(value, 0)) for value, label in Sex.choices]
    if unrecorded:
        figures.by_sex.append((_("Not recorded"), unrecorded))
    return figures
