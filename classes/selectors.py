"""What this app offers the top floor: its home-page box and its search hits.

`tienTan_portal.views` calls these; they are the only things it knows about this app.
"""


def home_context(request):
    """Context for this app's box on the home page."""
    return {}


def search(words, query):
    """`core.search.SearchHit`s for the folded `words` of `query`."""
    return []
