"""What this app offers the staff home page (core.hooks)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.staff import StaffTool


def staff_tools(user):
    """The self-assessment's pages, for whoever may read it (center staff, not schools)."""
    if not user.has_perm("assessment.view_selfassessment"):
        return []
    return [
        StaffTool(
            _("Learning-community self-assessment"),
            _("The TT 25/2023 checklist of the year, with what the portal can show."),
            reverse("assessment-list"),
        )
    ]
