from django import forms
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
