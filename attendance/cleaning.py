"""Checks on what people type: names, phones, notes, birth years.

Each function returns the cleaned value or raises ValidationError with a message a villager
understands. `clean_learner` applies them to a learner's details, with the guardian rule: the
enrollment form, the Excel import, the model (so the admin) and `services.enrollment_create`
all call it, so no entry path cleans a learner differently.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
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
MIN_BIRTH_YEAR = 1900
ADULT_AGE = 16


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


def clean_birth_year(value, today=None):
    year = (today or timezone.localdate()).year
    if value is None:
        raise ValidationError(_("Type the year of birth."), code="required")
    if value < MIN_BIRTH_YEAR or value > year:
        raise ValidationError(
            _("The year of birth must be between %(low)d and %(high)d.")
            % {"low": MIN_BIRTH_YEAR, "high": year},
            code="out_of_range",
        )
    return value


def is_minor(birth_year, today=None):
    return (today or timezone.localdate()).year - birth_year < ADULT_AGE


def _clean_guardian_name(value):
    return clean_person_name(value, _("The guardian's name")) if value else ""


# The learner's details a person types, and the check of each.
LEARNER_FIELDS = {
    "full_name": clean_person_name,
    "birth_year": clean_birth_year,
    "phone": normalize_phone,
    "guardian_name": _clean_guardian_name,
    "guardian_phone": normalize_phone,
}


def clean_learner(values: dict, today=None) -> dict:
    """`values` (some of LEARNER_FIELDS) as they are stored, or ValidationError({field:
    [messages]}): each field's check, then the guardian rule (a learner under 16 needs a
    guardian's name and phone). Fields absent from `values` are not checked."""
    cleaned, errors = dict(values), {}
    for field, check in LEARNER_FIELDS.items():
        if field not in values:
            continue
        try:
            cleaned[field] = check(values[field])
        except ValidationError as error:
            errors[field] = error.error_list
    year = cleaned.get("birth_year")
    if "birth_year" not in errors and year and is_minor(year, today):
        for field, message in (
            ("guardian_name", _("Learners under 16 need a parent or guardian: type their name.")),
            ("guardian_phone", _("Learners under 16 need a parent or guardian: type their phone.")),
        ):
            if field in values and not cleaned[field] and field not in errors:
                errors[field] = [ValidationError(message, code="guardian_required")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_note(value):
    text = unicodedata.normalize("NFC", value or "").strip()
    _reject_hidden(text, _("The note"))
    if "<" in text or ">" in text:
        raise ValidationError(_("The note may not contain the signs < and >."), code="markup")
    if len(text) > 500:
        raise ValidationError(_("The note is too long (at most 500 characters)."), code="long")
    return text
