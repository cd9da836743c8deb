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


@admin.register(Course)
class CourseAdmin(StampedAdmin):
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
    list_filter = ["kind", "status", "partners"]
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
            _("Historical figures"),
            {"fields": ["reported_learners"], "classes": ["collapse"]},
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
