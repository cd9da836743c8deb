from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import RichTextImage


class RichTextImageForm(forms.ModelForm):
    """What the editor's "insert picture" dialog sends: the file and what it shows."""

    class Meta:
        model = RichTextImage
        fields = ["image", "alt"]
        error_messages = {
            "image": {
                "required": _("Choose a picture: a JPEG, PNG or WebP photo."),
                "empty": _("The file is empty."),
                "invalid_image": _("This file is not a JPEG, PNG or WebP photo."),
            },
            "alt": {"required": _("Type what the picture shows, for readers who cannot see it.")},
        }


class HoneypotForm(forms.Form):
    """The public forms' trap for bots (enrollment, survey, questions): a field people never
    see (hidden by the `.hp` class in the template, skipped by the keyboard), which bots fill
    like every input they find. A filled one refuses the whole form with `honeypot_message`,
    which each form words for itself. A form that staff fill (the survey's paper entry) may
    delete the field."""

    honeypot_message = _("Your form could not be sent. Please call the center.")

    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(self.honeypot_message, code="spam")
        return data
