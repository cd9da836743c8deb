"""Writes on survey answers: saving one with its ticks, a draft class from a topic, erasing
old contacts. The public form, the paper entry, the demo and the retention command call these."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from classes.models import Course, Kind
from core.retention import retention_cutoff
from core.text import class_title
from survey.demand import topic_label
from survey.models import SurveyChoice, SurveyResponse


@transaction.atomic
def survey_response_create(
    *,
    hamlet,
    kinds=(),
    other_topic="",
    times=(),
    seasons=(),
    full_name="",
    phone="",
    consent_text="",
    source=SurveyResponse.Source.ONLINE,
    answered_on=None,
    entered_by=None,
    submission_token=None,
) -> tuple[SurveyResponse, bool]:
    """Save one survey answer with its ticked boxes; (answer, created).

    The same submission token twice (a double tap, a resent form) returns the first answer.
    Contact details are kept only with consent text; without contact the answer is anonymous.
    """
    if submission_token:
        existing = SurveyResponse.objects.filter(submission_token=submission_token).first()
        if existing:
            return existing, False
    if not (kinds or other_topic):
        raise ValidationError(_("Tick at least one topic, or write what you would like to learn."))
    contact = bool(full_name or phone)
    if contact and not consent_text:
        raise ValidationError(_("Contact details need the person's consent."))
    response = SurveyResponse(
        hamlet=hamlet,
        other_topic=other_topic,
        full_name=full_name,
        phone=phone,
        consent_at=timezone.now() if contact else None,
        consent_text=consent_text if contact else "",
        source=source,
        entered_by=entered_by,
        submission_token=submission_token,
    )
    if answered_on:
        response.answered_on = answered_on
    try:
        # A savepoint: a second request with the same token, between the check above and
        # here, loses the race on the unique token and gets the first answer.
        with transaction.atomic():
            response.save()
    except IntegrityError:
        if not submission_token:
            raise
        return SurveyResponse.objects.get(submission_token=submission_token), False
    question = SurveyChoice.Question
    SurveyChoice.objects.bulk_create(
        SurveyChoice(response=response, question=q, value=value)
        for q, values in (
            (question.KIND, kinds),
            (question.TIME, times),
            (question.SEASON, seasons),
        )
        for value in dict.fromkeys(values)
    )
    return response, True


@transaction.atomic
def survey_course_draft(*, topic, year=None, user) -> Course:
    """A draft class for a topic villagers asked for, for staff to finish in the admin."""
    label = topic_label(topic, year)
    requests = SurveyResponse.objects.in_year(year).wanting(topic).count()
    what, value = topic
    course = Course(
        title=class_title(label)[:200],  # "Lớp nấu ăn", also when people typed "lớp nấu ăn"
        kind=value if what == "kind" else Kind.OTHER,
        topic="" if what == "kind" else label,
        start_date=timezone.localdate(),
        status=Course.Status.DRAFT,
        description=ngettext(
            "Draft made from the learning-needs survey (%(period)s): %(n)d person asked for "
            "this topic. Set the dates, place and instructor before publishing.",
            "Draft made from the learning-needs survey (%(period)s): %(n)d people asked for "
            "this topic. Set the dates, place and instructor before publishing.",
            requests,
        )
        % {"n": requests, "period": year or _("all years")},
        created_by=user,
        updated_by=user,
    )
    course.save()
    return course


def survey_contacts_past_retention(*, years: int, today=None):
    """Survey answers older than the retention period that still hold a name or phone."""
    cutoff = retention_cutoff(years=years, today=today)
    return SurveyResponse.objects.filter(answered_on__lt=cutoff).with_contact()


def survey_contacts_erase_expired(*, years: int, today=None) -> int:
    """Erase names and phones left in survey answers older than the retention period.

    The answers (topics, hamlet, times) stay, so the demand counts do not change.
    """
    return survey_contacts_past_retention(years=years, today=today).update(
        full_name="", phone="", contact_erased_at=timezone.now()
    )
