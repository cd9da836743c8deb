"""What this floor offers the staff home page, like any app (core.hooks)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.staff import StaffTool


def staff_tools(user):
    """The staff pages of this floor (they compose several apps) that `user` may open."""
    tools = []
    if user.has_perm("attendance.view_enrollment"):
        tools.append(
            StaffTool(
                _("Yearly report"),
                _("The year's classes, learners and disclosures as a report, PDF, published."),
                reverse("report-years"),
            )
        )
    return tools
