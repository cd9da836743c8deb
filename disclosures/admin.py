"""Admin for staff who are not technical: upload a file, pick the year and basis, save.

Who may touch what: a member of an organization's `staff_group` adds and changes that
organization's documents and sees no other (`OrganizationQuerySet.for_user`); only
administrators withdraw; nobody deletes a published document (see
`DocumentQuerySet.delete`), and only administrators delete drafts.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import StampedAdmin
from disclosures import compliance
from disclosures.models import DisclosureDocument, bases_for
from disclosures.services import documents_publish
from disclosures.views import document_page_context, file_response
from organizations.models import Organization


class SchoolYearFilter(admin.SimpleListFilter):
    title = _("school year")
    parameter_name = "school_year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .order_by("-school_year")
            .values_list("school_year", flat=True)
            .distinct()
        )
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(school_year=self.value())
        return queryset


class DocumentAdminForm(forms.ModelForm):
    """The legal bases offered are those of the organizations the user publishes for
    (`bases_for`): a school's staff never see the center's Articles 10 and 11. An
    administrator, who publishes for both, is offered all of them; a small script narrows
    them to the chosen organization's, and without it the model's check refuses a basis
    that does not fit, with a message saying so."""

    class Meta:
        model = DisclosureDocument
        fields = [
            "organization", "school_year", "basis", "form_number", "title", "file", "summary",
            "status", "published_at", "replaced_by", "withdrawal_reason",
        ]  # fmt: skip
        widgets = {"title": forms.TextInput(attrs={"size": 60})}

    class Media:
        js = ["js/disclosure-bases.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        basis, organization = self.fields.get("basis"), self.fields.get("organization")
        if basis is None or organization is None:
            return  # published: what it is published as is read-only
        kinds = {o.pk: o.kind for o in organization.queryset}
        offered = {b for kind in set(kinds.values()) for b in bases_for(kind)}
        basis.choices = [(v, label) for v, label in basis.choices if not v or v in offered]
        # For the script: which kind each organization is, which bases each kind has.
        basis.widget.attrs["data-organization-kinds"] = json.dumps(kinds)
        basis.widget.attrs["data-kind-bases"] = json.dumps(
            {kind: [b.value for b in bases_for(kind)] for kind in set(kinds.values())}
        )


@admin.register(DisclosureDocument)
class DisclosureDocumentAdmin(StampedAdmin):
    """A document starts as a draft that only staff see, with a preview of its public page
    (`preview_view`). Its first publication is always confirmed on a page of its own
    (`publish_selected`), whether staff chose "Published" in the form or the list's action:
    once published it can never be deleted, only replaced or withdrawn."""

    form = DocumentAdminForm
    change_list_template = "admin/disclosures/disclosuredocument/change_list.html"
    change_form_template = "admin/disclosures/disclosuredocument/change_form.html"
    actions = ["publish_selected"]
    list_display = [
        "title",
        "school_year",
        "organization",
        "basis_display",
        "status",
        "published_at",
        "file_display",
    ]
    list_filter = [
        SchoolYearFilter,
        ("organization", admin.RelatedOnlyFieldListFilter),  # only the user's own
        "basis",
        "status",
    ]
    list_select_related = ["organization"]
    search_fields = ["search_text"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["replaced_by"]
    WITHDRAWAL = _("Withdrawal (administrators only)")
    RECORD_FIELDS = ["slug", "uploaded_by", "created_by", "updated_by", "first_published_at"]
    readonly_fields = ["file_facts", *RECORD_FIELDS]
    fieldsets = [
        (None, {"fields": ["organization", "school_year", "basis", "form_number", "title"]}),
        (_("File and summary"), {"fields": ["file", "file_facts", "summary"]}),
        (_("Publication"), {"fields": ["status", "published_at", "replaced_by"]}),
        (WITHDRAWAL, {"fields": ["withdrawal_reason"], "classes": ["collapse"]}),
        (
            _("Record"),
            {
                "fields": RECORD_FIELDS,
                "classes": ["collapse"],
            },
        ),
    ]

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if Organization.objects.for_user(request.user).count() == 1:
            columns.remove("organization")  # the same on every row
        return columns

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = list(options["fields"])
            if obj is None:
                # Nothing to show yet: the facts and the record are filled on save.
                fields = [f for f in fields if f not in self.readonly_fields]
            withdrawn = obj is not None and obj.status == DisclosureDocument.Status.WITHDRAWN
            if name == self.WITHDRAWAL and not request.user.is_superuser and not withdrawn:
                fields = []
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    @admin.display(description=_("legal basis"), ordering="basis")
    def basis_display(self, obj):
        return obj.basis_label

    @admin.display(description=_("file"))
    def file_display(self, obj):
        return obj.file_label if obj.file_type else "—"

    @admin.display(description=_("file type, size and SHA-256"))
    def file_facts(self, obj):
        if not obj.pk or not obj.file_type:
            return "—"
        return f"{obj.file_label} · SHA-256 {obj.file_sha256}"

    # Who sees and touches what.

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return Organization.objects.for_user(request.user).filter(pk=obj.organization_id).exists()

    def has_delete_permission(self, request, obj=None):
        if not request.user.is_superuser:
            return False
        return obj is None or obj.status == DisclosureDocument.Status.DRAFT

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("withdrawal_reason")
        # The stored status, not the instance's: a refused POST has already changed it.
        stored = obj and _stored_status(obj)
        if stored and stored != DRAFT:
            # Published: the file and what it is published as are part of the public record.
            fields += ["file", "organization", "school_year", "basis", "form_number"]
        return fields

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("school_year", compliance.school_year_of(timezone.localdate()))
        organizations = Organization.objects.for_user(request.user)
        if "organization" not in initial and organizations.count() == 1:
            initial["organization"] = organizations.get().pk
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.for_user(request.user)
        elif db_field.name == "replaced_by":
            # The autocomplete offers only the user's documents; a posted id must be one too.
            kwargs["queryset"] = DisclosureDocument.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name == "status" and not request.user.is_superuser:
            withdrawn = DisclosureDocument.Status.WITHDRAWN
            field.choices = [c for c in field.choices if c[0] != withdrawn]
        return field

    def view_on_site(self, obj):
        # A draft has no public page yet: its change form offers the preview instead.
        return obj.get_absolute_url() if obj.is_public else None

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.uploaded_by = request.user
        stored = _stored_status(obj) if obj.pk else None
        if obj.status == DisclosureDocument.Status.PUBLISHED and stored in (None, DRAFT):
            # The first publication is confirmed on its own page; until then everything
            # typed (and the file) is kept, as a draft.
            obj.status = DRAFT
            obj.publish_requested = True
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(obj, "publish_requested", False):
            return self._ask_to_confirm(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(obj, "publish_requested", False):
            return self._ask_to_confirm(request, obj)
        return super().response_change(request, obj)

    def _ask_to_confirm(self, request, obj):
        self.message_user(
            request,
            _("“%(title)s” is saved as a draft. It is published only once you confirm below.")
            % {"title": obj.title},
            messages.WARNING,
        )
        return redirect(self._url("publish", obj))

    def _url(self, name, obj):
        opts = self.opts
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk])

    # Publishing: a draft becomes public only after a confirmation page.

    @admin.action(description=_("Publish the selected drafts"), permissions=["change"])
    def publish_selected(self, request, queryset):
        drafts = list(queryset.filter(status=DRAFT).select_related("organization"))
        if not drafts:
            self.message_user(
                request, _("None of the selected documents is a draft."), messages.WARNING
            )
            return None
        if request.POST.get("post") != "yes":
            return self.publish_confirmation(request, drafts)
        published, refused = documents_publish(documents=drafts, user=request.user)
        for document in published:
            self.log_change(request, document, [{"changed": {"fields": ["status"]}}])
        if published:
            self.message_user(
                request,
                ngettext(
                    "Published %(count)d document: %(titles)s.",
                    "Published %(count)d documents: %(titles)s.",
                    len(published),
                )
                % {"count": len(published), "titles": "; ".join(d.title for d in published)},
                messages.SUCCESS,
            )
        for document, problems in refused:
            self.message_user(
                request,
                _("“%(title)s” stays a draft: %(problems)s")
                % {"title": document.title, "problems": " ".join(problems)},
                messages.ERROR,
            )
        return None

    def publish_confirmation(self, request, drafts):
        """The page that asks before the first publication; it posts back to the action."""
        single = len(drafts) == 1
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publish this document?") if single else _("Publish these documents?"),
            "opts": self.opts,
            "documents": [(d, self._url("preview", d)) for d in drafts],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "back_url": self._url("change", drafts[0]) if single else None,
            "now": timezone.now(),
        }
        return TemplateResponse(
            request, "admin/disclosures/disclosuredocument/publish_confirmation.html", context
        )

    def publish_view(self, request, object_id):
        document = self._own_document(request, object_id)
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        if document.status != DRAFT:
            self.message_user(request, _("This document is already published."))
            return redirect(self._url("change", document))
        return self.publish_confirmation(request, [document])

    # The preview: the public page, for staff who may see the document, never cached.

    def preview_view(self, request, object_id):
        document = self._own_document(request, object_id)
        context = {
            **document_page_context(document),
            "preview": True,
            "download_url": self._url("preview_file", document),
            "change_url": self._url("change", document),
            "publish_url": self._url("publish", document) if document.status == DRAFT else "",
        }
        return TemplateResponse(request, "disclosures/document_detail.html", context)

    def preview_file_view(self, request, object_id):
        return file_response(self._own_document(request, object_id))

    def _own_document(self, request, object_id):
        """The document if this user may see it (their organizations' only), else 404."""
        document = self.get_object(request, unquote(object_id))
        if document is None or not self.has_view_permission(request, document):
            raise Http404
        return document

    def delete_model(self, request, obj):
        try:
            super().delete_model(request, obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    # The disclosure calendar inside the admin.

    def get_urls(self):
        # admin_view: staff only, and never_cache (a preview must not be kept anywhere).
        def view(method):
            return self.admin_site.admin_view(method)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("lich-cong-khai/", view(self.compliance_view), name="disclosures_compliance"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{name}_preview"),
            path(
                "<path:object_id>/preview/file/",
                view(self.preview_file_view),
                name=f"{name}_preview_file",
            ),
            path("<path:object_id>/publish/", view(self.publish_view), name=f"{name}_publish"),
            *super().get_urls(),
        ]

    def compliance_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        years = compliance.years_to_show()
        year = request.GET.get("nam-hoc")
        if year not in years:
            year = years[0]
        calendars = compliance.calendars(year, Organization.objects.for_user(request.user))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Disclosure calendar %(year)s") % {"year": year},
            "opts": self.model._meta,
            "calendars": calendars,
            "years": years,
            "year": year,
            "public_url": reverse("disclosures:compliance") + f"?nam-hoc={year}",
        }
        return TemplateResponse(request, "admin/disclosures/compliance.html", context)


DRAFT = DisclosureDocument.Status.DRAFT


def _stored_status(document):
    stored = DisclosureDocument.objects.filter(pk=document.pk).values_list("status", flat=True)
    return stored.first()
