"""/van-ban/: the library of legal and planning documents, filterable and searchable."""

from django.views.generic import DetailView, ListView

from core.pagination import PageMixin
from core.search import clean_query, rank, search_words
from documents.forms import DocumentFilterForm
from documents.models import LegalDocument
from documents.selectors import filter_choices, search_source

PER_PAGE = 20
MAX_FOUND = 100
FIELDS = {"kind": "kind", "year": "issued_on__year", "issuer": "issuer"}


class DocumentListView(PageMixin, ListView):
    """Newest issued first; filters by kind, year issued and issuing body; `?q=` ranks the
    matches as the site search does (then the filters narrow them)."""

    template_name = "documents/document_list.html"
    paginate_by = PER_PAGE

    def get(self, request, *args, **kwargs):
        years, issuers = filter_choices()
        self.form = DocumentFilterForm(request.GET or None, years=years, issuers=issuers)
        if self.form.is_bound:
            self.form.is_valid()
        self.filters, self.dropped = self.form.filters()
        self.query = clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        documents = LegalDocument.objects.published().filter(
            **{FIELDS[name]: value for name, value in self.filters.items()}
        )
        words = search_words(self.query)
        if words:
            keys = rank([search_source()], words, self.query, MAX_FOUND, cut=False).keys
            order = {key.pk: i for i, key in enumerate(keys)}
            return sorted(documents.filter(pk__in=order), key=lambda d: order[d.pk])
        return documents.order_by("-issued_on", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            query=self.query,
            dropped=self.dropped,
            filtered=bool(self.filters or self.query),
            **kwargs,
        )


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return LegalDocument.objects.published()
