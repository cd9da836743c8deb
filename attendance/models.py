"""Learners, their enrollments in classes and the attendance marks staff take.

Personal data lives only here. It never leaves through a public page, feed, sitemap or URL:
public views of this app show aggregates only.
"""

import secrets
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from classes.models import Course, Kind, Session
from core.models import TimeStampedModel
from core.search import searchable_text, trigram_index
from core.text import fold

# No 0/O, 1/I/L: the code is read aloud over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Hamlet(models.Model):
    """A hamlet (xóm) of the commune, offered in the enrollment form. Staff edit the list."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_other = models.BooleanField(
        _("means “other”"),
        default=False,
        help_text=_("The choice for people living outside the listed hamlets."),
    )

    class Meta:
        ordering = ["is_other", "position", "name"]
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")

    def __str__(self):
        return self.name


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class LearnerQuerySet(models.QuerySet):
    def matching(self, *, full_name, birth_year, phone="", hamlet=None):
        """Learners who are the same person: same folded name and birth year, and the same
        phone or the same hamlet."""
        same = Q(phone=phone) if phone else Q(pk__in=[])
        if hamlet is not None:
            same |= Q(hamlet=hamlet)
        return self.filter(name_folded=fold(full_name), birth_year=birth_year).filter(same)


class Learner(TimeStampedModel):
    """A person who enrolled in a class (no ID numbers: only what a class needs)."""

    full_name = models.CharField(_("full name"), max_length=100)
    name_folded = models.CharField(max_length=100, editable=False, db_index=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex, blank=True)
    hamlet = models.ForeignKey(
        Hamlet, verbose_name=_("hamlet"), on_delete=models.PROTECT, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=100, blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=15, blank=True)
    erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The person's data was erased on request; their enrollments still count."),
    )
    search_text = models.TextField(editable=False, default="")

    objects = LearnerQuerySet.as_manager()

    class Meta:
        ordering = ["name_folded", "birth_year"]
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        indexes = [trigram_index("learner")]

    def __str__(self):
        if self.erased_at:
            return str(_("Erased learner #%(id)s") % {"id": self.pk})
        return f"{self.full_name} ({self.birth_year or '?'})"

    def clean(self):
        # The admin is held to the same rules as the public form and the Excel import: one
        # cleaning step for all of them (`cleaning.clean_learner`), the guardian rule included.
        from attendance import cleaning

        if self.erased_at:
            return
        values = {field: getattr(self, field) for field in cleaning.LEARNER_FIELDS}
        if values["birth_year"] is None:  # staff may not know it; the public form asks for it
            del values["birth_year"]
        for field, value in cleaning.clean_learner(values).items():
            setattr(self, field, value)

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)[:100]
        self.search_text = searchable_text(self.full_name, self.phone)
        super().save(*args, **kwargs)


class EnrollmentQuerySet(models.QuerySet):
    def active(self):
        """Enrollments that hold a seat and count as learners: every seat count, list of
        learners and statistic reads this (or `Enrollment.active_q` across a relation)."""
        return self.filter(Enrollment.active_q())


class Enrollment(TimeStampedModel):
    """One learner in one class."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", pgettext_lazy("enrollment", "Withdrawn")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        STAFF = "staff", _("Entered by staff")

    learner = models.ForeignKey(
        Learner, verbose_name=_("learner"), on_delete=models.PROTECT, related_name="enrollments"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("class"), on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.STAFF)
    reference = models.CharField(
        _("reference code"), max_length=12, unique=True, default=new_reference, editable=False
    )
    note = models.TextField(_("note"), blank=True, max_length=500)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True, editable=False)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["course", "learner__name_folded"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                name="enrollment_one_per_learner_per_class",
                violation_error_message=_("This learner is already enrolled in this class."),
            )
        ]

    def __str__(self):
        return f"{self.reference} · {self.course.title}"

    # A withdrawn enrollment holds no seat and counts as no learner; every other status does.
    INACTIVE = frozenset({Status.WITHDRAWN})

    @classmethod
    def active_q(cls, prefix=""):
        """`active()` as a condition, for a count across a relation:
        `Count("enrollments", filter=Enrollment.active_q("enrollments__"))`."""
        return ~Q(**{f"{prefix}status__in": sorted(cls.INACTIVE)})

    @property
    def holds_seat(self):
        return self.status not in self.INACTIVE

    def seat_refusal(self):
        """Why this enrollment, saved as it is, would not fit its class (a message), or None.

        The count is only safe with the class row locked: `services.enrollment_save` calls this
        under the lock before it writes; `clean()` calls it for the form's message.
        """
        if not self.holds_seat or not self.course_id:
            return None
        capacity = Course.objects.filter(pk=self.course_id).values_list("capacity", flat=True)
        capacity = capacity.first()
        if capacity is None:
            return None
        others = Enrollment.objects.active().filter(course_id=self.course_id).exclude(pk=self.pk)
        if others.count() >= capacity:
            return _("This class is full: withdraw someone first or add seats.")
        return None

    def clean(self):
        # Staff in the admin are held to the class's seats too; the count that decides is the
        # one `services.enrollment_save` makes under the class row lock.
        refusal = self.seat_refusal()
        if refusal:
            raise ValidationError({"course": refusal}, code="full")


class AttendanceMark(models.Model):
    """Whether a learner came to one session; one mark per learner per session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")
        LATE = "late", _("Late")

    # Who came to a session: a learner who came late was there. Every count of attendance
    # (the save message, the sheet, the export, the session list) reads this one set.
    ATTENDED = frozenset({Status.PRESENT, Status.LATE})

    enrollment = models.ForeignKey(
        Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE, related_name="marks"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="marks"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PRESENT)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        ordering = ["session", "enrollment"]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "session"],
                name="attendance_one_mark_per_session",
                violation_error_message=_("This learner already has a mark for this session."),
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.get_status_display()}"

    @classmethod
    def attended_per_enrollment(cls, statuses):
        """{enrollment_id: sessions attended} from {(enrollment_id, session_id): status}."""
        return Counter(e for (e, _session), status in statuses.items() if status in cls.ATTENDED)


# --- Learning-needs survey ("cần gì học nấy"): what villagers want to learn, and when. ---


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


class SurveyResponseQuerySet(models.QuerySet):
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


class SurveyResponse(TimeStampedModel):
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
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(full_name="", phone="") | Q(consent_at__isnull=False),
                name="survey_contact_needs_consent",
                violation_error_message=_("Contact details need the person's consent."),
            )
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
        from attendance.survey import topic_key

        self.other_topic_key = topic_key(self.other_topic)
        super().save(*args, **kwargs)


class SurveyChoiceQuerySet(models.QuerySet):
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


class SurveyChoice(models.Model):
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

    objects = SurveyChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["response", "question", "value"]
        verbose_name = _("survey choice")
        verbose_name_plural = _("survey choices")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "value"], name="survey_choice_once"
            )
        ]

    def __str__(self):
        from attendance.survey import choice_label

        return f"{self.get_question_display()}: {choice_label(self.question, self.value)}"
