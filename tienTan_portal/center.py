"""The center's own pages: introduction, board and staff, partner bodies, contact.

They compose what the apps hold (TT 37/2020/TT-BGDĐT Điều 9 asks a portal to show them):
the center's profile and people live in `disclosures` (the organization that must publish,
TT 09/2024 Điều 4), the partner bodies in `classes`, the figures in `attendance`. Staff edit
all of it in the admin; nothing here is typed into a template.
"""

from django.views.generic import TemplateView

from attendance import selectors as attendance_selectors
from classes import selectors as classes_selectors
from disclosures import selectors as disclosures_selectors

# The record the seed article reports ("từ năm học 2012 đến 2019"), computed from the classes.
RECORD_YEARS = (2012, 2019)


class CenterPageView(TemplateView):
    """A page about the center; `center` is None until an administrator creates it."""

    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(center=disclosures_selectors.center_profile(), **kwargs)


class AboutView(CenterPageView):
    template_name = "center/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(attendance_selectors.home_context(self.request))
        context["record_years"] = RECORD_YEARS
        return context


class BoardView(CenterPageView):
    template_name = "center/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = context["center"].people_list if context["center"] else []
        context["board"] = [p for p in people if p.is_board]
        context["staff"] = [p for p in people if not p.is_board]
        context["has_examples"] = any(p.is_example for p in people)
        return context


class PartnersView(TemplateView):
    template_name = "center/partners.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=classes_selectors.partners_with_classes(), **kwargs
        )


class ContactView(CenterPageView):
    """Address, phone, e-mail and hours (as the footer shows them), the way there, and the
    board members who publish a contact (TT 09/2024 Điều 4: a contact point)."""

    template_name = "center/contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = context["center"].people_list if context["center"] else []
        context["contacts"] = [p for p in people if p.is_board and (p.phone or p.email)]
        context["has_examples"] = any(p.is_example for p in context["contacts"])
        return context
