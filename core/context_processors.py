from django.core.exceptions import DisallowedHost
from django.utils.functional import SimpleLazyObject, lazy

from core import comfort
from core.centers import site_commune, site_name
from core.contact import settings_contact


def site(request):
    """The center's name and contact details for the header and footer, and the page's
    canonical address (without tracking or filter parameters, but with the number of the page
    a paginated list shows: `?page=999` of a three-page list is page 3, see core.pagination)."""
    try:
        address = request.build_absolute_uri(request.path)
    except DisallowedHost:
        # The 400 page for a request with a forged Host header must still render.
        address = request.path

    def canonical():
        # Read when the template prints it: by then the view has chosen the page.
        page = getattr(request, "shown_page", 1)
        return f"{address}?page={page}" if page > 1 else address

    return {
        "SITE_NAME": site_name(),
        "SITE_COMMUNE": site_commune(),
        # Read only if no later context processor gives the center's own (portal's does).
        "SITE_CONTACT": SimpleLazyObject(settings_contact),
        "canonical_url": lazy(canonical, str)(),
        # The larger-text switch (core.comfort): <html class> and the footer's choices.
        "TEXT_SIZE_CLASS": comfort.html_class(request),
        "TEXT_SIZES": comfort.choices(request),
    }
