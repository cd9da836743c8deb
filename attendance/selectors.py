"""What this app offers the top floor: its home-page box and its search hits.

`tienTan_portal.views` calls these; they are the only things it knows about this app.
"""

from attendance import statistics


def home_context(request):
    """Key figures: classes and learners over every year the center has records for."""
    return {"key_figures": statistics.totals()}


def search(words, query):
    """Learners are never searchable from public pages: this app has no public hits."""
    return []
