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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from classes.models import Course, Session
from core.models import Hamlet, TimeStampedModel
from core.search import searchable_text, trigram_index
from core.tenancy import CenterOwned, CenterQuerySet, center_manager
from core.text import fold

# No 0/O, 1/I/L: the code is read aloud over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class LearnerQuerySet(CenterQuerySet):
    def matching(self, *, full_name, birth_year, phone="", hamlet=None):
        """Learners who are the same person: same folded name and birth year, and the same
        phone or the same hamlet."""
        same = Q(phone=phone) if phone else Q(pk__in=[])
        if hamlet is not None:
            same |= Q(hamlet=hamlet)
        return self.filter(name_folded=fold(full_name), birth_year=birth_year).filter(same)


class Learner(CenterOwned, TimeStampedModel):
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

    objects = center_manager(LearnerQuerySet)

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
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self):
        """Set the folded name and `search_text`: what save() does, for rows written without
        it (bulk_create in the benchmark's data sets)."""
        self.name_folded = fold(self.full_name)[:100]
        self.search_text = searchable_text(self.full_name, self.phone)


class EnrollmentQuerySet(CenterQuerySet):
    def active(self):
        """Enrollments that hold a seat and count as learners: every seat count, list of
        learners and statistic reads this (or `Enrollment.active_q` across a relation)."""
        return self.filter(Enrollment.active_q())

    def looked_up(self, *, reference, phone):
        """The enrollment a villager names by its reference code and the phone it was made
        with (the learner's, or a guardian's for a child), or None. Both must match: a code
        alone, read over someone's shoulder, shows nothing. `phone` is already normalized
        (core.cleaning.normalize_phone), as the stored numbers are."""
        if not reference or not phone:
            return None
        return (
            self.filter(reference=reference)
            .filter(Q(learner__phone=phone) | Q(learner__guardian_phone=phone))
            .select_related("course")
            .prefetch_related("course__sessions")
            .first()
        )


class Enrollment(CenterOwned, TimeStampedModel):
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
    # Once per center: a token sent again at another center's host is a new submission there.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = center_manager(EnrollmentQuerySet)

    class Meta:
        ordering = ["course", "learner__name_folded"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "submission_token"],
                name="attendance_enrollment_token_once_per_center",
            ),
            models.UniqueConstraint(
                fields=["learner", "course"],
                name="enrollment_one_per_learner_per_class",
                violation_error_message=_("This learner is already enrolled in this class."),
            ),
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


class AttendanceMark(CenterOwned):
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
