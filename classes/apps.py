from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = _("Classes")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    home_box = "classes/includes/home_box.html"
    home_context = "classes.selectors.home_context"
    search_source = "classes.selectors.search_source"
    sitemaps = {"classes": "classes.sitemaps.CourseSitemap"}
    sitemap_pages = ["classes:class-list", "about-partners"]
    next_change = "classes.selectors.next_change"
    demo = "classes.demo.load"
