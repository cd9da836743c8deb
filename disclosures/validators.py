"""Checks on what staff type and upload, shared by the model, the forms and the services."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import ContentTypeValidator

# What a disclosure may be: documents and scans a phone can open. Checked by content, not name.
ALLOWED_TYPES = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "png")

SCHOOL_YEAR_PATTERN = r"^(19|20)[0-9]{2}-(19|20)[0-9]{2}$"


def validate_school_year(value):
    """ "2015-2016": two years joined by a dash, the second one year after the first."""
    match = re.fullmatch(SCHOOL_YEAR_PATTERN, value or "")
    if not match:
        raise ValidationError(
            _("Write the school year as two years joined by a dash, for example 2025-2026."),
            code="school_year_format",
        )
    first, second = (int(part) for part in value.split("-"))
    if second != first + 1:
        raise ValidationError(
            _("The second year must follow the first: %(first)s-%(next)s."),
            code="school_year_order",
            params={"first": first, "next": first + 1},
        )


def validate_document_file(value):
    """A new upload: a safe name, not empty, within the "document" upload limit
    (settings.UPLOAD_LIMITS, read at call time), content matching its name,
    nothing harmful inside (`core.uploads.ContentTypeValidator`).

    A file already stored was checked when it arrived; it is not read again on every save.
    """
    ContentTypeValidator(ALLOWED_TYPES, max_bytes="document")(value)
