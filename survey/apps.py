from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "survey"
    verbose_name = _("Learning-needs survey")

    # What the top floor gathers from this app (core.hooks, docs/architecture.md). The survey
    # form is for villagers who are asked in person or by the loudspeaker, not found by search.
    staff_tools = "survey.selectors.staff_tools"
    demo = "survey.demo.load"
