from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Legal and planning documents")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    search_source = "documents.selectors.search_source"
    sitemaps = {"documents": "documents.sitemaps.LegalDocumentSitemap"}
    sitemap_pages = ["documents:document-list"]
    next_change = "documents.selectors.next_change"
    demo = "documents.demo.load"
