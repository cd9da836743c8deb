"""Writes of the self-assessment: create a year, save the answers of a checklist.

Views and the admin call these; they validate everything before saving anything, so a refused
file leaves no row and no half-saved checklist behind.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import FIRST_YEAR, IndicatorAnswer, SelfAssessment
from core.storage import track_saved_files


def assessable_years(today=None):
    """The years one may assess: from 2024 (TT 25/2023) to the current year, newest first."""
    current = (today or timezone.localdate()).year
    return list(range(current, FIRST_YEAR - 1, -1))


def default_year(today=None):
    """The year staff most likely assess now: the last one until the dossier is due (28/2,
    some provinces 31/5), then the current one."""
    today = today or timezone.localdate()
    return max(FIRST_YEAR, today.year - 1 if today.month <= 5 else today.year)


@transaction.atomic
def self_assessment_create(*, year, target_level, user) -> SelfAssessment:
    """A new draft for `year`; refused when that year exists or lies outside 2024..now."""
    years = assessable_years()
    if year not in years:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": years[-1], "last": years[0]}
            }
        )
    assessment = SelfAssessment(
        year=year, target_level=target_level, created_by=user, updated_by=user
    )
    assessment.full_clean()
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:  # two staff created the same year at once
        raise ValidationError(
            {"year": _("The self-assessment of %(year)s already exists.") % {"year": year}}
        ) from error
    return assessment


@transaction.atomic
def indicator_answers_save(*, assessment, answers, user) -> int:
    """Save the answers of one checklist, all or nothing.

    `answers` is a list of dicts with `indicator` and any of `result`, `note`, `evidence_file`
    (an upload, None to keep, False to remove) and `evidence_link`. Every answer is validated
    (file type by content, size, name) before the first is saved. A final assessment is not
    changed. Returns how many answers changed.
    """
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_final:
        raise ValidationError(
            _("The self-assessment of %(year)s is final. Set it back to draft to change it.")
            % {"year": assessment.year}
        )
    existing = {a.indicator_id: a for a in assessment.answers.all()}
    to_save, errors, replaced = [], {}, []
    for values in answers:
        indicator = values["indicator"]
        answer = existing.get(indicator.pk) or IndicatorAnswer(
            assessment=assessment, indicator=indicator, created_by=user
        )
        changed = answer.pk is None
        for field in ("result", "note", "evidence_link"):
            if field in values and getattr(answer, field) != values[field]:
                setattr(answer, field, values[field])
                changed = True
        upload = values.get("evidence_file")
        if (upload is False and answer.evidence_file) or upload:
            if answer.evidence_file:
                replaced.append(answer.evidence_file.name)
            answer.evidence_file = upload or None
            changed = True
        if not changed:
            continue
        answer.updated_by = user
        try:
            answer.full_clean(exclude=["assessment", "indicator"], validate_unique=False)
        except ValidationError as error:
            errors[indicator.code] = error
            continue
        to_save.append(answer)
    if errors:
        raise ValidationError(
            [
                _("Indicator %(code)s: %(problem)s")
                % {"code": code, "problem": " ".join(error.messages)}
                for code, error in errors.items()
            ]
        )
    with track_saved_files() as saved:
        try:
            for answer in to_save:
                answer.save()
        except Exception:
            # The transaction rolls the rows back; the files written so far go too.
            for storage, name in saved:
                storage.delete(name)
            raise
    # A replaced or removed draft evidence file goes once the new state is committed.
    storage = IndicatorAnswer._meta.get_field("evidence_file").storage
    for name in replaced:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return len(to_save)
