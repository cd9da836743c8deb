"""The commune's learning-community self-assessment (TT 25/2023/TT-BGDĐT) and its history.

TT 25/2023 recognises a commune as "Cộng đồng học tập" at level 1 (Khá) or level 2 (Tốt)
when it meets *every* indicator of that level (5 criteria, 15 indicators, no points), for a
calendar year (1/1–31/12). The checklist is data, not code: the official wording of most
indicators was not at hand when this was built, so each indicator says where its wording comes
from (`wording_status`) and center staff correct it in the admin once they hold the text.
The old 100-point scheme of TT 44/2014 is kept apart, as history (`LegacyAssessmentResult`),
and never mapped onto a TT 25/2023 level.

The tables keep the names they had when these models lived in `disclosures` (`db_table`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import StampedModel
from core.tenancy import CenterOwned, CenterQuerySet, center_manager
from core.uploads import KINDS, DatedUploadTo, UploadFileField, describe, sniff, stored_upload
from disclosures.validators import validate_document_file

TT25_2023 = "Thông tư 25/2023/TT-BGDĐT"
# TT 25/2023 is in force from 12/02/2024: 2024 is the first year assessed under it.
FIRST_YEAR = 2024
LAST_YEAR = 2100


class Level(models.IntegerChoices):
    ONE = 1, _("Level 1 (Khá)")
    TWO = 2, _("Level 2 (Tốt)")


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_level(self, level):
        """The indicators a commune must meet to be recognised at `level`."""
        return self.filter(Q(applies_to=Indicator.AppliesTo.BOTH) | Q(applies_to=str(int(level))))


class Indicator(models.Model):
    """One line of the checklist: an indicator (chỉ tiêu) of a criterion (tiêu chí)."""

    class AppliesTo(models.TextChoices):
        BOTH = "both", _("Levels 1 and 2")
        LEVEL1 = "1", _("Level 1 only")
        LEVEL2 = "2", _("Level 2 only")

    class WordingStatus(models.TextChoices):
        OFFICIAL = "official", _("Checked against the official text")
        SUMMARY = "summary", _("From a summary: check against the official text")
        MISSING = "missing", _("Not found: enter it from the official text")

    class Evidence(models.TextChoices):
        """Checks the portal can run on its own records (computed by the top floor)."""

        NONE = "", _("None: staff enter the answer and attach the evidence")
        CLASSES_HELD = "classes-held", _("Classes held in the year")
        PLAN_AND_REPORT = "plan-and-report", _("The center's yearly plan and report published")
        LIFELONG_WEEK = "lifelong-week", _("Activities of the lifelong-learning week")

    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("As in the circular, e.g. 1.2.")
    )
    criterion = models.PositiveSmallIntegerField(
        _("criterion number"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    criterion_title = models.CharField(_("criterion"), max_length=300)
    wording = models.TextField(_("wording"), help_text=_("The indicator as the circular words it."))
    wording_status = models.CharField(
        _("source of the wording"),
        max_length=10,
        choices=WordingStatus,
        default=WordingStatus.MISSING,
        help_text=_(
            "Choose “checked against the official text” only after comparing the wording with "
            "the circular itself. Other wordings are marked on the checklist and the printout."
        ),
    )
    applies_to = models.CharField(
        _("applies to"), max_length=4, choices=AppliesTo, default=AppliesTo.BOTH
    )
    threshold_level1 = models.CharField(
        _("requirement at level 1"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty when the wording says it all."),
    )
    threshold_level2 = models.CharField(
        _("higher requirement at level 2"),
        max_length=300,
        blank=True,
        help_text=_(
            "Only when level 2 asks more than level 1. Staff can then answer “meets level 1 only”."
        ),
    )
    source = models.CharField(_("source"), max_length=300, default=TT25_2023)
    evidence_key = models.CharField(
        _("portal check"),
        max_length=20,
        choices=Evidence,
        blank=True,
        default="",
        help_text=_("The portal's own records that support this indicator, if any."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Untick instead of deleting an indicator that past assessments answered."),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        db_table = "disclosures_indicator"  # the table it had in disclosures
        ordering = ["criterion", "order", "code"]
        verbose_name = _("self-assessment indicator")
        verbose_name_plural = _("self-assessment indicators")

    def __str__(self):
        return f"{self.code} {self.wording[:80]}"

    @property
    def is_verified(self) -> bool:
        return self.wording_status == self.WordingStatus.OFFICIAL

    @property
    def has_level2_threshold(self) -> bool:
        return bool(self.threshold_level2.strip())

    def applies(self, level) -> bool:
        return self.applies_to in (self.AppliesTo.BOTH, str(int(level)))


class SelfAssessmentQuerySet(CenterQuerySet):
    def with_answers(self):
        return self.prefetch_related("answers")


def _year_validators():
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class SelfAssessment(CenterOwned, StampedModel):
    """The commune's self-assessment for one calendar year (TT 25/2023)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=_year_validators(),
        help_text=_("The calendar year assessed: its figures run from 1 January to 31 December."),
    )
    target_level = models.PositiveSmallIntegerField(
        _("level sought"), choices=Level, default=Level.ONE
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    week_start = models.DateField(
        _("lifelong-learning week from"),
        null=True,
        blank=True,
        help_text=_("Empty: 1 October. Change it when the province set other dates."),
    )
    week_end = models.DateField(
        _("lifelong-learning week to"),
        null=True,
        blank=True,
        help_text=_("Empty: 7 October."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = center_manager(SelfAssessmentQuerySet)

    class Meta:
        db_table = "disclosures_selfassessment"  # the table it had in disclosures
        ordering = ["-year"]
        verbose_name = _("learning-community self-assessment")
        verbose_name_plural = _("learning-community self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="selfassessment_year_in_range",
                violation_error_message=_("TT 25/2023 assesses the years from 2024."),
            ),
            models.UniqueConstraint(
                fields=["center", "year"],
                name="assessment_selfassessment_one_per_year",
                violation_error_message=_("This year already has a self-assessment."),
            ),
            models.CheckConstraint(
                condition=Q(target_level__in=[1, 2]),
                name="selfassessment_level_1_or_2",
                violation_error_message=_("The level is 1 or 2."),
            ),
            models.CheckConstraint(
                condition=Q(week_start__isnull=True)
                | Q(week_end__isnull=True)
                | Q(week_end__gte=F("week_start")),
                name="selfassessment_week_in_order",
                violation_error_message=_("The week cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("Self-assessment %(year)s") % {"year": self.year}

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)

    @property
    def lifelong_week(self) -> tuple[datetime.date, datetime.date]:
        """The dates of "Tuần lễ hưởng ứng học tập suốt đời" in this year (1–7 October
        unless staff entered the dates their province chose)."""
        return (
            self.week_start or datetime.date(self.year, 10, 1),
            self.week_end or datetime.date(self.year, 10, 7),
        )

    def clean(self):
        errors = {}
        for name in ("week_start", "week_end"):
            day = getattr(self, name)
            if day and self.year and day.year != self.year:
                errors[name] = _("Choose a day in %(year)s.") % {"year": self.year}
        if self.week_start and self.week_end and self.week_end < self.week_start:
            errors["week_end"] = _("The week cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class IndicatorAnswer(CenterOwned, StampedModel):
    """The staff's answer to one indicator for one year, with the evidence behind it."""

    class Result(models.TextChoices):
        UNKNOWN = "unknown", _("Not assessed yet")
        NOT_MET = "no", _("Not met")
        LEVEL1 = "level1", _("Meets level 1 only")
        MET = "yes", _("Met")

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="answers"
    )
    result = models.CharField(_("result"), max_length=8, choices=Result, default=Result.UNKNOWN)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What shows it: figures, documents, decisions.")
    )
    evidence_file = UploadFileField(
        _("evidence file"),
        upload_to=DatedUploadTo("tu-danh-gia"),
        max_length=200,
        blank=True,
        validators=[validate_document_file],
        help_text=_("PDF, Word, Excel, ODT/ODS or a JPEG/PNG scan."),
    )
    evidence_file_type = models.CharField(max_length=8, blank=True, editable=False)
    evidence_file_size = models.PositiveBigIntegerField(default=0, editable=False)
    evidence_link = models.URLField(
        _("evidence link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A page that shows it, e.g. a news article or a disclosure on this site."),
    )

    class Meta:
        db_table = "disclosures_indicatoranswer"  # the table it had in disclosures
        ordering = ["assessment", "indicator__criterion", "indicator__order", "indicator__code"]
        verbose_name = _("indicator answer")
        verbose_name_plural = _("indicator answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"],
                name="indicatoranswer_one_per_indicator",
                violation_error_message=_("This indicator is already answered for that year."),
            ),
        ]

    def __str__(self):
        return f"{self.assessment.year} · {self.indicator.code}: {self.get_result_display()}"

    def meets(self, level) -> bool:
        if self.result == self.Result.MET:
            return True
        return self.result == self.Result.LEVEL1 and int(level) == Level.ONE

    @property
    def evidence_label(self) -> str:
        kind = KINDS.get(self.evidence_file_type)
        return describe(kind.label if kind else "?", self.evidence_file_size)

    def clean(self):
        if (
            self.result == self.Result.LEVEL1
            and self.indicator_id
            and not self.indicator.has_level2_threshold
        ):
            raise ValidationError(
                {"result": _("This indicator asks the same at both levels: choose met or not.")}
            )

    def save(self, *args, **kwargs):
        if self.evidence_file and not self.evidence_file._committed:
            self.evidence_file = stored_upload(self.evidence_file)  # a scan: without GPS
            kind = sniff(self.evidence_file)
            self.evidence_file_type = kind.ext if kind else ""
            self.evidence_file_size = self.evidence_file.size
        elif not self.evidence_file:
            self.evidence_file_type, self.evidence_file_size = "", 0
        super().save(*args, **kwargs)


def level_met(level, indicators, answers) -> bool:
    """TT 25/2023: a level is reached when every indicator of that level is met (no points).

    `answers` maps indicator id → IndicatorAnswer. Level 2 needs level 1 as well, at the
    higher requirement where level 2 asks more.
    """
    level = int(level)
    required = [i for i in indicators if i.is_active and i.applies(level)]
    if not required or (level == Level.TWO and not level_met(Level.ONE, indicators, answers)):
        return False
    return all(i.pk in answers and answers[i.pk].meets(level) for i in required)


def level_reached(indicators, answers) -> int:
    """The highest level met: 2, 1, or 0 for none."""
    for level in (Level.TWO, Level.ONE):
        if level_met(level, indicators, answers):
            return int(level)
    return 0


class LegacyAssessmentResult(CenterOwned):
    """A result under the old 100-point scheme of TT 44/2014/TT-BGDĐT, kept as history.

    It is not a TT 25/2023 level and is never turned into one.
    """

    scheme = models.CharField(_("scheme"), max_length=100, default="Thông tư 44/2014/TT-BGDĐT")
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2014), MaxValueValidator(LAST_YEAR)],
        help_text=_("Leave empty when the source does not say."),
    )
    period = models.CharField(
        _("period"),
        max_length=100,
        blank=True,
        help_text=_("When the year is not known, what the source allows, e.g. 2015–2019."),
    )
    points = models.DecimalField(_("points"), max_digits=4, decimal_places=1)
    max_points = models.PositiveSmallIntegerField(_("out of"), default=100)
    classification = models.CharField(
        _("classification"),
        max_length=50,
        blank=True,
        help_text=_("As the decision states it (e.g. Tốt). Leave empty when the source is silent."),
    )
    assessed_by = models.CharField(_("assessed by"), max_length=200, blank=True)
    source_note = models.TextField(_("source"), help_text=_("Where the result is written."))

    class Meta:
        db_table = "disclosures_legacyassessmentresult"  # the table it had in disclosures
        ordering = [F("year").desc(nulls_last=True), "-points"]
        verbose_name = _("result under TT 44/2014")
        verbose_name_plural = _("results under TT 44/2014")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0, points__lte=F("max_points")),
                name="legacyresult_points_in_range",
                violation_error_message=_("The points lie between 0 and the maximum."),
            ),
        ]

    def __str__(self):
        when = self.year or self.period or "?"
        return f"{self.scheme} · {when} · {self.points}/{self.max_points}"
