"""What this app offers the top floor: its home-page box and its search hits.

The top floor calls them through the hooks declared in `apps.py` (core.hooks); they are the
only things it knows about this app.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.html import plain_text
from core.search import SearchHit, SearchSource, find
from disclosures import compliance
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization

HOME_LATEST = 4


def home_context(request):
    """The latest documents, and where each organization stands for the current school year."""
    organizations = list(Organization.objects.all())
    latest = list(
        DisclosureDocument.objects.published()
        .select_related("organization")
        .order_by("-published_at")[:HOME_LATEST]
    )
    today = timezone.localdate()
    current = compliance.school_year_of(today)
    # The year whose deadline passed last tells whether anything is missing; the current
    # year's deadline is still ahead (30 June), so it only shows progress.
    closed = compliance.last_closed_year(today)
    years = [closed] if closed == current else [closed, current]
    return {
        "disclosures_latest": latest,
        "disclosures_years": [
            {
                "year": year,
                "deadline": compliance.deadline(year),
                "calendars": compliance.calendars(year, organizations, today=today),
            }
            for year in years
            if compliance.governed(year)
        ],
    }


def search_source():
    """Published disclosure documents, as the site search finds them
    (`core.search.SearchSource`)."""
    kind = _("Public disclosure")

    def hit(document):
        facts = f"{document.organization.name} · {document.kind_label} · {document.school_year}"
        return SearchHit(
            kind=kind,
            title=document.title,
            url=document.get_absolute_url(),
            summary=plain_text(document.summary) or facts,
            date=timezone.localdate(document.published_at),
        )

    return SearchSource(
        queryset=DisclosureDocument.objects.published().select_related("organization"),
        date_field="published_at",
        hit=hit,
    )


def search(words, query, limit):
    """The best `limit` documents as `core.search.SearchHit`s, and how many match (the
    site search ranks every app's `search_source` together)."""
    return find([search_source()], words, query, limit, cut=False)


def next_change(now):
    """When a document scheduled for later becomes public."""
    return DisclosureDocument.objects.next_publish_time(now)


def center_plans_and_reports(year):
    """The center's published plans and yearly reports that cover calendar year `year`.

    Returns (plans, reports), one query. A plan is a TT 09/2024 Article 11 item ("plans and
    results") or a school-year plan of either school year that overlaps `year`. The yearly
    report of `year` (TT 09/2024 Article 14, figures to 31 December) is due by 30 June of the
    next year, so it is filed under the school year `year`-`year+1`, as the disclosure
    calendar keys it (disclosures.compliance.deadline).
    """
    plan_bases = {Basis.TT09_2024_ART11, Basis.SCHOOL_YEAR_PLAN}
    report_year = f"{year}-{year + 1}"
    documents = (
        DisclosureDocument.objects.published()
        .filter(
            organization__kind=Organization.Kind.CENTER,
            basis__in=[*plan_bases, Basis.TT09_2024_ART14],
            school_year__in=[f"{year - 1}-{year}", report_year],
        )
        .only("title", "slug", "basis", "school_year", "published_at")
        .order_by("published_at")
    )
    plans, reports = [], []
    for document in documents:
        if document.basis in plan_bases:
            plans.append(document)
        elif document.school_year == report_year:
            reports.append(document)
    return plans, reports
