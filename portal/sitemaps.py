from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import hooks


class PageSitemap(Sitemap):
    """The fixed public pages: the URL names each app declares as `sitemap_pages`
    (core.hooks); each app's own content comes in the sections it declares as `sitemaps`."""

    changefreq = "daily"

    def items(self):
        return hooks.sitemap_pages()

    def location(self, item):
        return reverse(item)
