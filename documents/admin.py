from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import StampedAdmin
from documents.models import LegalDocument


@admin.register(LegalDocument)
class LegalDocumentAdmin(StampedAdmin):
    list_display = ["number", "title", "kind", "issuer", "issued_on", "in_force", "status"]
    list_display_links = ["number", "title"]
    list_filter = ["kind", "in_force", "status", "issuer"]
    search_fields = ["search_text"]
    date_hierarchy = "issued_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "vbpl.vn/…" typed bare
    readonly_fields = ["slug", "file_description", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "issuer", "issued_on", "effective_on"]}),
        (_("File and summary"), {"fields": ["file", "file_description", "source_url", "summary"]}),
        (_("Publication"), {"fields": ["in_force", "status", "published_at"]}),
        (_("Record"), {"fields": ["slug", "created_by", "updated_by"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("stored file"))
    def file_description(self, document):
        return document.file_description if document.file else "—"
