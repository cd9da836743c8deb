"""The learning-needs survey's form: the public page and the staff's paper entry share it."""

import re
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from classes.models import Kind
from core.centers import site_name
from core.cleaning import clean_note, clean_person_name, normalize_phone
from core.forms import HoneypotForm
from core.models import Hamlet
from survey.models import Season, TimeOfDay
from survey.topics import topic_key


def survey_consent_text():
    """What a survey respondent who leaves a name or phone agrees to, stored word for word."""
    years = settings.LEARNER_RETENTION_YEARS
    return ngettext(
        "I agree that %(center)s keeps my name and phone to "
        "tell me when a class on these topics opens. They are never published, are erased "
        "%(years)d year after this answer, and I may ask the center at any time to see or "
        "erase them.",
        "I agree that %(center)s keeps my name and phone to "
        "tell me when a class on these topics opens. They are never published, are erased "
        "%(years)d years after this answer, and I may ask the center at any time to see or "
        "erase them.",
        years,
    ) % {"years": years, "center": site_name()}


class SurveyForm(HoneypotForm):
    """The learning-needs survey. The public page and the staff's paper entry share it; only
    staff see the date field (`paper=True`), the public form keeps the honeypot."""

    honeypot_message = _("Your answer could not be sent. Please call the center.")

    kinds = forms.MultipleChoiceField(
        label=_("What would you like to learn?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick as many as you like."),
    )
    other_topic = forms.CharField(
        label=_("Something else (write it)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. cooking, sewing, beekeeping")}),
    )
    hamlet = forms.ModelChoiceField(
        label=_("Your hamlet"),
        queryset=Hamlet.objects.all(),
        empty_label=_("— choose your hamlet —"),
        error_messages={
            "required": _("Choose your hamlet."),
            "invalid_choice": _("Choose a hamlet from the list."),
        },
    )
    times = forms.MultipleChoiceField(
        label=_("What time of day suits you?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a time of day from the list.")},
    )
    seasons = forms.MultipleChoiceField(
        label=_("When in the year do you have time?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a season from the list.")},
    )
    full_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(label="", required=False)  # survey_consent_text(), per form
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = paper
        self.fields["kinds"].choices = Kind.choices
        self.fields["kinds"].error_messages["invalid_choice"] = _("Choose topics from the list.")
        self.fields["times"].choices = TimeOfDay.choices
        self.fields["seasons"].choices = Season.choices
        self.fields["consent"].label = survey_consent_text()
        self.fields["token"].initial = uuid.uuid4()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        if paper:
            del self.fields["website"]
            self.fields["answered_on"] = forms.DateField(
                label=_("Date on the paper form"),
                help_text=_("Day first, e.g. 25/12/2026."),
                error_messages={"invalid": _("Type the date day first, e.g. 25/12/2026.")},
            )
            self.fields["consent"].help_text = _(
                "Tick only if the person ticked this box on the paper form."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_other_topic(self):
        try:
            text = clean_note(self.cleaned_data["other_topic"])
        except ValidationError as error:
            if error.code != "markup":
                raise
            raise ValidationError(
                _("The topic may not contain the signs < and >."), code="markup"
            ) from None
        if text and not topic_key(text):
            raise ValidationError(_("Write the topic in words."), code="no_words")
        return re.sub(r"\s+", " ", text)

    def clean_full_name(self):
        value = self.cleaned_data["full_name"]
        return clean_person_name(value) if value.strip() else ""

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_answered_on(self):
        value = self.cleaned_data["answered_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return value

    def clean(self):
        data = super().clean()
        no_topic = not data.get("kinds") and not data.get("other_topic")
        if no_topic and "other_topic" not in self.errors:
            self.add_error(
                "kinds", _("Tick at least one topic, or write what you would like to learn.")
            )
        has_contact = data.get("full_name") or data.get("phone")
        if has_contact and not data.get("consent"):
            self.add_error(
                "consent",
                _(
                    "You left a name or phone: tick the box to agree that the center keeps "
                    "them, or clear them to answer anonymously."
                ),
            )
        return data
