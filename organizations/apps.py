from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Center and school")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    sitemap_pages = ["about", "about-board", "contact"]
    demo = "organizations.demo.load"
    center_defaults = "organizations.seed.center_defaults"
