"""Checks on a learner's details: each field's check, then the guardian rule.

`clean_learner` applies them to a learner's details: the enrollment form, the Excel import,
the model (so the admin) and `services.enrollment_create` all call it, so no entry path cleans
a learner differently. Names and phones are checked by `core.cleaning`, as on every form.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cleaning import clean_person_name, normalize_phone

MIN_BIRTH_YEAR = 1900
ADULT_AGE = 16


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
