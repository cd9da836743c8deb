"""Pages of the top floor: they compose what the apps offer, and own no data."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.text import fold

log = logging.getLogger(__name__)


@require_GET
def home(request):
    return render(request, "home.html")


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "search.html", {"query": query, "folded": fold(query)})


@require_GET
def about(request):
    return render(request, "about.html")


@never_cache
@require_GET
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


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /quan-ly/", "Disallow: /tim-kiem/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
