"""The center's work calendar (/lich-cong-tac/): meetings and events staff add; the week's page
puts them beside the class sessions (classes.Session), as the commune's printed weekly
"lịch công tác" does."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PUBLISHED, Publishable, PublishedQuerySet, StampedModel
from core.tenancy import CenterOwned, center_manager


class Event(CenterOwned, Publishable, StampedModel):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        EVENT = "event", _("Event")
        CAMPAIGN = "campaign", _("Awareness campaign")
        INSPECTION = "inspection", _("Inspection")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not shown (internal)")
        PUBLISHED = PUBLISHED, _("On the public calendar")

    title = models.CharField(_("what"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.MEETING)
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Empty for something that lasts all day.")
    )
    end_time = models.TimeField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chaired_by = models.CharField(_("chaired by"), max_length=200, blank=True)
    participants = models.CharField(
        _("who takes part"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Ban giám đốc trung tâm, trưởng các xóm."),
    )
    description = models.TextField(_("notes"), max_length=2000, blank=True)
    status = models.CharField(
        _("shown"), max_length=10, choices=Status, default=Status.PUBLISHED, db_index=True
    )
    published_at = models.DateTimeField(_("publish time"), default=timezone.now)

    objects = center_manager(PublishedQuerySet)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("meeting or event")
        verbose_name_plural = _("meetings and events")
        indexes = [models.Index(fields=["center", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | (Q(start_time__isnull=False) & Q(end_time__gt=models.F("start_time"))),
                name="agenda_event_ends_after_it_starts",
                violation_error_message=_("It must end after it starts (and have a start time)."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.title}"

    @property
    def starts(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))
