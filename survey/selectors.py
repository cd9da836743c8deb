"""What this app offers the top floor: its staff tool (no home box of its own, no search
source: answers are never shown on a public page).

`tienTan_portal.views` calls this; it is the only thing it knows about this app.
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
