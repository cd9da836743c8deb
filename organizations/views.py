"""The center's own pages: introduction, board and staff, contact.

TT 37/2020/TT-BGDĐT Điều 9 asks a portal to show them; TT 09/2024 Điều 4 asks for a contact
point. Staff edit all of it in the admin; nothing here is typed into a template. The partner
bodies' page belongs to `classes`, which owns the partners; the About page's figures come from
`attendance` through its template library (`attendance_figures`).
"""

from django.views.generic import TemplateView

from organizations.selectors import center_profile

# The record the seed article reports ("từ năm học 2012 đến 2019"), computed from the classes.
RECORD_YEARS = (2012, 2019)


class CenterPageView(TemplateView):
    """A page about the center; `center` is None until an administrator creates it."""

    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(center=center_profile(), **kwargs)


class AboutView(CenterPageView):
    template_name = "organizations/about.html"
    extra_context = {"record_years": RECORD_YEARS}


class BoardView(CenterPageView):
    template_name = "organizations/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = context["center"].people_list if context["center"] else []
        context["board"] = [p for p in people if p.is_board]
        context["staff"] = [p for p in people if not p.is_board]
        context["has_examples"] = any(p.is_example for p in people)
        return context


class ContactView(CenterPageView):
    """Address, phone, e-mail and hours (as the footer shows them), the way there, and the
    board members who publish a contact (TT 09/2024 Điều 4: a contact point)."""

    template_name = "organizations/contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = context["center"].people_list if context["center"] else []
        context["contacts"] = [p for p in people if p.is_board and (p.phone or p.email)]
        context["has_examples"] = any(p.is_example for p in context["contacts"])
        return context
