"""Reads of the documents library: its filters, and what the site search takes from it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import SearchHit, SearchSource
from documents.models import LegalDocument


def search_source():
    """Published library documents (`core.search.SearchSource`)."""
    url = reverse("documents:document-detail", kwargs={"slug": "SLUG"})
    kind = _("Documents")

    def hit(document):
        return SearchHit(
            kind=kind,
            title=f"{document.number} {document.title}".strip(),
            url=url.replace("SLUG", document.slug),
            summary=f"{document.issuer}. {document.summary}",
            date=document.issued_on,
        )

    return SearchSource(
        queryset=LegalDocument.objects.published().only(
            "title", "slug", "number", "issuer", "summary", "issued_on", "published_at"
        ),
        date_field="published_at",
        hit=hit,
    )


def next_change(now):
    """When a document scheduled for later becomes public."""
    return LegalDocument.objects.next_publish_time(now)


def filter_choices():
    """The years and issuing bodies the published documents have, for the list's filters."""
    published = LegalDocument.objects.published()
    years = sorted({d.year for d in published.dates("issued_on", "year")}, reverse=True)
    issuers = list(published.order_by("issuer").values_list("issuer", flat=True).distinct())
    return years, issuers
