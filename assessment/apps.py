from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Learning-community self-assessment")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md).
    staff_tools = "assessment.selectors.staff_tools"
    demo = "assessment.demo.load"
