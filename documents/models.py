"""The library of legal and planning documents the center works by (/van-ban/): laws, decrees,
circulars, decisions, the commune's plans, the center's yearly plan. Not the public disclosure
register (disclosures), which holds what a school or the center must publish about itself."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import (
    PUBLISHED,
    Publishable,
    PublishedQuerySet,
    SearchableModel,
    StampedModel,
)
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager
from core.text import unique_slug
from core.uploads import (
    ContentTypeValidator,
    DatedUploadTo,
    UploadFileField,
    describe,
    sniff,
    stored_upload,
)

# What a library document may be: documents and scans a phone can open, checked by content.
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "png")


class Kind(models.TextChoices):
    LAW = "law", pgettext_lazy("document kind", "Law")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    PLAN = "plan", _("Plan")
    OFFICIAL_LETTER = "letter", _("Official letter")
    REPORT = "report", _("Report")
    GUIDANCE = "guidance", _("Guidance")
    OTHER = "other", _("Other")


class LegalDocument(CenterOwned, SearchableModel, Publishable, StampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = PUBLISHED, _("Published")

    title = models.CharField(
        _("summary title"),
        max_length=300,
        help_text=_("The document's “trích yếu”, e.g. “Quy định về công khai trong hoạt động …”."),
    )
    slug = models.SlugField(_("web address"), max_length=100, editable=False)
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_("As printed on the document, e.g. 09/2024/TT-BGDĐT."),
    )
    kind = models.CharField(_("kind of document"), max_length=10, choices=Kind, default=Kind.OTHER)
    issuer = models.CharField(
        _("issued by"),
        max_length=200,
        help_text=_("e.g. Bộ Giáo dục và Đào tạo, UBND xã Tiên Tân."),
    )
    issued_on = models.DateField(_("date issued"))
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    in_force = models.BooleanField(
        _("still in force"),
        default=True,
        help_text=_("Untick when the document has been replaced or has expired."),
    )
    summary = models.TextField(
        _("what it is about"),
        blank=True,
        max_length=5000,
        help_text=_("A few lines for villagers: what the document says and whom it concerns."),
    )
    file = UploadFileField(
        _("file"),
        upload_to=DatedUploadTo("van-ban"),
        max_length=200,
        blank=True,
        validators=[ContentTypeValidator(DOCUMENT_TYPES, max_bytes="document")],
        help_text=_("PDF, Word (.docx), Excel (.xlsx), ODT/ODS or a JPEG/PNG scan."),
    )
    file_kind = models.CharField(_("file type"), max_length=20, editable=False, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    source_url = models.URLField(
        _("official text online"),
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where the official text can be read, e.g. on vbpl.vn or thuvienphapluat.vn."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A time in the future keeps the document hidden until then."),
    )

    objects = center_manager(PublishedQuerySet)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("legal or planning document")
        verbose_name_plural = _("legal and planning documents")
        indexes = [
            models.Index(fields=["center", "status", "published_at"]),
            *search_indexes("legaldoc"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["center", "slug"], name="documents_unique_slug"),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(source_url=""),
                name="documents_file_or_link",
                violation_error_message=_(
                    "Upload the document's file or give the address of its official text."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("issued_on")),
                name="documents_effective_after_issued",
                violation_error_message=_("A document cannot come into force before it is issued."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("documents:document-detail", args=[self.slug])

    def search_parts(self):
        return [self.number, self.issuer, self.get_kind_display(), self.summary]

    @property
    def file_description(self):
        """ "PDF · 2,4 MB"."""
        return describe(self.file_kind, self.file_size)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.number} {self.title}", max_length=100)
        if self.file and not self.file._committed:
            # A scan is stored re-encoded (no GPS position, no camera data); type and size are
            # those of the stored file.
            self.file = stored_upload(self.file)
            found = sniff(self.file)
            self.file_kind = found.label if found else ""
            self.file_size = self.file.size
        super().save(*args, **kwargs)
