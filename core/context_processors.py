from django.conf import settings


def site(request):
    """The center's name and contact details for the header and footer, and the page's
    canonical address (without tracking or filter parameters, but keeping the page number)."""
    page = request.GET.get("page", "")
    canonical = request.build_absolute_uri(request.path)
    if page.isdigit() and page != "1":
        canonical += f"?page={page}"
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_CONTACT": settings.SITE_CONTACT,
        "canonical_url": canonical,
    }
