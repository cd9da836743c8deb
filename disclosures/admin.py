"""Admin for staff who are not technical: upload a file, pick the year and basis, save.

Who may touch what: a member of an organization's `staff_group` adds and changes that
organization's documents, profile and people (board and staff), and sees no other; only
administrators withdraw; nobody deletes a published document (see
`DocumentQuerySet.delete`), and only administrators delete drafts.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import FoldedSearchAdmin, StampedAdmin
from disclosures import compliance
from disclosures.models import DisclosureDocument, Organization, Person


class ExampleMarkForm(forms.ModelForm):
    """Typing the real details over the demo's example clears its “example” tick, unless the
    same form sets the tick itself: staff who replace “Nguyễn Văn A, 0900 000 001” by the
    director's name and number need not remember a box for the mark to go."""

    example_flag = ""  # the BooleanField that marks the row as an example
    example_fields = ()  # the fields whose new value makes the row real

    def clean(self):
        cleaned = super().clean()
        flag = self.example_flag
        if (
            self.instance.pk
            and getattr(self.instance, flag)
            and cleaned.get(flag)
            and flag not in self.changed_data
            and any(name in self.changed_data for name in self.example_fields)
        ):
            cleaned[flag] = False
        return cleaned


class PersonForm(ExampleMarkForm):
    example_flag = "is_example"
    example_fields = ("full_name", "phone", "email")

    class Meta:
        model = Person
        fields = ["full_name", "phone", "email", "is_example"]  # the inline adds the rest


class OrganizationForm(ExampleMarkForm):
    example_flag = "contact_is_example"
    example_fields = ("phone", "email")

    class Meta:
        model = Organization
        fields = ["phone", "email", "contact_is_example"]  # the admin adds the rest


class PersonInline(admin.StackedInline):
    """The board and staff, edited on their organization's page."""

    model = Person
    form = PersonForm
    extra = 0
    fields = [
        ("full_name", "position", "is_board"),
        "concurrent_post",
        "duties",
        ("phone", "email"),
        ("photo", "order"),
        "is_example",
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})},
    }

    # Whoever may change the organization may change its people (see OrganizationAdmin).
    def has_add_permission(self, request, obj=None):
        return (
            obj is not None and super().has_add_permission(request, obj) and _may_edit(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or _may_edit(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or _may_edit(request, obj))


def _may_edit(request, organization):
    return Organization.objects.for_user(request.user).filter(pk=organization.pk).exists()


@admin.register(Organization)
class OrganizationAdmin(StampedAdmin):
    """Staff change their own organization's profile and people (the center's pages);
    only administrators add organizations or change who belongs to which."""

    form = OrganizationForm
    list_display = ["name", "short_name", "kind", "phone", "email", "people_count"]
    search_fields = ["name", "short_name"]
    inlines = [PersonInline]
    IDENTITY = ["name", "short_name", "slug", "kind", "staff_group", "position"]
    fieldsets = [
        (None, {"fields": IDENTITY}),
        (
            _("Contact"),
            {
                "fields": [
                    "address",
                    ("phone", "email"),
                    "contact_is_example",
                    "office_hours",
                    "directions",
                    "map_url",
                ]
            },
        ),
        (_("About"), {"fields": ["introduction", "functions", "history"]}),
        (
            _("Organization chart"),
            {"fields": ["chart", "chart_description"], "classes": ["collapse"]},
        ),
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})},
        # "openstreetmap.org/..." typed without a scheme means https.
        models.URLField: {"assume_scheme": "https"},
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=Organization.objects.for_user(request.user))
            .annotate(people_total=Count("people"))
        )

    @admin.display(description=_("board and staff"), ordering="people_total")
    def people_count(self, obj):
        return obj.people_total

    def get_readonly_fields(self, request, obj=None):
        # Who the organization is and who edits it is the administrator's decision.
        return [] if request.user.is_superuser else self.IDENTITY

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return _may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


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
    class Meta:
        model = DisclosureDocument
        fields = [
            "organization", "school_year", "basis", "form_number", "title", "file", "summary",
            "status", "published_at", "replaced_by", "withdrawal_reason",
        ]  # fmt: skip
        widgets = {"title": forms.TextInput(attrs={"size": 60})}


@admin.register(DisclosureDocument)
class DisclosureDocumentAdmin(StampedAdmin, FoldedSearchAdmin):
    form = DocumentAdminForm
    change_list_template = "admin/disclosures/disclosuredocument/change_list.html"
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
    search_fields = ["title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["replaced_by"]
    WITHDRAWAL = _("Withdrawal (administrators only)")
    readonly_fields = ["slug", "file_facts", "uploaded_by", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["organization", "school_year", "basis", "form_number", "title"]}),
        (_("File and summary"), {"fields": ["file", "file_facts", "summary"]}),
        (_("Publication"), {"fields": ["status", "published_at", "replaced_by"]}),
        (WITHDRAWAL, {"fields": ["withdrawal_reason"], "classes": ["collapse"]}),
        (
            _("Record"),
            {
                "fields": ["slug", "uploaded_by", "created_by", "updated_by"],
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
        stored = obj and DisclosureDocument.objects.filter(pk=obj.pk).values("status").first()
        if stored and stored["status"] != DisclosureDocument.Status.DRAFT:
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

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        try:
            super().delete_model(request, obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    # The disclosure calendar inside the admin.

    def get_urls(self):
        view = self.admin_site.admin_view(self.compliance_view)
        return [
            path("lich-cong-khai/", view, name="disclosures_compliance"),
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


# The learning-community self-assessment's admin lives in its own module.
from disclosures import assessment_admin  # noqa: E402, F401
