from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Questions and answers")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    search_source = "questions.selectors.search_source"
    sitemaps = {"questions": "questions.sitemaps.QuestionSitemap"}
    sitemap_pages = ["questions:question-list"]
    next_change = "questions.selectors.next_change"
    staff_tools = "questions.selectors.staff_tools"
    demo = "questions.demo.load"
