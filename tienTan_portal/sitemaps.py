from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from classes.sitemaps import CourseSitemap
from disclosures.sitemaps import DocumentSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap


class PageSitemap(Sitemap):
    """The fixed public pages."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "about",
            "about-board",
            "about-partners",
            "contact",
            "privacy",
            "news:article-list",
            "classes:class-list",
            "disclosures:document-list",
            "attendance:statistics",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "news": ArticleSitemap,
    "news-categories": CategorySitemap,
    "classes": CourseSitemap,
    "disclosures": DocumentSitemap,
}
