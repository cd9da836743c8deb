from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    home_box = "news/includes/home_box.html"
    home_context = "news.selectors.home_context"
    search_source = "news.selectors.search_source"
    sitemaps = {
        "news": "news.sitemaps.ArticleSitemap",
        "news-categories": "news.sitemaps.CategorySitemap",
    }
    sitemap_pages = ["news:article-list"]
    next_change = "news.selectors.next_change"
    demo = "news.demo.load"
    center_defaults = "news.seed.center_defaults"
