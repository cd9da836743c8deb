from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor's pages: home, site search, the yearly report. They compose what the
    apps below declare (core.hooks) and own no data, so the app has no models."""

    name = "portal"
    verbose_name = _("Portal pages")

    # The fixed pages of this floor.
    sitemap_pages = ["home", "privacy"]
    staff_tools = "portal.selectors.staff_tools"
