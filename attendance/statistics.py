"""The center's figures, computed from its own records (aggregates only, no person).

A class counts in the year it starts, once it has started. Its learners are its enrollments
that hold a seat (pending, confirmed, completed); a class held before the portal existed has
none and counts its reported number instead. Whatever the number of classes, this runs a
fixed handful of queries. That rule has one home, `counted_courses`: the center's page
(`compute`), the home page (`totals`), the yearly report and the province overview
(`per_year`, grouped by center) all sum what it gives each class.

A class whose figures are an estimate (`Course.figures_source`, e.g. the demo's split of the
2012–2019 totals) counts like any other, and every figure says how much of it is estimated
(`Row.estimated_classes`, `Row.estimated_learners`, `Figures.estimated_*`), so the page, its
downloads, the yearly report and the home page can tell records and estimates apart.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.models import Enrollment, Sex
from classes.models import Course, FiguresSource, Kind, Partner

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
    "estimates": gettext_lazy(
        "Estimates (illustrative figures): classes whose year, learners or partners were "
        "worked out from reported totals, not taken from the center's records."
    ),
}


class Row(tuple):
    """One line of a table: (label, classes, learners), or (label, learners) by sex. It
    compares and unpacks as that plain tuple; `estimated_classes` and `estimated_learners`
    say how much of it comes from classes whose figures are estimates."""

    def __new__(cls, values, estimated_classes=0, estimated_learners=0):
        row = super().__new__(cls, values)
        row.estimated_classes = estimated_classes
        row.estimated_learners = estimated_learners
        return row

    @property
    def estimated(self):
        return bool(self.estimated_classes or self.estimated_learners)


@dataclass
class Figures:
    start: int | None
    end: int | None
    classes: int = 0
    learners: int = 0
    estimated_classes: int = 0  # of `classes`, those whose figures are estimates
    estimated_learners: int = 0  # of `learners`, those of these classes
    by_year: list = field(default_factory=list)  # [Row(year, classes, learners)]
    by_kind: list = field(default_factory=list)  # [Row(label, classes, learners)]
    by_partner: list = field(default_factory=list)  # [Row(label, classes, learners)]
    by_sex: list = field(default_factory=list)  # [Row(label, learners)]

    @property
    def estimated(self):
        return bool(self.estimated_classes)


def held_courses(today=None):
    return Course.objects.published().held(today)


def year_bounds(today=None):
    """First and last year with a held class, or (None, None)."""
    years = [d.year for d in held_courses(today).dates("start_date", "year")]
    return (years[0], years[-1]) if years else (None, None)


def _estimate(source):
    return source == FiguresSource.ESTIMATE


def counted_courses(today=None):
    """The classes the figures count (published, started by `today`), each annotated with
    what it counts for: `year`, the year it starts; `enrolled`, its enrollments that hold a
    seat; `class_learners`, those, or for a class with none (held before the portal kept records)
    the number the center reported; `estimated`, whether its figures are an estimate.

    Expressions, not a GROUP BY (the enrollments are counted in a subquery), so a caller may
    still group the classes as it needs: by year for a center, by center and year for the
    province (`per_year`)."""
    enrolled = (
        Enrollment.objects.active()
        .filter(course=OuterRef("pk"))
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return held_courses(today).annotate(
        year=ExtractYear("start_date"),
        enrolled=Coalesce(Subquery(enrolled), 0),
        class_learners=Coalesce(
            NullIf(F("enrolled"), Value(0)),
            F("reported_learners"),
            0,
            output_field=IntegerField(),
        ),
        estimated=Q(figures_source=FiguresSource.ESTIMATE),
    )


def per_year(courses, *fields):
    """`counted_courses` summed per year (and per `fields`, e.g. "center_id"), in one query
    whatever the number of classes or centers: dicts of `fields`, `year`, `classes`,
    `learners`, `estimated_classes` and `estimated_learners`, in that order."""
    estimate = Q(estimated=True)
    return (
        courses.order_by()
        .values(*fields, "year")
        .annotate(
            classes=Count("pk"),
            learners=Sum("class_learners", default=0),
            estimated_classes=Count("pk", filter=estimate),
            estimated_learners=Sum("class_learners", filter=estimate, default=0),
        )
        .order_by(*fields, "year")
    )


def totals(today=None) -> Figures:
    """Classes and learners over every year with records, in one query (for the home page)."""
    figures = Figures(start=None, end=None)
    years = []
    for row in per_year(counted_courses(today)):
        years.append(row["year"])
        figures.classes += row["classes"]
        figures.learners += row["learners"]
        figures.estimated_classes += row["estimated_classes"]
        figures.estimated_learners += row["estimated_learners"]
    if years:
        figures.start, figures.end = min(years), max(years)
    return figures


def compute(start=None, end=None, today=None) -> Figures:
    today = today or timezone.localdate()
    courses = counted_courses(today)
    if start:
        courses = courses.filter(start_date__year__gte=start)
    if end:
        courses = courses.filter(start_date__year__lte=end)
    rows = list(
        courses.order_by().values_list(
            "pk", "kind", "year", "class_learners", "enrolled", "estimated"
        )
    )
    learners_of = {pk: learners for pk, _k, _y, learners, _e, _s in rows}
    estimated = {pk for pk, *_rest, guessed in rows if guessed}
    figures = Figures(start=start, end=end, classes=len(rows), learners=sum(learners_of.values()))
    figures.estimated_classes = len(estimated)
    figures.estimated_learners = sum(learners_of[pk] for pk in estimated)
    if not rows:
        return figures

    def row(label, ids):
        """The Row of a group of classes: how many, their learners, and the estimated part."""
        guessed = [pk for pk in ids if pk in estimated]
        return Row(
            (label, len(ids), sum(learners_of[pk] for pk in ids)),
            estimated_classes=len(guessed),
            estimated_learners=sum(learners_of[pk] for pk in guessed),
        )

    years, kinds = defaultdict(list), defaultdict(list)
    for pk, kind, year, *_rest in rows:
        years[year].append(pk)
        kinds[kind].append(pk)
    # A span reaching past the records starts and ends where the records do.
    first, last = max(start or 0, min(years)), min(end or 9999, max(years))
    figures.by_year = [row(y, years.get(y, [])) for y in range(first, last + 1)]
    figures.by_kind = [row(label, kinds[value]) for value, label in Kind.choices if value in kinds]

    ids = list(learners_of)
    links = Course.partners.through.objects.filter(course_id__in=ids).values_list(
        "course_id", "partner_id"
    )
    per_partner = defaultdict(list)
    with_partner = set()
    for course_id, partner_id in links:
        per_partner[partner_id].append(course_id)
        with_partner.add(course_id)
    names = {p.pk: p.label for p in Partner.objects.filter(pk__in=list(per_partner))}
    by_partner = [row(names[pid], cids) for pid, cids in per_partner.items()]
    by_partner.sort(key=lambda r: (-r[1], r[0]))
    alone = [c for c in ids if c not in with_partner]
    if alone:
        by_partner.append(row(_("The center on its own"), alone))
    figures.by_partner = by_partner

    # Learners by sex from the enrollments, split by whether their class is an estimate.
    sexes, guessed = Counter(), Counter()
    for sex, source, n in (
        Enrollment.objects.active()
        .filter(course_id__in=ids)
        .values_list("learner__sex", "course__figures_source")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        sexes[sex] += n
        if _estimate(source):
            guessed[sex] += n
    enrolled_ids = {pk for pk, _k, _d, _r, enrolled, _s in rows if enrolled}
    reported = [c for c in ids if c not in enrolled_ids]
    unrecorded = sum(learners_of[c] for c in reported) + sexes.pop("", 0)
    unrecorded_guessed = sum(learners_of[c] for c in reported if c in estimated)
    unrecorded_guessed += guessed.pop("", 0)
    figures.by_sex = [
        Row((label, sexes.get(value, 0)), estimated_learners=guessed.get(value, 0))
        for value, label in Sex.choices
    ]
    if unrecorded:
        figures.by_sex.append(
            Row((_("Not recorded"), unrecorded), estimated_learners=unrecorded_guessed)
        )
    return figures
