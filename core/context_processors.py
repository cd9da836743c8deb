from django.conf import settings
from django.core.exceptions import DisallowedHost


def site(request):
    """The center's name and contact details for the header and footer, and the page's
    canonical address (without tracking or filter parameters, but keeping the page number)."""
    page = request.GET.get("page", "")
    try:
        canonical = request.build_absolute_uri(request.path)
    except DisallowedHost:
        # The 400 page for a request with a forged Host header must still render.
        canonical = request.path
    if page.isdigit() and page != "1":
        canonical += f"?page={page}"
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_CONTACT": settings.SITE_CONTACT,
        "canonical_url": canonical,
    }
