from django.contrib.sitemaps import Sitemap

from disclosures.models import DisclosureDocument


class DocumentSitemap(Sitemap):
    """Every document the register lists, for `/sitemap.xml` (wired on the top floor)."""

    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return DisclosureDocument.objects.listed().order_by("pk")

    def lastmod(self, document):
        return document.updated_at
