"""Writes that touch several disclosure documents at once."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from disclosures.models import DisclosureDocument


@transaction.atomic
def document_publish_generated(
    *,
    organization,
    title: str,
    school_year: str,
    basis: str,
    pdf_bytes: bytes,
    file_name: str,
    user,
    summary: str = "",
) -> DisclosureDocument:
    """Publish a PDF the portal made (e.g. the yearly report) as a disclosure document.

    The file goes through the same checks as an upload in the admin (`full_clean`: a safe
    name, the size limit, content sniffed as PDF) and is stored, typed and checksummed the
    same way. The document the portal generated earlier for the same organization, basis and
    school year stays listed but points to this one through `replaced_by`, so publishing
    twice replaces instead of duplicating. Raises ValidationError and stores nothing when a
    check fails.
    """
    previous = list(
        DisclosureDocument.objects.select_for_update()
        .published()
        .filter(
            organization=organization,
            basis=basis,
            school_year=school_year,
            replaced_by__isnull=True,
        )
    )
    document = DisclosureDocument(
        organization=organization,
        title=title,
        school_year=school_year,
        basis=basis,
        status=DisclosureDocument.Status.PUBLISHED,
        published_at=timezone.now(),
        file=ContentFile(pdf_bytes, name=file_name),
        summary=summary,
        uploaded_by=user,
        created_by=user,
        updated_by=user,
    )
    document.full_clean()
    document.save()
    for older in previous:
        older.replaced_by = document
        older.updated_by = user
        older.full_clean()
        older.save(update_fields=["replaced_by", "updated_by", "updated_at"])
    return document


@transaction.atomic
def documents_publish(*, documents, user):
    """Publish drafts that staff have confirmed (the admin asks first: a published document
    cannot be deleted, only replaced). Each goes through the model's checks; one that fails
    them (say, a basis that does not fit its organization) stays a draft.

    Returns (published, refused): the documents published, and (document, messages) pairs.
    Documents that are no longer drafts are left alone and in neither list.
    """
    published, refused = [], []
    drafts = (
        DisclosureDocument.objects.select_for_update()
        .filter(pk__in=[d.pk for d in documents], status=DisclosureDocument.Status.DRAFT)
        .select_related("organization")
        .order_by("pk")
    )
    for document in drafts:
        document.status = DisclosureDocument.Status.PUBLISHED
        document.updated_by = user
        try:
            document.full_clean()
        except ValidationError as error:
            refused.append((document, error.messages))
            continue
        document.save()
        published.append(document)
    return published, refused
