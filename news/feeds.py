from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.centers import site_name
from news.models import Article


class LatestArticlesFeed(Feed):
    """RSS 2.0 of the latest published articles (drafts, scheduled and expired never)."""

    link = reverse_lazy("news:article-list")

    def description(self):
        return _("News and notices of %(center)s.") % {"center": site_name()}

    language = "vi"

    def title(self):
        return site_name()

    def items(self):
        return Article.objects.published().select_related("category")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]
