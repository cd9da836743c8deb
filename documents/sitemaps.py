from django.contrib.sitemaps import Sitemap

from documents.models import LegalDocument


class LegalDocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return LegalDocument.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
