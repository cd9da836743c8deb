from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Photo albums")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    search_source = "gallery.selectors.search_source"
    sitemaps = {"gallery": "gallery.sitemaps.AlbumSitemap"}
    sitemap_pages = ["gallery:album-list"]
    next_change = "gallery.selectors.next_change"
    # An article's or a class's page links to its albums (news and classes are below).
    related_links = "gallery.selectors.related_links"
    demo = "gallery.demo.load"
