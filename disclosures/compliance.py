"""The disclosure calendar ("Lịch công khai"): what each organization owes for a school year.

TT 09/2024/TT-BGDĐT: the school publishes the items of Articles 4, 5, 8 and 9, a
continuing-education center those of Articles 4, 5, 10 and 11, and both the yearly report of
Article 14; every year before 30 June. We read the deadline of school year "2025-2026" as
30 June 2026: the items describe the year that ends then (its plans, results, spending). A
document counts for an item when it is published (withdrawn ones do not count) with that
basis, organization and school year; it is late when it went public after the deadline, that is
the later of its publish date and its upload (a date typed in the past does not make a late
upload look on time).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosures.models import REQUIRED_BASES, Basis, DisclosureDocument
from organizations.models import Organization

# TT 09/2024 is in force from 19/07/2024: the first school year it governs is 2024-2025.
FIRST_YEAR = 2024

ON_TIME, LATE, MISSING, DUE = "on-time", "late", "missing", "due"
STATE_LABELS = {
    ON_TIME: _("Published on time"),
    LATE: _("Published late"),
    MISSING: _("Missing"),
    DUE: _("Not yet due"),
}


def school_year_of(day: datetime.date) -> str:
    """The school year a day belongs to: it starts in August (“2025-2026” from 1/8/2025)."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def deadline(school_year: str) -> datetime.date:
    return datetime.date(int(school_year[5:9]), 6, 30)


def governed(school_year: str) -> bool:
    """Whether TT 09/2024 applies to the school year at all."""
    return int(school_year[:4]) >= FIRST_YEAR


@dataclass
class Item:
    basis: str
    label: str
    state: str
    document: DisclosureDocument | None

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass
class Calendar:
    organization: Organization
    school_year: str
    deadline: datetime.date
    items: list

    def count(self, state):
        return sum(1 for item in self.items if item.state == state)

    @property
    def published(self):
        return self.count(ON_TIME) + self.count(LATE)

    @property
    def missing(self):
        return self.count(MISSING)

    @property
    def late(self):
        return self.count(LATE)


def calendars(school_year: str, organizations=None, today: datetime.date | None = None):
    """One Calendar per organization for `school_year`, in two queries, however many
    organizations: `organizations` (default all) may be a queryset, which the documents'
    query then reads as a subquery (the province overview passes every center's)."""
    today = today or timezone.localdate()
    due_date = deadline(school_year)
    if organizations is None:
        organizations = Organization.objects.all()
    documents = DisclosureDocument.objects.published().filter(
        school_year=school_year,
        organization__in=organizations,
        basis__in=[b.value for b in Basis.current()],
    )
    organizations = list(organizations)
    first = {}
    for document in sorted(documents, key=lambda d: d.went_public_at):
        first.setdefault((document.organization_id, document.basis), document)
    result = []
    for organization in organizations:
        items = []
        for basis in REQUIRED_BASES.get(organization.kind, ()):
            document = first.get((organization.pk, basis.value))
            if document is not None:
                published_on = timezone.localdate(document.went_public_at)
                state = ON_TIME if published_on <= due_date else LATE
            else:
                state = MISSING if today > due_date else DUE
            items.append(Item(basis.value, basis.label, state, document))
        result.append(Calendar(organization, school_year, due_date, items))
    return result


def last_closed_year(today: datetime.date | None = None) -> str:
    """The school year whose deadline passed last: the one that tells what is missing (the
    current year's deadline, 30 June, is still ahead until July)."""
    today = today or timezone.localdate()
    current = school_year_of(today)
    first = int(current[:4])
    return current if today > deadline(current) else f"{first - 1}-{first}"


def years_to_show(today: datetime.date | None = None):
    """School years the calendar offers: from the first under TT 09/2024 to the current."""
    current = int(school_year_of(today or timezone.localdate())[:4])
    return [f"{y}-{y + 1}" for y in range(current, FIRST_YEAR - 1, -1)]
