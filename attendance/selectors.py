"""What this app offers the top floor: its home-page box and its staff tools (no search
source: learners are never searchable from public pages).

The top floor calls them through the hooks declared in `apps.py` (core.hooks); they are the
only things it knows about this app.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from attendance import statistics
from core.staff import StaffTool


def home_context(request):
    """Key figures: classes and learners over every year the center has records for."""
    return {"key_figures": statistics.totals()}


def staff_tools(user):
    """The staff pages of this app that `user` may open."""
    tools = []
    if user.has_perm("attendance.add_attendancemark"):
        tools.append(
            StaffTool(
                _("Attendance"),
                _("Pick a class, take today's attendance on a phone, print sheets, export."),
                reverse("attendance:course-pick"),
            )
        )
    if user.has_perm("attendance.add_learner"):
        tools.append(
            StaffTool(
                _("Import learners"),
                _("Add many learners at once from an Excel file."),
                reverse("attendance:learner-import"),
            )
        )
    return tools
