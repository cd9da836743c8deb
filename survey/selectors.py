"""What this app offers the top floor: its staff tool (no home box of its own, no search
source: answers are never shown on a public page).

Declared on `SurveyConfig.staff_tools` and gathered by `core.hooks` (docs/architecture.md).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.staff import StaffTool


def staff_tools(user):
    """The staff pages of this app that `user` may open."""
    if not user.has_perm("survey.view_surveyresponse"):
        return []
    return [
        StaffTool(
            _("Learning-needs survey"),
            _("What villagers want to learn, by topic, hamlet and time; enter paper forms."),
            reverse("attendance:survey-demand"),
        )
    ]
