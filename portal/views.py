"""Pages of the top floor: they compose what the apps offer, and own no data.

What each app offers (its box on the home page, its search source, its sitemap sections, its
staff tools) it declares on its AppConfig; `core.hooks` gathers them (docs/architecture.md).
Adding an app changes nothing here.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import hooks
from core.pagination import nearest_page, requested_page
from core.search import clean_query, excerpt, highlight, hits, rank, search_words
from portal.sitemaps import PageSitemap

log = logging.getLogger(__name__)

# `?tat-ca=1`: every match, without the cut of weak ones (core.search, rule 3).
ALL_PARAMETER = "tat-ca"
RESULTS_PER_PAGE = 10
# Nobody pages further; a deeper page would make every app rank that many rows.
MAX_SEARCH_PAGES = 25


@require_safe
def home(request):
    boxes, context = hooks.home_boxes(request)
    return render(request, "portal/home.html", {**context, "home_boxes": boxes})


@require_safe
def search(request):
    """Search across articles, classes and documents, accent- and case-insensitive, by the
    rules of `core.search`: one query ranks every app's rows together down to the page asked
    for (weak matches cut when the list is long, unless `?tat-ca=1`), then the rows of the
    page shown are read.
    """
    query = clean_query(request.GET.get("q", ""))
    words = search_words(query)
    wanted = requested_page(request, last=MAX_SEARCH_PAGES)
    everything = request.GET.get(ALL_PARAMETER) == "1"
    sources = hooks.search_sources()
    ranking = rank(sources, words, query, wanted * RESULTS_PER_PAGE, cut=not everything)
    # Paginator counts `total` (at most MAX_SEARCH_PAGES pages: the last one has no "Next")
    # and slices the keys: every page up to `wanted` is in hand, and a page number past the
    # end falls back to the last page, which is before it (core.pagination's rule).
    pageable = min(ranking.total, MAX_SEARCH_PAGES * RESULTS_PER_PAGE)
    paginator = Paginator(_Ranked(ranking.keys, pageable), RESULTS_PER_PAGE)
    page = nearest_page(request, paginator, wanted)
    results = [
        {
            "hit": hit,
            "title": highlight(hit.title, words),
            "summary": highlight(excerpt(hit.summary, words), words),
        }
        for hit in hits(sources, page.object_list)
    ]
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "words": words,
            "results": results,
            "page_obj": page,
            "total": ranking.total,
            "in_title": ranking.in_title,
            "left_out": ranking.left_out,
            "all_url": "?" + urlencode({"q": query, ALL_PARAMETER: 1}),
        },
    )


class _Ranked:
    """The ranked keys as the paginator sees them: `total` long, of which the first pages
    are known."""

    def __init__(self, keys, total):
        self.keys, self.total = keys, total

    def count(self):
        return self.total

    def __getitem__(self, index):
        return self.keys[index]


@login_required
@require_safe
def staff_home(request):
    """Every staff page the user may open, from each app, with the admin last."""
    if not request.user.is_staff:
        raise PermissionDenied
    tools = hooks.staff_tools(request.user)
    return render(request, "portal/staff_home.html", {"tools": tools})


@require_safe
def privacy(request):
    """What personal data enrollment collects, why, for how long, and whom to ask."""
    return render(
        request, "portal/privacy.html", {"retention_years": settings.LEARNER_RETENTION_YEARS}
    )


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the app and its database answer, 503 otherwise (for monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.warning("Health check: the database does not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers and the admin ask for /favicon.ico whatever the page links."""
    return redirect(static("img/favicon.ico"), permanent=True)


@require_safe
def sitemap(request):
    """/sitemap.xml: the fixed pages every app names, then each app's own sections."""
    return sitemap_view(request, sitemaps={"pages": PageSitemap, **hooks.sitemaps()})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /quan-ly/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
