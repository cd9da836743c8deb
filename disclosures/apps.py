from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("Public disclosure")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    home_box = "disclosures/includes/home_box.html"
    home_context = "disclosures.selectors.home_context"
    search_source = "disclosures.selectors.search_source"
    sitemaps = {"disclosures": "disclosures.sitemaps.DocumentSitemap"}
    sitemap_pages = ["disclosures:document-list"]
    next_change = "disclosures.selectors.next_change"
    demo = "disclosures.demo.load"
