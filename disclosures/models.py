"""Public disclosure ("Ba công khai"): who publishes, and the documents they publish.

Rules of TT 09/2024/TT-BGDĐT that the data must keep: each item stays online at least five
years, so a published document is never deleted (it is replaced by a newer one, or withdrawn
by an administrator with a reason that stays visible), and its file never changes in place.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.html import RichTextField
from core.models import PublishedQuerySet, SearchableModel, StampedModel
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager
from core.text import unique_slug
from core.uploads import (
    KINDS,
    DatedUploadTo,
    UploadFileField,
    describe,
    reader_size,
    sniff,
    stored_upload,
)
from disclosures.validators import (
    SCHOOL_YEAR_PATTERN,
    validate_document_file,
    validate_school_year,
)
from organizations.models import Organization

FORM_NUMBER_PATTERN = r"^[0-9]{1,3}[a-z]?$"

# Paths under /cong-khai/ that are pages, not documents: no document may take them as slug.
RESERVED_SLUGS = {"lich-cong-khai"}


class Basis(models.TextChoices):
    """What a document is published under: an article of TT 09/2024, an old form, or other."""

    TT09_2024_ART4 = "tt09-2024-d4", _("TT 09/2024 Article 4: general information")
    TT09_2024_ART5 = "tt09-2024-d5", _("TT 09/2024 Article 5: revenue and spending")
    TT09_2024_ART8 = "tt09-2024-d8", _("TT 09/2024 Article 8: conditions for quality (school)")
    TT09_2024_ART9 = "tt09-2024-d9", _("TT 09/2024 Article 9: plans and results (school)")
    TT09_2024_ART10 = "tt09-2024-d10", _("TT 09/2024 Article 10: conditions for quality (center)")
    TT09_2024_ART11 = "tt09-2024-d11", _("TT 09/2024 Article 11: plans and results (center)")
    TT09_2024_ART14 = "tt09-2024-d14", _("TT 09/2024 Article 14: yearly report")
    LEGACY_FORM = "legacy-form", _("Disclosure form under TT 09/2009 or TT 36/2017")
    SCHOOL_YEAR_PLAN = "school-year-plan", _("School-year plan")
    DIPLOMA_REGISTER = "diploma-register", _("Diploma register")
    MONTHLY_PLAN = "monthly-plan", _("Monthly work plan")
    OTHER = "other", _("Other")

    @classmethod
    def current(cls):
        return [b for b in cls if b.value.startswith("tt09-2024-")]

    @classmethod
    def position(cls):
        """An expression ordering documents as the choices are listed (Article 4 before 14)."""
        return Case(
            *(When(basis=b.value, then=Value(i)) for i, b in enumerate(cls)),
            default=Value(len(cls)),
            output_field=IntegerField(),
        )

    @property
    def plain_label(self):
        """What a document under this basis is, in the words a reader uses (no article)."""
        return PLAIN_LABELS[self]


# What a villager reads first: what the document is. The legal reference stays in "Chi tiết".
PLAIN_LABELS = {
    Basis.TT09_2024_ART4: _("General information"),
    Basis.TT09_2024_ART5: _("Revenue and spending"),
    Basis.TT09_2024_ART8: _("Conditions that ensure the quality of education"),
    Basis.TT09_2024_ART9: _("Plans and results of education"),
    Basis.TT09_2024_ART10: _("Conditions that ensure the quality of education"),
    Basis.TT09_2024_ART11: _("Plans and results of education"),
    Basis.TT09_2024_ART14: _("Yearly report"),
    Basis.LEGACY_FORM: _("Old disclosure form"),
    Basis.SCHOOL_YEAR_PLAN: _("School-year plan"),
    Basis.DIPLOMA_REGISTER: _("Diploma register"),
    Basis.MONTHLY_PLAN: _("Monthly work plan"),
    Basis.OTHER: _("Other document"),
}

# The one home of "which bases apply to which kind of organization" (TT 09/2024/TT-BGDĐT):
# the school publishes the items of Articles 4, 5, 8 and 9, a continuing-education
# institution (the community learning center) those of Articles 4, 5, 10 and 11, and both
# the yearly report of Article 14. The disclosure calendar, the admin's choices, the model's
# checks, the database constraint and the public register's filter all read it.
REQUIRED_BASES = {
    Organization.Kind.SCHOOL: (
        Basis.TT09_2024_ART4,
        Basis.TT09_2024_ART5,
        Basis.TT09_2024_ART8,
        Basis.TT09_2024_ART9,
        Basis.TT09_2024_ART14,
    ),
    Organization.Kind.CENTER: (
        Basis.TT09_2024_ART4,
        Basis.TT09_2024_ART5,
        Basis.TT09_2024_ART10,
        Basis.TT09_2024_ART11,
        Basis.TT09_2024_ART14,
    ),
}


def bases_for(kind) -> list:
    """Every basis an organization of `kind` may publish under, in the order of the choices:
    its items of TT 09/2024, and the older kinds of document (the forms of TT 09/2009 and
    TT 36/2017, plans, registers, other), which both kinds keep as an archive."""
    required = REQUIRED_BASES.get(kind, ())
    current = set(Basis.current())
    return [b for b in Basis if b in required or b not in current]


def _basis_fits_organization():
    """The check constraint's condition: the basis is one `bases_for` the document's kind."""
    condition = Q()
    for kind in Organization.Kind:
        condition |= Q(organization_kind=kind, basis__in=[b.value for b in bases_for(kind)])
    return condition


class DocumentQuerySet(PublishedQuerySet):
    """`published()`: documents readers may download (published, publish time come)."""

    def listed(self):
        """What the public register shows: published documents and withdrawn ones (with
        their reason), so nothing that was once public disappears silently."""
        return self.filter(
            status__in=[DisclosureDocument.Status.PUBLISHED, DisclosureDocument.Status.WITHDRAWN],
            published_at__lte=timezone.now(),
        )

    def for_user(self, user):
        return self.filter(organization__in=Organization.objects.for_user(user))

    def delete(self):
        # The admin's bulk action and code alike: published items stay for five years.
        if self.exclude(status=DisclosureDocument.Status.DRAFT).exists():
            raise ValidationError(
                _("A published document cannot be deleted. Replace it or withdraw it instead."),
                code="protected",
            )
        return super().delete()


class DisclosureDocument(CenterOwned, SearchableModel, StampedModel):
    """One published item: a file, what it is published under, for which school year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=90,
        blank=True,
        editable=False,
        help_text=_("Made from the title when the document is first saved; it never changes."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[validate_school_year],
        help_text=_("For example 2025-2026."),
    )
    basis = models.CharField(
        _("legal basis"),
        max_length=20,
        choices=Basis,
        help_text=_(
            "The article of TT 09/2024/TT-BGDĐT the document answers, an old disclosure form, "
            "or another kind of document."
        ),
    )
    form_number = models.CharField(
        _("form number"),
        max_length=4,
        blank=True,
        validators=[
            RegexValidator(
                FORM_NUMBER_PATTERN,
                _("Write only the number of the form, for example 05 or 10a."),
            )
        ],
        help_text=_("Only for old disclosure forms: the number of the form, e.g. 05."),
    )
    organization_kind = models.CharField(
        _("kind of organization"),
        max_length=10,
        choices=Organization.Kind,
        editable=False,
        help_text=_("A copy of the organization's kind, so the database can check the basis."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=_(
            "A draft is seen only by staff: open “Preview” to see the public page. "
            "Publishing asks for a confirmation, because a published document cannot be "
            "deleted."
        ),
    )
    published_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A date in the future keeps the document hidden until then."),
    )
    file = UploadFileField(
        _("file"),
        upload_to=DatedUploadTo("cong-khai"),
        max_length=200,
        validators=[validate_document_file],
        help_text=_(
            "PDF, Word (.docx), Excel (.xlsx), ODT/ODS or a JPEG/PNG scan. "
            "Files with macros, web pages and archives are refused."
        ),
    )
    file_type = models.CharField(_("file type"), max_length=8, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), editable=False, default=0)
    file_sha256 = models.CharField(
        _("SHA-256 checksum"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Proves the file readers download is the file that was published."),
    )
    summary = RichTextField(
        _("summary"),
        blank=True,
        help_text=_("The main points in a few lines, so a phone need not download a scan."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
        help_text=_("The newer document that supersedes this one. This one stays listed."),
    )
    first_published_at = models.DateTimeField(
        _("published from draft at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When staff confirmed the publication of this draft; empty for a document "
            "published as it was uploaded."
        ),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        help_text=_("Shown to readers next to the document. Administrators only."),
    )

    objects = center_manager(DocumentQuerySet)

    class Meta:
        ordering = ["-school_year", "organization__position", "-published_at", "title"]
        verbose_name = _("disclosure document")
        verbose_name_plural = _("disclosure documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    Q(school_year__regex=SCHOOL_YEAR_PATTERN),
                    # The second year follows the first. The CASE keeps the casts away from
                    # text that is not two years (PostgreSQL would raise, not answer false).
                    Exact(
                        Case(
                            When(
                                school_year__regex=SCHOOL_YEAR_PATTERN,
                                then=Cast(Substr("school_year", 6, 4), IntegerField())
                                - Cast(Substr("school_year", 1, 4), IntegerField()),
                            ),
                            default=Value(0),
                        ),
                        1,
                    ),
                ),
                name="disclosure_school_year_valid",
                violation_error_message=_("The school year must read like 2025-2026."),
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="disclosure_withdrawal_has_reason",
                violation_error_message=_("A withdrawn document needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(basis="legacy-form", form_number__regex=FORM_NUMBER_PATTERN)
                | (~Q(basis="legacy-form") & Q(form_number="")),
                name="disclosure_form_number_only_for_forms",
                violation_error_message=_("Give a form number only for old disclosure forms."),
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("pk")),
                name="disclosure_not_replaced_by_itself",
                violation_error_message=_("A document cannot replace itself."),
            ),
            models.CheckConstraint(
                condition=_basis_fits_organization(),
                name="disclosure_basis_fits_organization",
                violation_error_message=_(
                    "This legal basis does not apply to this kind of organization."
                ),
            ),
            models.UniqueConstraint(
                fields=["center", "slug"], name="disclosures_document_unique_slug"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "school_year", "basis"]),
            *search_indexes("document"),
        ]

    def __str__(self):
        return f"{self.title} ({self.school_year})"

    def get_absolute_url(self):
        return reverse("disclosures:document-detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("disclosures:document-download", kwargs={"slug": self.slug})

    @property
    def basis_label(self) -> str:
        if self.basis == Basis.LEGACY_FORM and self.form_number:
            return _("Form %(number)s (TT 09/2009, TT 36/2017)") % {"number": self.form_number}
        return self.get_basis_display()

    @property
    def kind_label(self) -> str:
        """What the document is, in plain words: “Revenue and spending”, “Old disclosure
        form 05”. The legal reference (`basis_label`) is for “Details”."""
        if self.basis == Basis.LEGACY_FORM and self.form_number:
            return _("Old disclosure form %(number)s") % {"number": self.form_number}
        return Basis(self.basis).plain_label if self.basis in Basis.values else ""

    @property
    def file_kind_label(self) -> str:
        kind = KINDS.get(self.file_type)
        return kind.label if kind else self.file_type.upper()

    @property
    def file_size_label(self) -> str:
        return reader_size(self.file_size)

    @property
    def file_label(self) -> str:
        kind = KINDS.get(self.file_type)
        return describe(kind.label if kind else self.file_type.upper(), self.file_size)

    @property
    def mime_type(self) -> str:
        kind = KINDS.get(self.file_type)
        return kind.mime if kind else "application/octet-stream"

    @property
    def current_replacement(self):
        """The version readers should use instead of this one, or None.

        The register and the document page set `current_version` with
        `attach_current_versions` (one query per level of a replacement chain); without it, the
        direct replacement from the select_related row is used.
        """
        if hasattr(self, "current_version"):
            return self.current_version
        newer = self.replaced_by
        return newer if newer is not None and newer.is_public else None

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT and self.published_at <= timezone.now()

    @property
    def went_public_at(self):
        """When readers could first see it: a publish date typed in the past does not make
        an item uploaded (or a draft published) after the deadline look on time."""
        shown_from = self.first_published_at or self.created_at
        if shown_from is None:
            return self.published_at
        return max(self.published_at, shown_from)

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    def clean(self):
        errors = {}
        if self.organization_id:
            self.organization_kind = self.organization.kind
            if self.basis in Basis.values and Basis(self.basis) not in bases_for(
                self.organization_kind
            ):
                errors["basis"] = _(
                    "“%(basis)s” does not apply to %(organization)s. Choose one of the "
                    "bases for a %(kind)s."
                ) % {
                    "basis": Basis(self.basis).label,
                    "organization": self.organization.name,
                    "kind": self.organization.get_kind_display().lower(),
                }
        if self.basis == Basis.LEGACY_FORM and not self.form_number:
            errors["form_number"] = _("Give the number of the old disclosure form, e.g. 05.")
        if self.basis and self.basis != Basis.LEGACY_FORM and self.form_number:
            errors["form_number"] = _("Leave this empty unless the document is an old form.")
        if self.status == self.Status.WITHDRAWN and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = _("Say why the document is withdrawn.")
        if self.replaced_by_id and self._replacement_chain_reaches_self():
            errors["replaced_by"] = _("A document cannot replace itself.")
        before = self.pk and type(self).objects.filter(pk=self.pk).values("status", "file").first()
        if self.status == self.Status.WITHDRAWN and (
            not before or before["status"] == self.Status.DRAFT
        ):
            # A draft nobody saw is deleted or kept as a draft; "withdrawn" would publish it.
            errors["status"] = _("Only a published document can be withdrawn.")
        if before and before["status"] != self.Status.DRAFT:
            if self.status == self.Status.DRAFT:
                errors["status"] = _(
                    "A published document cannot go back to draft. An administrator can "
                    "withdraw it with a reason."
                )
            if self.file.name != before["file"]:
                errors["file"] = _(
                    "The file of a published document cannot be changed. Upload the new "
                    "file as a new document and choose it under “replaced by” here."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=90)
            if self.slug in RESERVED_SLUGS:
                self.slug = unique_slug(self, f"{self.title} văn bản", max_length=90)
        if self.file and not self.file._committed:
            # A scan is stored re-encoded (no GPS position, no camera data), and the size and
            # checksum readers can verify are those of the stored file.
            self.file = stored_upload(self.file)
            self._record_file_facts()
        if self.organization_id:
            self.organization_kind = self.organization.kind
        if self.pk and self.status != self.Status.DRAFT and not self.first_published_at:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
            if stored.first() == self.Status.DRAFT:
                self.first_published_at = timezone.now()
        if self.status != self.Status.WITHDRAWN:
            self.withdrawn_at = None
        elif not self.withdrawn_at:
            self.withdrawn_at = timezone.now()
        super().save(*args, **kwargs)

    def search_parts(self):
        return [str(self.basis_label), self.school_year, self.summary]

    # An organization's kind decides the bases its documents may take; each document keeps a
    # copy for the database's check (`disclosure_basis_fits_organization`). The organization
    # calls these when its kind changes (organizations.models.Organization._kind_followers).

    @classmethod
    def organization_kind_errors(cls, organization) -> list:
        allowed = [b.value for b in bases_for(organization.kind)]
        misfits = cls.objects.filter(organization=organization).exclude(basis__in=allowed).count()
        if not misfits:
            return []
        return [
            ngettext(
                "%(count)d document of this organization is published under a "
                "legal basis that does not apply to this kind.",
                "%(count)d documents of this organization are published under "
                "a legal basis that does not apply to this kind.",
                misfits,
            )
            % {"count": misfits}
        ]

    @classmethod
    def follow_organization_kind(cls, organization):
        cls.objects.filter(organization=organization).exclude(
            organization_kind=organization.kind
        ).update(organization_kind=organization.kind)

    def delete(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exclude(status="draft").exists():
            raise ValidationError(
                _("A published document cannot be deleted. Replace it or withdraw it instead."),
                code="protected",
            )
        return super().delete(*args, **kwargs)

    def _replacement_chain_reaches_self(self, limit=50):
        seen, next_id = set(), self.replaced_by_id
        while next_id and next_id not in seen and len(seen) < limit:
            if next_id == self.pk:
                return True
            seen.add(next_id)
            next_id = (
                type(self).objects.filter(pk=next_id).values_list("replaced_by", flat=True).first()
            )
        return False

    def _record_file_facts(self):
        """Type (from the content), size and SHA-256 of a file about to be stored."""
        kind = sniff(self.file)
        digest = hashlib.sha256()
        self.file.seek(0)
        for chunk in self.file.chunks():
            digest.update(chunk)
        self.file.seek(0)
        self.file_type = kind.ext if kind else ""
        self.file_size = self.file.size
        self.file_sha256 = digest.hexdigest()


def attach_current_versions(documents, max_depth=10):
    """Set `current_version` on each document: the end of its chain of public replacements.

    A → B → C links A to C. One query per level of the longest chain, none without chains.
    """
    documents = list(documents)
    known = {d.pk: d for d in documents}
    for document in documents:
        if document.replaced_by_id and document.replaced_by is not None:
            known.setdefault(document.replaced_by_id, document.replaced_by)
    for _level in range(max_depth):
        missing = {
            d.replaced_by_id
            for d in known.values()
            if d.replaced_by_id and d.replaced_by_id not in known
        }
        if not missing:
            break
        for newer in DisclosureDocument.objects.filter(pk__in=missing):
            known[newer.pk] = newer
    for document in documents:
        current, steps = None, 0
        newer = known.get(document.replaced_by_id)
        while newer is not None and newer.is_public and steps < max_depth:
            current, steps = newer, steps + 1
            newer = known.get(newer.replaced_by_id)
            if newer is document:
                break
        document.current_version = current
    return documents
