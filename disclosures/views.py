"""The public register, one document's page, its download, and the disclosure calendar."""

from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core.pagination import paginate
from disclosures import compliance
from disclosures.models import (
    REQUIRED_BASES,
    Basis,
    DisclosureDocument,
    attach_current_versions,
    bases_for,
)
from organizations.models import Organization

DOCUMENTS_PER_PAGE = 60


class DocumentListView(TemplateView):
    """The register: newest school year first, then each organization's documents.

    Filters are plain GET parameters (`don-vi`, `loai`, `nam-hoc`) so a filtered list can be
    shared as a link; unknown values are ignored rather than answered with an error.
    """

    template_name = "disclosures/document_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organizations = list(Organization.objects.all())
        documents = DisclosureDocument.objects.listed().select_related(
            "organization", "replaced_by"
        )
        chosen = {}
        organization = next(
            (o for o in organizations if o.slug == self.request.GET.get("don-vi")), None
        )
        if organization:
            documents = documents.filter(organization=organization)
            chosen["organization"] = organization
        # Only the kinds of document the chosen organization publishes (a school has no
        # Article 10); a kind that does not apply to it is ignored like an unknown one.
        offered = bases_for(organization.kind) if organization else list(Basis)
        basis = self.request.GET.get("loai")
        if basis in Basis.values and Basis(basis) in offered:
            documents = documents.filter(basis=basis)
            chosen["basis"] = basis
        year = self.request.GET.get("nam-hoc", "")
        years = list(
            DisclosureDocument.objects.listed()
            .order_by("-school_year")
            .values_list("school_year", flat=True)
            .distinct()
        )
        if year in years:
            documents = documents.filter(school_year=year)
            chosen["year"] = year
        documents = documents.order_by(
            "-school_year",
            "organization__position",
            Basis.position(),
            "form_number",
            "-published_at",
        )
        page = paginate(self.request, documents, DOCUMENTS_PER_PAGE)
        context.update(
            {
                "page_obj": page,
                "documents": attach_current_versions(page.object_list),
                "organizations": organizations,
                "bases": basis_options(offered, one_organization=bool(organization)),
                "years": years,
                "chosen": chosen,
                "filtered": bool(chosen),
            }
        )
        return context


def basis_options(bases, *, one_organization):
    """(value, label) for the register's "kind of document" filter, in plain words. Without
    a chosen organization, kinds that only one kind of organization publishes say whose."""
    kinds_of = {b: [k for k in REQUIRED_BASES if b in REQUIRED_BASES[k]] for b in bases}
    options = []
    for basis in bases:
        label = basis.plain_label
        if not one_organization and len(kinds_of[basis]) == 1:
            label = format_lazy("{} ({})", label, kinds_of[basis][0].label.lower())
        options.append((basis.value, label))
    return options


def document_page_context(document):
    """What the document's page shows, for readers and for the staff's preview alike."""
    attach_current_versions([document])
    return {
        "document": document,
        "object": document,
        "older_versions": document.replaces.listed().order_by("-published_at"),
        "download_url": document.get_download_url(),
    }


class DocumentDetailView(DetailView):
    template_name = "disclosures/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return DisclosureDocument.objects.listed().select_related("organization", "replaced_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(document_page_context(self.object))
        return context


def document_download(request, slug):
    """Stream the file: the right type, no sniffing, a readable name in both alphabets."""
    document = get_object_or_404(DisclosureDocument.objects.published(), slug=slug)
    return file_response(document)


def file_response(document):
    """The document's file as a download (also the staff preview's, for a draft)."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("The file of this document cannot be found.")) from error
    extension = document.file_type or "bin"
    response = FileResponse(handle, content_type=document.mime_type)
    # An ASCII name any browser or phone saves cleanly (the slug), and the Vietnamese title
    # for those that read RFC 6266's `filename*`.
    readable = f"{document.title[:150]}.{extension}"
    response["Content-Disposition"] = (
        f'attachment; filename="{document.slug}.{extension}"; '
        f"filename*=utf-8''{quote(readable, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ComplianceView(TemplateView):
    """“Lịch công khai”: per organization and school year, what is published, late, missing."""

    template_name = "disclosures/compliance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = compliance.years_to_show()
        year = self.request.GET.get("nam-hoc")
        if year not in years:
            year = years[0]
        context.update(
            {
                "years": years,
                "year": year,
                "calendars": compliance.calendars(year),
                "deadline": compliance.deadline(year),
            }
        )
        return context
