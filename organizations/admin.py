"""Admin for the organizations' profiles and people (the center's public pages).

Who may touch what: a member of an organization's `staff_group` changes that organization's
profile and people (board and staff), and sees no other (`OrganizationQuerySet.for_user`, the
one home of that rule, which the disclosures admin reads too); only administrators add
organizations or change who belongs to which.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import StampedAdmin
from organizations.models import Organization, Person


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
