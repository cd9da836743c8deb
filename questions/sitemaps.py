from django.contrib.sitemaps import Sitemap

from questions.models import Question


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Question.objects.published().only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at
