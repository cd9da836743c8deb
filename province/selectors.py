"""What the overview reads, for any number of centers in a fixed number of queries.

The figures are the centers' own rules, summed by center in the database: a class counts as
`attendance.statistics.counted_courses` says (the same figures as each center's /thong-ke/),
a disclosure item as `disclosures.compliance.calendars` says (the center's calendar).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from attendance import statistics
from attendance.statistics import Row
from disclosures import compliance
from organizations.models import Organization

STATES = (compliance.ON_TIME, compliance.LATE, compliance.MISSING, compliance.DUE)


@dataclass
class CenterFigures:
    """One center's classes and learners in the year shown."""

    center: object
    classes: int = 0
    learners: int = 0
    estimated_classes: int = 0
    estimated_learners: int = 0
    url: str = ""  # its own /thong-ke/ (set by the page)

    @property
    def estimated(self):
        return bool(self.estimated_classes or self.estimated_learners)


@dataclass
class ClassFigures:
    year: int | None
    centers: list  # [CenterFigures], every center overseen, with or without classes
    by_year: list  # [Row((year, classes, learners))] from the first year with records to the last
    total: CenterFigures = field(default_factory=lambda: CenterFigures(None))

    @property
    def years(self):
        return [row[0] for row in self.by_year]


def _counts(row):
    if row is None:
        return {}
    return {
        name: row[name]
        for name in ("classes", "learners", "estimated_classes", "estimated_learners")
    }


def class_figures(centers, year=None, today=None) -> ClassFigures:
    """Classes and learners of `centers` (a queryset of Center): per year over all of them,
    and per center in `year` (by default the last year with records). Four queries."""
    courses = statistics.counted_courses(today).filter(center__in=centers)
    years = {row["year"]: row for row in statistics.per_year(courses)}
    year = year or (max(years) if years else timezone.localdate().year)
    by_year = []
    if years:
        for y in range(min(years), max(years) + 1):
            counts = _counts(years.get(y)) or dict.fromkeys(("classes", "learners"), 0)
            by_year.append(
                Row(
                    (y, counts["classes"], counts["learners"]),
                    estimated_classes=counts.get("estimated_classes", 0),
                    estimated_learners=counts.get("estimated_learners", 0),
                )
            )
    per_center = {
        row["center_id"]: row
        for row in statistics.per_year(courses.filter(start_date__year=year), "center_id")
    }
    rows = [
        CenterFigures(center, **_counts(per_center.get(center.pk)))
        for center in centers.prefetch_related("hosts")
    ]
    total = CenterFigures(None, **_counts(years.get(year)))
    return ClassFigures(year=year, centers=rows, by_year=by_year, total=total)


@dataclass
class CenterCalendar:
    """One center's disclosure items for a school year, counted by state."""

    center: object
    counts: dict  # {state: items}
    url: str = ""  # its own calendar page (set by the page)

    def __getitem__(self, state):
        return self.counts[state]

    @property
    def values(self):
        """The counts in the order of `STATES` (the table's columns)."""
        return [self.counts[state] for state in STATES]


def calendar_figures(centers, school_year, today=None):
    """Per center of `centers`, its organizations' TT 09/2024 items for `school_year` by
    state (on time, late, missing, not yet due), and the sum over all: four queries."""
    organizations = Organization.objects.filter(center__in=centers)
    counts = defaultdict(Counter)
    for calendar in compliance.calendars(school_year, organizations, today=today):
        for item in calendar.items:
            counts[calendar.organization.center_id][item.state] += 1
    rows = [
        CenterCalendar(center, {state: counts[center.pk][state] for state in STATES})
        for center in centers.prefetch_related("hosts")
    ]
    total = CenterCalendar(None, {state: sum(row[state] for row in rows) for state in STATES})
    return rows, total
