from django.views.generic import TemplateView


class DocumentListView(TemplateView):
    """The public disclosure register. Documents arrive with the Disclosures issue."""

    template_name = "disclosures/document_list.html"
