from django.contrib.sitemaps import Sitemap

from classes.models import Course


class CourseSitemap(Sitemap):
    """Published classes, for `/sitemap.xml` (wired up on the top floor). Class pages carry no
    learner data; enrollment pages are not listed."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Course.objects.published().only("slug", "updated_at")

    def lastmod(self, course):
        return course.updated_at
