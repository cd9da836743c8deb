"""The rule staff give to make a class's sessions at once (see `services.sessions_generate`).

The form only reads what was typed; whether the rule makes sense (an end after the start, a
day off inside the period, no clash with existing sessions…) is the service's to decide, so
every entry path gets the same answers.
"""

import hashlib
import json
import re

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from classes.models import Session
from core.text import WEEKDAYS


def _date_box():
    """The admin's own date box: typed day-first like every date in the admin, with its
    calendar. (A phone's native picker follows the phone's language: month-first on a phone
    set to English.)"""
    return AdminDateWidget(attrs={"placeholder": "15/12/2026"})


def _time_box():
    return AdminTimeWidget(attrs={"placeholder": "19:00"}, format="%H:%M")


_SEPARATORS = re.compile(r"[\s,;]+")
MAX_DAYS_OFF = 100


class SessionRuleForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On"),
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        required=False,  # the service says "choose at least one weekday"
        widget=forms.CheckboxSelectMultiple,
    )
    start_time = forms.TimeField(label=_("From (time)"), widget=_time_box())
    end_time = forms.TimeField(label=_("To (time)"), widget=_time_box())
    starts_on = forms.DateField(label=_("First day"), widget=_date_box())
    weeks = forms.IntegerField(
        label=_("For how many weeks"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
    )
    until = forms.DateField(
        label=_("…or until (last day)"),
        required=False,
        widget=_date_box(),
        help_text=_("Fill in one of the two: a number of weeks, or the last day."),
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        # A hint for the browser; the service holds the rule and says it in words.
        widget=forms.TextInput(attrs={"maxlength": Session._meta.get_field("place").max_length}),
        help_text=_("The class's place unless you change it."),
    )
    skip_dates = forms.CharField(
        label=_("Days off"),
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Holidays with no session, day first, separated by commas: 31/12/2026, 01/01/2027."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace the sessions without attendance"),
        required=False,
        help_text=_(
            "The class's sessions in this period that have no attendance yet are removed "
            "first. Sessions with attendance are never touched."
        ),
    )

    def clean_skip_dates(self):
        """ "31/12/2026, 1/1/2027" → dates, read day first like every date on the site."""
        pieces = [p for p in _SEPARATORS.split(self.cleaned_data["skip_dates"]) if p]
        if len(pieces) > MAX_DAYS_OFF:
            raise ValidationError(
                _("At most %(max)d days off at once."), params={"max": MAX_DAYS_OFF}
            )
        reader, dates = forms.DateField(), []
        for piece in pieces:
            try:
                dates.append(reader.clean(piece))
            except ValidationError:
                raise ValidationError(
                    _("“%(value)s” is not a date: write day/month/year, e.g. 01/01/2027."),
                    params={"value": piece},
                ) from None
        return sorted(set(dates))

    def fingerprint(self):
        """A short digest of the cleaned rule: a confirmation creates only what was
        previewed; a rule changed after its preview is shown again instead."""
        text = json.dumps(self.cleaned_data, default=str, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]
