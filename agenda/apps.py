from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Work calendar")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    sitemap_pages = ["agenda:week"]
    next_change = "agenda.selectors.next_change"
    demo = "agenda.demo.load"
