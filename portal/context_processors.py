"""Template context every page gets from the top floor."""

from django.core.cache import cache

from core.cache import stored_version
from core.contact import EXAMPLE_FIELDS, settings_contact
from core.tenancy import current_center_id
from organizations.selectors import center_contact as stored_center_contact

CONTACT_CACHE_SECONDS = 24 * 60 * 60


def site_contact():
    """The center's address, phone, e-mail and office hours as staff keep them in the admin,
    each falling back to the settings (`PORTAL_CONTACT_*`, the first center's only, see
    `core.contact.settings_contact`) while empty. (Named by
    `settings.SITE_CONTACT_PROVIDER`, so `core.contact` gives apps the same answer.)
    `phone_is_example` and `email_is_example` say a value is the demo's made-up one.

    Cached under the center's content version that `core.cache` bumps on every save, so a
    change in the admin shows on the next page; a page costs one or two cache reads, no query.
    """
    key = f"portal:center-contact:{current_center_id()}:{stored_version()}"
    cached = cache.get(key)
    if cached is None:
        cached = (stored_center_contact() or {}, settings_contact())
        cache.set(key, cached, CONTACT_CACHE_SECONDS)
    stored, fallback = dict(cached[0]), cached[1]
    example = stored.pop("contact_is_example", False)
    contact = dict(fallback)
    contact.update({name: value for name, value in stored.items() if value})
    for name in EXAMPLE_FIELDS:
        contact[f"{name}_is_example"] = bool(example and stored.get(name))
    return contact


def center_contact(request):
    """`SITE_CONTACT` for the header and footer (see `site_contact`)."""
    return {"SITE_CONTACT": site_contact()}
