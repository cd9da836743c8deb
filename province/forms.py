"""The overview's filters. A value no one could have chosen gets a message and the default."""

from django import forms
from django.utils.translation import gettext_lazy as _

PROVINCE, YEAR, SCHOOL_YEAR = "tinh", "nam", "nam-hoc"


class OverviewFilterForm(forms.Form):
    """`tinh` (the operator only: the province accounts see their own province, whatever the
    address says), and `nam` (a year) or `nam-hoc` (a school year under TT 09/2024)."""

    def __init__(self, data, *, provinces=None, school_years=None):
        super().__init__(data)
        if provinces is not None:
            self.fields[PROVINCE] = forms.ChoiceField(
                label=_("Province"),
                required=False,
                choices=[("", _("All provinces")), *((p, p) for p in provinces)],
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        if school_years is None:
            self.fields[YEAR] = forms.IntegerField(
                label=_("Year"),
                required=False,
                min_value=1990,
                max_value=2100,
                widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
            )
        else:
            self.fields[SCHOOL_YEAR] = forms.ChoiceField(
                label=_("School year"),
                required=False,
                choices=[(y, y) for y in school_years],
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def value(self, name):
        """The cleaned value of `name`, or None when it was left out or is not valid."""
        if not self.is_bound or name not in self.fields:
            return None
        self.is_valid()
        return self.cleaned_data.get(name) or None
