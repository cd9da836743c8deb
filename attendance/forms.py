import re
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from attendance import cleaning
from attendance.models import Hamlet, Sex


def consent_text():
    """What a person agrees to, stored word for word with the enrollment. The retention
    period is the one `erase_expired_learners` applies (DJANGO_LEARNER_RETENTION_YEARS)."""
    years = settings.LEARNER_RETENTION_YEARS
    return ngettext(
        "I agree that the community learning center of Tiên Tân keeps the details above to "
        "organise this class, contact me about it and count learners in its anonymous "
        "statistics. They are never published, are kept until %(years)d year after the class "
        "ends, and I may ask the center at any time to see or erase them.",
        "I agree that the community learning center of Tiên Tân keeps the details above to "
        "organise this class, contact me about it and count learners in its anonymous "
        "statistics. They are never published, are kept until %(years)d years after the class "
        "ends, and I may ask the center at any time to see or erase them.",
        years,
    ) % {"years": years}


class EnrollmentForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "1975"}),
        error_messages={"invalid": _("Type the year of birth as four digits, e.g. 1975.")},
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    hamlet = forms.ModelChoiceField(
        label=_("Hamlet"),
        queryset=Hamlet.objects.all(),
        empty_label=_("— choose your hamlet —"),
        error_messages={"invalid_choice": _("Choose a hamlet from the list.")},
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("So the center can call you about the class."),
    )
    guardian_name = forms.CharField(
        label=_("Parent or guardian's name"),
        required=False,
        max_length=200,
        help_text=_("Needed when the learner is under 16."),
    )
    guardian_phone = forms.CharField(
        label=_("Parent or guardian's phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label="",  # consent_text(), set per form: it reads the retention setting
        error_messages={"required": _("Tick the box to agree, or the center cannot enroll you.")},
    )
    # A field people never see: bots fill every input they find.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text()
        self.fields["token"].initial = uuid.uuid4()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_note(self):
        return cleaning.clean_note(self.cleaned_data["note"])

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(
                _("Your enrollment could not be sent. Please call the center."), code="spam"
            )
        # The learner's details go through the one cleaning step the admin and the Excel
        # import use too (fields that failed their own checks above are left out).
        typed = {f: data[f] for f in cleaning.LEARNER_FIELDS if f in data}
        try:
            data.update(cleaning.clean_learner(typed))
        except ValidationError as error:
            self.add_error(None, error)
        return data


class AttendanceForm(forms.Form):
    """One radio group per enrolled learner; everyone starts as present."""

    def __init__(self, *args, enrollments, marks, **kwargs):
        super().__init__(*args, **kwargs)
        from attendance.models import AttendanceMark

        self.rows = []
        for enrollment in enrollments:
            name = f"mark_{enrollment.pk}"
            self.fields[name] = forms.ChoiceField(
                label=enrollment.learner.full_name or str(enrollment.learner),
                choices=AttendanceMark.Status.choices,
                initial=marks.get(enrollment.pk, AttendanceMark.Status.PRESENT),
                widget=forms.RadioSelect,
            )
            self.rows.append((enrollment, name))

    def marks(self):
        return {
            enrollment.pk: self.cleaned_data[name]
            for enrollment, name in self.rows
            if name in self.cleaned_data
        }

    def bound_rows(self):
        return [(enrollment, self[name]) for enrollment, name in self.rows]


class LearnerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template; one learner per row. At most 2,000 rows."),
    )

    def clean_file(self):
        from core.uploads import ContentTypeValidator

        upload = self.cleaned_data["file"]
        ContentTypeValidator(["xlsx"], max_bytes="import")(upload)
        return upload


class StatisticsSpanForm(forms.Form):
    start = forms.IntegerField(label=_("From year"), required=False, min_value=1990, max_value=2100)
    end = forms.IntegerField(label=_("To year"), required=False, min_value=1990, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("The first year must not be after the last year."))
        return data


def survey_consent_text():
    """What a survey respondent who leaves a name or phone agrees to, stored word for word."""
    years = settings.LEARNER_RETENTION_YEARS
    return ngettext(
        "I agree that the community learning center of Tiên Tân keeps my name and phone to "
        "tell me when a class on these topics opens. They are never published, are erased "
        "%(years)d year after this answer, and I may ask the center at any time to see or "
        "erase them.",
        "I agree that the community learning center of Tiên Tân keeps my name and phone to "
        "tell me when a class on these topics opens. They are never published, are erased "
        "%(years)d years after this answer, and I may ask the center at any time to see or "
        "erase them.",
        years,
    ) % {"years": years}


class SurveyForm(forms.Form):
    """The learning-needs survey. The public page and the staff's paper entry share it; only
    staff see the date field (`paper=True`), the public form keeps the honeypot."""

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
    website = forms.CharField(required=False, label=_("Leave this empty"))
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, paper=False, **kwargs):
        from attendance.models import Season, TimeOfDay
        from classes.models import Kind

        super().__init__(*args, **kwargs)
        self.paper = paper
        self.fields["kinds"].choices = Kind.choices
        self.fields["kinds"].error_messages["invalid_choice"] = _("Choose topics from the list.")
        self.fields["times"].choices = TimeOfDay.choices
        self.fields["seasons"].choices = Season.choices
        self.fields["consent"].label = survey_consent_text()
        self.fields["token"].initial = uuid.uuid4()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
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
        from attendance.survey import topic_key

        try:
            text = cleaning.clean_note(self.cleaned_data["other_topic"])
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
        return cleaning.clean_person_name(value) if value.strip() else ""

    def clean_phone(self):
        return cleaning.normalize_phone(self.cleaned_data["phone"])

    def clean_answered_on(self):
        from django.utils import timezone

        value = self.cleaned_data["answered_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return value

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(
                _("Your answer could not be sent. Please call the center."), code="spam"
            )
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
