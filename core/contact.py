"""The center's public contact details, for any app that prints or reads them out.

Staff keep them in the admin (`disclosures.Organization`), which `core` and the floor-2 apps may
not import; the top floor does, and names its reader in `settings.SITE_CONTACT_PROVIDER`
(as Django names context processors). Without one, `settings.SITE_CONTACT` is the answer.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def site_contact() -> dict:
    """{"address", "phone", "email", ...}: what staff keep in the admin, else the settings."""
    provider = getattr(settings, "SITE_CONTACT_PROVIDER", "")
    return import_string(provider)() if provider else dict(settings.SITE_CONTACT)
