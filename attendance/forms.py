import re
import unicodedata
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from attendance import cleaning
from attendance.models import REFERENCE_ALPHABET, REFERENCE_LENGTH, Sex
from core.centers import site_name
from core.cleaning import clean_note, normalize_phone
from core.forms import HoneypotForm
from core.models import Hamlet


def consent_text():
    """What a person agrees to, stored word for word with the enrollment. The retention
    period is the one `erase_expired_learners` applies (DJANGO_LEARNER_RETENTION_YEARS)."""
    years = settings.LEARNER_RETENTION_YEARS
    return ngettext(
        "I agree that %(center)s keeps the details above to "
        "organise this class, contact me about it and count learners in its anonymous "
        "statistics. They are never published, are kept until %(years)d year after the class "
        "ends, and I may ask the center at any time to see or erase them.",
        "I agree that %(center)s keeps the details above to "
        "organise this class, contact me about it and count learners in its anonymous "
        "statistics. They are never published, are kept until %(years)d years after the class "
        "ends, and I may ask the center at any time to see or erase them.",
        years,
    ) % {"years": years, "center": site_name()}


class EnrollmentForm(HoneypotForm):
    honeypot_message = _("Your enrollment could not be sent. Please call the center.")

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
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text()
        self.fields["token"].initial = uuid.uuid4()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_note(self):
        return clean_note(self.cleaned_data["note"])

    def clean(self):
        data = super().clean()
        # The learner's details go through the one cleaning step the admin and the Excel
        # import use too (fields that failed their own checks above are left out).
        typed = {f: data[f] for f in cleaning.LEARNER_FIELDS if f in data}
        try:
            data.update(cleaning.clean_learner(typed))
        except ValidationError as error:
            self.add_error(None, error)
        return data


class EnrollmentLookupForm(forms.Form):
    """/tra-cuu-dang-ky/: the reference code from the confirmation page and the phone number
    the enrollment was made with. Typed as people copy them: "7kq-2mx", "0912 345 678"."""

    reference = forms.CharField(
        label=_("Reference code"),
        max_length=20,
        help_text=_("The 6 letters and digits on the page you saw after enrolling."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("Phone number given when enrolling"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_reference(self):
        code = unicodedata.normalize("NFKC", self.cleaned_data["reference"]).upper()
        code = re.sub(r"[\s.\-_/]", "", code)
        if len(code) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in code):
            raise ValidationError(
                _(
                    "A reference code has 6 letters and digits, e.g. 7KQ2MX. Check it on the "
                    "page you saw after enrolling."
                ),
                code="bad_reference",
            )
        return code

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


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
