from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Enrollment and attendance")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    # No search source and no sitemap section: learners are never on a public page but as
    # aggregates (the key figures, /thong-ke/).
    home_box = "attendance/includes/home_box.html"
    home_context = "attendance.selectors.home_context"
    sitemap_pages = ["attendance:statistics"]
    staff_tools = "attendance.selectors.staff_tools"
    demo = "attendance.demo.load"
