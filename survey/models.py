"""The learning-needs survey ("cần gì học nấy"): what villagers want to learn, and when.

An answer names a hamlet and ticks boxes (kinds of class, times of day, seasons); contact
details are optional and kept only with consent. Only counts leave the staff pages.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classes.models import Kind
from core.models import Hamlet, TimeStampedModel
from core.tenancy import CenterOwned, CenterQuerySet, center_manager
from survey.topics import topic_key


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class Season(models.TextChoices):
    """When people have time: the slack weeks of the farming year in the Red River delta."""

    AFTER_SPRING = "after-spring", _("After the spring rice harvest (June–July)")
    AFTER_AUTUMN = "after-autumn", _("After the autumn rice harvest (November–December)")
    TET = "tet", _("Around Tết (January–February)")
    ANY = "any", _("Any time of the year")


class SurveyResponseQuerySet(CenterQuerySet):
    def in_year(self, year):
        return self.filter(answered_on__year=year) if year else self

    def contactable(self):
        """Answers that left a name or phone and agreed to be contacted (not yet erased): the
        demand page's counts, its downloads and the list of interested people read this."""
        return self.filter(SurveyResponse.contactable_q())

    def with_contact(self):
        """Answers that still hold a name or phone, consent or not (what retention erases)."""
        return self.filter(SurveyResponse.contact_q())

    def wanting(self, topic):
        """Answers asking for a topic: ("kind", value) or ("free", folded key), each once
        (the ticks counted are `SurveyChoiceQuerySet.wishes`)."""
        what, value = topic
        if what == "kind":
            ticked = SurveyChoice.objects.wishes().filter(
                question=SurveyChoice.Question.KIND, value=value
            )
            return self.filter(pk__in=ticked.values("response"))
        return self.filter(other_topic_key=value)


class SurveyResponse(CenterOwned, TimeStampedModel):
    """One villager's answer to the learning-needs survey, online or from a paper form.

    Contact details are optional; when given they need consent (a database constraint) and are
    erased with learners' data after the retention period, while the answer itself still counts.
    """

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Paper form")

    answered_on = models.DateField(
        _("answered on"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("For a paper form: the day it was filled in."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.ONLINE)
    hamlet = models.ForeignKey(Hamlet, verbose_name=_("hamlet"), on_delete=models.PROTECT)
    other_topic = models.CharField(_("other topic"), max_length=100, blank=True)
    other_topic_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True, editable=False)
    consent_text = models.TextField(_("consent text"), blank=True, editable=False)
    contact_erased_at = models.DateTimeField(
        _("contact details erased at"), null=True, blank=True, editable=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The staff member who typed in a paper form."),
    )
    # Once per center: a token sent again at another center's host is a new submission there.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    objects = center_manager(SurveyResponseQuerySet)

    class Meta:
        # Made by attendance before the survey became an app (issue 13): tables keep their names.
        db_table = "attendance_surveyresponse"
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "submission_token"], name="survey_response_token_once_per_center"
            ),
            models.CheckConstraint(
                condition=Q(full_name="", phone="") | Q(consent_at__isnull=False),
                name="survey_contact_needs_consent",
                violation_error_message=_("Contact details need the person's consent."),
            ),
        ]

    def __str__(self):
        return str(_("Survey answer #%(id)s") % {"id": self.pk})

    @staticmethod
    def contact_q(prefix=""):
        """Holds a name or a phone."""
        return ~Q(**{f"{prefix}full_name": "", f"{prefix}phone": ""})

    @classmethod
    def contactable_q(cls, prefix=""):
        """`contactable()` as a condition, for a count across a relation:
        `Count("id", filter=SurveyResponse.contactable_q("response__"))`."""
        return Q(**{f"{prefix}consent_at__isnull": False}) & cls.contact_q(prefix)

    def save(self, *args, **kwargs):
        self.other_topic_key = topic_key(self.other_topic)
        super().save(*args, **kwargs)


class SurveyChoiceQuerySet(CenterQuerySet):
    def wishes(self):
        """The ticks that count as asking for something: all but an "Other" (Khác) tick on an
        answer that also wrote its topic. "Khác" + "Nấu ăn" is one wish, cooking, counted
        under the topic written; "Khác" alone still counts as "Khác". Every count of the
        demand (its page, downloads, the draft class, the interested people) reads this."""
        return self.exclude(
            question=SurveyChoice.Question.KIND,
            value=Kind.OTHER,
            response__other_topic_key__gt="",
        )


class SurveyChoice(CenterOwned):
    """One ticked box of an answer: a kind of class, a time of day or a season.

    Rows rather than arrays, so the database counts the demand with a plain GROUP BY.
    """

    class Question(models.TextChoices):
        KIND = "kind", _("Topic")
        TIME = "time", _("Time of day")
        SEASON = "season", _("Season")

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("survey answer"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    question = models.CharField(_("question"), max_length=10, choices=Question)
    value = models.CharField(_("answer"), max_length=20)

    objects = center_manager(SurveyChoiceQuerySet)

    class Meta:
        db_table = "attendance_surveychoice"
        ordering = ["response", "question", "value"]
        verbose_name = _("survey choice")
        verbose_name_plural = _("survey choices")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "value"], name="survey_choice_once"
            )
        ]

    def __str__(self):
        return f"{self.get_question_display()}: {self.value_label}"

    @property
    def value_label(self):
        """What the ticked box said: "Tin học", "Buổi tối"…"""
        return choice_label(self.question, self.value)


def choice_label(question, value):
    """The label of a ticked box; a value no longer offered shows as stored."""
    choices = {
        SurveyChoice.Question.KIND: Kind,
        SurveyChoice.Question.TIME: TimeOfDay,
        SurveyChoice.Question.SEASON: Season,
    }.get(question)
    return dict(choices.choices).get(value, value) if choices else value
