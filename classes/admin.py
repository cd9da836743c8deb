from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from classes.models import Course, Partner, Session
from classes.services import course_copy
from core.admin import StampedAdmin


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "phone", "website", "position"]
    list_editable = ["position"]
    search_fields = ["name", "short_name"]
    fields = ["name", "short_name", "description", "website", "phone", "position"]
    # "sotnn.hanam.gov.vn" typed without a scheme means https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


class CourseAdminForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["figures_source"]  # the admin adds the rest from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "figures_source" in self.fields:
            # A form sent without it (a page opened before the field existed, a script)
            # keeps what the class had; the page itself always sends it.
            self.fields["figures_source"].required = False

    def clean_figures_source(self):
        return self.cleaned_data["figures_source"] or self.instance.figures_source


@admin.register(Course)
class CourseAdmin(StampedAdmin):
    form = CourseAdminForm
    list_display = [
        "title",
        "kind",
        "start_date",
        "enrollment_opens",
        "enrollment_closes",
        "capacity",
        "seats_taken",
        "reported_learners",
        "status",
    ]
    list_filter = ["kind", "status", "partners", "figures_source"]
    search_fields = ["search_text"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["partners"]
    readonly_fields = ["seats_taken"]
    inlines = [SessionInline]
    actions = ["copy_to_next_year"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "topic", "partners", "description", "cover"]}),
        (
            _("When and where"),
            {"fields": ["instructor", "place", "start_date", "end_date", "schedule"]},
        ),
        (
            _("Enrollment"),
            {"fields": ["capacity", "seats_taken", "enrollment_opens", "enrollment_closes"]},
        ),
        (_("Publishing"), {"fields": ["status", "published_at"]}),
        (
            _("Figures"),
            {"fields": ["figures_source", "reported_learners"], "classes": ["collapse"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A shared web address must not change silently.
        if obj and obj.status == Course.Status.PUBLISHED:
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    @admin.action(description=_("Copy to next year (as drafts)"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        copies = [course_copy(course=course, user=request.user) for course in queryset]
        self.message_user(
            request,
            ngettext(
                "%(n)d class copied as a draft one year later.",
                "%(n)d classes copied as drafts one year later.",
                len(copies),
            )
            % {"n": len(copies)},
            messages.SUCCESS,
        )
