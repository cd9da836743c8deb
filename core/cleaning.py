"""Checks on what people type anywhere on the site: names, phones, short notes.

Each function returns the cleaned value or raises ValidationError with a message a villager
understands. The learner check of the enrollments and the learning-needs survey both call
these, so a name or a phone is cleaned the same way on every form.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Characters that reorder or hide text (right-to-left overrides, isolates, zero-width marks).
_BIDI_AND_INVISIBLE = {
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
}
_NAME_PUNCTUATION = set(" '-.")


def _reject_hidden(text, field_label):
    for ch in text:
        if ch in _BIDI_AND_INVISIBLE or (unicodedata.category(ch)[0] == "C" and ch not in "\n\t"):
            raise ValidationError(
                _("%(field)s contains hidden or direction-changing characters. Type it again.")
                % {"field": field_label},
                code="hidden_characters",
            )


def clean_person_name(value, field_label=None):
    """A person's name: letters (any accents), spaces, apostrophes, hyphens and dots."""
    field_label = field_label or _("The name")
    text = unicodedata.normalize("NFC", value or "")
    _reject_hidden(text, field_label)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) < 2:
        raise ValidationError(_("Type the full name."), code="too_short")
    if len(text) > 100:
        raise ValidationError(_("The name is too long (at most 100 letters)."), code="too_long")
    for ch in text:
        if not (unicodedata.category(ch)[0] in "LM" or ch in _NAME_PUNCTUATION):
            raise ValidationError(
                _("%(field)s may contain only letters and spaces (not “%(char)s”).")
                % {"field": field_label, "char": ch},
                code="bad_character",
            )
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        raise ValidationError(_("Type the full name."), code="no_letters")
    return text


def normalize_phone(value):
    """A Vietnamese phone number as 0xxxxxxxxx: "+84 912 345 678", "０９１２…" → "0912345678".

    Empty stays empty. Anything but digits, spaces, dots, dashes, brackets and a leading + is
    refused.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        return ""
    _reject_hidden(text, _("The phone number"))
    compact = re.sub(r"[\s.\-()]", "", text)
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    elif compact.startswith("0084"):
        compact = "0" + compact[4:]
    if not re.fullmatch(r"0\d{9,10}", compact):
        raise ValidationError(
            _(
                "This is not a Vietnamese phone number. Type 10 digits starting with 0, "
                "e.g. 0912 345 678."
            ),
            code="bad_phone",
        )
    return compact


def clean_text(value, field_label):
    """A plain text a person wrote (a question, a note): NFC, trimmed, no hidden or
    direction-changing characters (line breaks and tabs are fine). Shown escaped, so < and >
    are harmless; a field that goes into printed sheets refuses them itself (clean_note)."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").strip()
    _reject_hidden(text, field_label)
    if "\ufffd" in text:  # what a form sent in another encoding than UTF-8 decodes to
        raise ValidationError(
            _("%(field)s contains characters that could not be read. Type it again.")
            % {"field": field_label},
            code="unreadable",
        )
    return text


def clean_note(value):
    text = clean_text(value, _("The note"))
    if "<" in text or ">" in text:
        raise ValidationError(_("The note may not contain the signs < and >."), code="markup")
    if len(text) > 500:
        raise ValidationError(_("The note is too long (at most 500 characters)."), code="long")
    return text
