"""Questions villagers ask the center (/hoi-dap/) and the center's answers.

A question arrives from the public form unpublished. Staff answer it in the admin and choose
whether the question and its answer are shown to everyone; only an answered question can be.
The asker's phone and e-mail are kept only with their consent, never shown on any public page,
and used only to send them the answer (e-mail) or call them back (phone).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PUBLISHED, Publishable, PublishedQuerySet, SearchableModel, TimeStampedModel
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager


class QuestionQuerySet(PublishedQuerySet):
    def unanswered(self):
        return self.filter(answer="")


class Question(CenterOwned, SearchableModel, Publishable, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not published")
        PUBLISHED = PUBLISHED, _("Published")

    title = models.CharField(
        _("question in brief"),
        max_length=200,
        help_text=_("What the question is about, in one line: shown as its title when published."),
    )
    body = models.TextField(
        _("question"),
        max_length=3000,
        help_text=_("As the villager asked it. Staff may tidy the wording before publishing."),
    )
    asker_name = models.CharField(_("asker's name"), max_length=200, blank=True)
    show_name = models.BooleanField(
        _("show the asker's name"),
        default=False,
        help_text=_("Only when the asker agrees. Phone and e-mail are never shown."),
    )
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    consent_text = models.TextField(_("consent given"), blank=True, editable=False)
    answer = models.TextField(
        _("answer"),
        max_length=10000,
        blank=True,
        help_text=_("Plain text; a blank line starts a new paragraph."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    answer_mailed_at = models.DateTimeField(
        _("answer e-mailed at"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Filled in when the answer is published; a later time schedules it."),
    )

    objects = center_manager(QuestionQuerySet)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions and answers")
        indexes = [
            models.Index(fields=["center", "status", "published_at"]),
            *search_indexes("question"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PUBLISHED) | (~Q(answer="") & Q(published_at__isnull=False)),
                name="questions_question_published_answered",
                violation_error_message=_("Only an answered question can be published."),
            ),
            models.CheckConstraint(
                condition=(Q(phone="") & Q(email="")) | ~Q(consent_text=""),
                name="questions_question_contact_consented",
                violation_error_message=_(
                    "A phone or e-mail is kept only with the asker's consent."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:question-detail", args=[self.pk])

    def search_parts(self):
        return [self.body, self.answer]

    @property
    def is_answered(self):
        return bool(self.answer.strip())

    def clean(self):
        super().clean()
        if self.status == PUBLISHED and not self.is_answered:
            raise ValidationError(
                {"status": _("Write the answer before publishing the question.")}, code="no_answer"
            )
        if self.status == PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
