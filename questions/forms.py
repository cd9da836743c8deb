from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.centers import site_name
from core.cleaning import clean_person_name, clean_text, normalize_phone
from core.forms import HoneypotForm


def question_consent_text():
    """What an asker who leaves a phone or e-mail agrees to, stored word for word."""
    return gettext(
        "I agree that %(center)s keeps my phone or e-mail to send me the answer or call me "
        "back about this question. They are never published, and I may ask the center at any "
        "time to erase them."
    ) % {"center": site_name()}


class QuestionForm(HoneypotForm):
    """The public form of /hoi-dap/. Only the question is required."""

    honeypot_message = _("Your question could not be sent. Please call the center.")

    title = forms.CharField(
        label=_("Your question in brief"),
        max_length=200,
        help_text=_("For example: When does the next IT class for older people open?"),
    )
    body = forms.CharField(
        label=_("Your question"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write as much as you need: the center will answer."),
    )
    asker_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    show_name = forms.BooleanField(
        label=_("The center may show my name with the published answer"), required=False
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail, to receive the answer (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Type a whole e-mail address, e.g. ten@gmail.com.")},
    )
    consent = forms.BooleanField(label="", required=False)  # question_consent_text(), per form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = question_consent_text()
        self.fields["asker_name"].widget.attrs["autocomplete"] = "name"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_title(self):
        return " ".join(clean_text(self.cleaned_data["title"], gettext("The question")).split())

    def clean_body(self):
        return clean_text(self.cleaned_data["body"], gettext("The question"))

    def clean_asker_name(self):
        value = self.cleaned_data["asker_name"]
        return clean_person_name(value) if value.strip() else ""

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        contact = data.get("phone") or data.get("email")
        if contact and not data.get("consent"):
            raise ValidationError(
                _(
                    "To leave a phone or e-mail, tick the box to agree. Or leave them empty: "
                    "the answer will be published here if the center publishes it."
                ),
                code="no_consent",
            )
        return data
