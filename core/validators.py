import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

PUBLIC_PHONE_PATTERN = r"^\+?[0-9][0-9 .()-]{5,30}$"


def validate_public_phone(value):
    """A published phone number as people write it: digits with spaces, dots or dashes, an
    optional leading +. The page links it as `tel:` with the spaces removed."""
    if not re.fullmatch(PUBLIC_PHONE_PATTERN, value or "") or sum(c.isdigit() for c in value) < 6:
        raise ValidationError(
            _("Write a phone number with digits only, e.g. 0226 3851 234 or 0912 345 678."),
            code="phone",
        )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule, with a message our catalogue translates (Django's own Vietnamese
    catalogue lacks this one)."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
