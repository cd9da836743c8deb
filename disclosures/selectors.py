"""What this app offers the top floor: its home-page box and its search hits.

`tienTan_portal.views` calls these; they are the only things it knows about this app.
"""

import re

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.search import SearchHit, best_candidates, score
from disclosures import compliance
from disclosures.models import DisclosureDocument, Organization

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
    first = int(current[:4])
    closed = current if today > compliance.deadline(current) else f"{first - 1}-{first}"
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


def _plain(html: str) -> str:
    """Text of a sanitized summary, with a space where a paragraph or cell ended."""
    spaced = re.sub(r"(</(?:p|li|h[2-4]|td|th|blockquote)>|<br\s*/?>)", r"\1 ", html or "")
    return re.sub(r"\s+", " ", strip_tags(spaced)).strip()


def search(words, query):
    """`core.search.SearchHit`s for the folded `words` of `query`."""
    documents = best_candidates(
        DisclosureDocument.objects.published().select_related("organization"), words
    )
    kind = _("Public disclosure")
    hits = []
    for document in documents:
        text = " ".join([str(document.basis_label), document.school_year, _plain(document.summary)])
        facts = f"{document.organization.name} · {document.basis_label} · {document.school_year}"
        hits.append(
            SearchHit(
                kind=kind,
                title=document.title,
                url=document.get_absolute_url(),
                summary=_plain(document.summary) or facts,
                date=timezone.localdate(document.published_at),
                score=score(document.title, text, query, words, document.search_text),
            )
        )
    return hits


def next_change(now):
    """When a document scheduled for later becomes public."""
    return (
        DisclosureDocument.objects.filter(
            status=DisclosureDocument.Status.PUBLISHED, published_at__gt=now
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
