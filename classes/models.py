"""The class catalogue: partner bodies, classes and their sessions.

This app knows nothing of learners (they live in `attendance`, a floor up). A class only keeps
`seats_taken`, which attendance's services recount under a row lock whenever an enrollment
changes, so the catalogue can show seats left without importing attendance.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classes.timetable import describe, session_when
from core.images import reencode
from core.models import (
    Publishable,
    PublishedQuerySet,
    SearchableModel,
    StampedModel,
    TimeStampedModel,
)
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager
from core.text import unique_slug
from core.uploads import PICTURES, ContentTypeValidator, DatedUploadTo, UploadImageField
from core.validators import validate_public_phone


class Partner(CenterOwned, TimeStampedModel):
    """A body that co-runs classes: the district vocational centre, a provincial department…"""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("Shown in lists and charts when the full name is long."),
    )
    slug = models.SlugField(_("slug"), max_length=80, editable=False)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=600,
        help_text=_("Who they are and what they do with the center, in two or three lines."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_public_phone],
        help_text=_("Optional: a public office number."),
    )
    position = models.PositiveSmallIntegerField(
        _("order"),
        default=100,
        help_text=_("Partners with smaller numbers come first on the partners page."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("partner body")
        verbose_name_plural = _("partner bodies")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="classes_partner_unique_name"),
            models.UniqueConstraint(fields=["center", "slug"], name="classes_partner_unique_slug"),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


# The class page shows its cover at most a column wide; link previews take 1200 px.
COVER_MAX_SIDE = 1600


class Kind(models.TextChoices):
    VOCATIONAL = "vocational", _("Vocational training")
    TECHNICAL = "technical", _("Technical training session")
    LITERACY = "literacy", _("Literacy and universal education")
    IT = "it", _("Computer skills")
    LAW = "law", _("Law")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture and sport")
    OTHER = "other", _("Other")


class FiguresSource(models.TextChoices):
    """Where a class's figures come from. The statistics, their downloads, the yearly report
    and the class page mark estimates, so nobody reads a reconstruction as a record."""

    RECORD = "record", _("Recorded figures")
    ESTIMATE = "estimate", _("Estimate (illustrative figures)")


class CourseQuerySet(PublishedQuerySet):
    """`published()`: classes readers may see (published, and their publish time has come)."""

    def open_for_enrollment(self, today=None):
        """Published classes whose enrollment window includes `today` (seats not checked)."""
        today = today or timezone.localdate()
        return (
            self.published()
            .filter(
                enrollment_opens__isnull=False,
                enrollment_opens__lte=today,
            )
            .filter(Q(enrollment_closes__isnull=True) | Q(enrollment_closes__gte=today))
        )

    def held(self, today=None):
        """Classes that have started: what the statistics count."""
        return self.filter(start_date__lte=today or timezone.localdate())


class Course(CenterOwned, SearchableModel, Publishable, StampedModel):
    """One class (lớp học). Called Course in code so it does not clash with Python's `class`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("class name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Web address. Filled from the title when empty; do not change it once shared."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partner bodies"), blank=True, related_name="courses"
    )
    instructor = models.CharField(_("instructor"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The timetable itself is written from the sessions (`timetable()`); this is what they
    # cannot say. Called `schedule` before issue 15, when staff typed the timetable here too.
    schedule_note = models.CharField(
        _("note on the timetable"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only what the sessions cannot say, e.g. “No class during Tết, 05/02–12/02”. The "
            "timetable itself (days, hours, dates) is written from the sessions below."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    enrollment_opens = models.DateField(
        _("enrollment opens"),
        null=True,
        blank=True,
        help_text=_("Empty means people cannot enroll online."),
    )
    enrollment_closes = models.DateField(_("enrollment closes"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    cover = UploadImageField(
        _("cover image"),
        upload_to=DatedUploadTo("classes"),
        blank=True,
        validators=[ContentTypeValidator(PICTURES, max_bytes="picture")],
        help_text=_("JPEG, PNG or WebP photo. It is resized and location data is removed."),
    )
    reported_learners = models.PositiveIntegerField(
        _("reported number of learners"),
        null=True,
        blank=True,
        help_text=_(
            "For classes held before the portal kept learner records: statistics use this "
            "number when the class has no enrollments."
        ),
    )
    figures_source = models.CharField(
        _("source of the figures"),
        max_length=10,
        choices=FiguresSource,
        default=FiguresSource.RECORD,
        help_text=_(
            "“Recorded figures”: the class, its dates, partners and learners are in the "
            "center's records. “Estimate”: some of them were reconstructed, e.g. a year or a "
            "learner number worked out from a report that gives only totals. Estimates are "
            "marked as such on the statistics page, in its downloads, on the class page and "
            "in the yearly report."
        ),
    )
    seats_taken = models.PositiveIntegerField(
        _("seats taken"),
        default=0,
        editable=False,
        help_text=_("Kept up to date by enrollments."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED)
    published_at = models.DateTimeField(_("publish time"), default=timezone.now)

    objects = center_manager(CourseQuerySet)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        indexes = search_indexes("course")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="course_ends_after_start",
                violation_error_message=_("A class cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(enrollment_closes__isnull=True)
                | Q(enrollment_opens__isnull=True)
                | Q(enrollment_closes__gte=F("enrollment_opens")),
                name="course_enrollment_closes_after_opening",
                violation_error_message=_("Enrollment cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="course_capacity_positive",
                violation_error_message=_("A class needs at least one seat."),
            ),
            models.UniqueConstraint(fields=["center", "slug"], name="classes_course_unique_slug"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y})"

    def get_absolute_url(self):
        return reverse("classes:class-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.enrollment_closes and not self.enrollment_opens:
            raise ValidationError({"enrollment_opens": _("Give the day enrollment opens as well.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if self.cover and not self.cover._committed:
            # Store a clean re-encoded JPEG (no GPS position), never the uploaded bytes.
            self.cover = reencode(self.cover, max_side=COVER_MAX_SIDE, name="lop-hoc.jpg")
        super().save(*args, **kwargs)

    def search_parts(self):
        return [self.topic, self.get_kind_display(), self.place, self.description]

    @property
    def is_estimate(self):
        return self.figures_source == FiguresSource.ESTIMATE

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.seats_taken >= self.capacity

    def enrollment_window_open(self, today=None):
        today = today or timezone.localdate()
        return (
            self.is_published()
            and self.enrollment_opens is not None
            and self.enrollment_opens <= today
            and (self.enrollment_closes is None or today <= self.enrollment_closes)
        )

    def accepts_enrollment(self, today=None):
        return self.enrollment_window_open(today) and not self.is_full

    # The sessions as people are told about them. Both read `self.sessions.all()`, so a view
    # that prefetches "sessions" pays no query for them.

    def timetable(self) -> str:
        """The timetable in words, from the sessions: "Thứ Ba và Thứ Năm, 19:00–21:00, từ
        15/12/2026 đến 21/01/2027, 12 buổi"; "" while the class has none."""
        return describe(self.sessions.all())

    def next_session(self, now=None):
        """The first session that has not begun yet, or None. Its `is_first` says whether it is
        the class's very first one (“first session”) or the class is under way (“next”)."""
        sessions = list(self.sessions.all())
        ahead = [s for s in sessions if not s.has_begun(now)]
        if not ahead:
            return None
        session = ahead[0]
        session.is_first = session is sessions[0]
        return session


class Session(CenterOwned):
    """One meeting of a class."""

    course = models.ForeignKey(
        Course, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Only when it is not the class's place."),
    )

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["course", "date", "start_time"],
                name="session_unique_start",
                violation_error_message=_("This class already has a session at that time."),
            ),
        ]

    def __str__(self):
        label = f"{self.date:%d/%m/%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{label} · {self.topic}" if self.topic else label

    @property
    def where(self):
        """Where it meets: its own place, or the class's."""
        return self.place or self.course.place

    @property
    def when(self):
        """ "Thứ Ba, 15/12/2026, 19:00–21:00"."""
        return session_when(self)

    @property
    def when_and_where(self):
        """ "Thứ Ba, 15/12/2026, 19:00–21:00, tại Hội trường UBND xã": what a person needs to
        come to it."""
        if not self.where:
            return self.when
        return _("%(when)s, at %(place)s") % {"when": self.when, "place": self.where}

    def has_begun(self, now=None) -> bool:
        """Whether it has started (by the site's clock): what "upcoming" means everywhere."""
        if now is None:
            today, time = timezone.localdate(), timezone.localtime().time()
        else:
            now = timezone.localtime(now)
            today, time = now.date(), now.time()
        return self.date < today or (self.date == today and self.start_time <= time)

    @property
    def starts(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))
