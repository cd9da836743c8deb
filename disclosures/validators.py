"""Checks on what staff type and upload, shared by the model, the forms and the services."""

import re
import unicodedata

from django.conf import settings
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


def max_upload_bytes() -> int:
    """The size limit, read at call time so a changed setting needs no migration."""
    return settings.DISCLOSURE_MAX_UPLOAD_MB * 1024 * 1024


def validate_file_name(name: str):
    """Refuse names that try to leave the upload folder or hide what the file is.

    Django's request parser already keeps only the last part of a browser's file name, but
    files also arrive from code (the demo loader, the shell, imports), where nothing did that.
    The stored name is generated anyway; a name like this is refused because it is an attack
    or a mistake, never a document.
    """
    text = name or ""
    parts = re.split(r"[/\\]", text)
    if (
        len(parts) > 1
        or ".." in parts
        or text.startswith(".")
        or any(unicodedata.category(ch)[0] == "C" for ch in text)
    ):
        raise ValidationError(
            _(
                "The file name “%(name)s” is not allowed (it contains a folder path or hidden "
                "characters). Rename the file, for example bieu-mau-05.pdf, and upload it again."
            ),
            code="bad_name",
            params={"name": text[:80]},
        )


def validate_document_file(value):
    """A new upload: a safe name, not empty, under the size limit, content matching its name.

    A file already stored was checked when it arrived; it is not read again on every save.
    """
    if getattr(value, "_committed", False):
        return
    validate_file_name(value.name)
    ContentTypeValidator(ALLOWED_TYPES, max_bytes=max_upload_bytes())(value)
