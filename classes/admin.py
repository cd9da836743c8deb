from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from classes.forms import SessionRuleForm
from classes.models import Course, Partner, Session
from classes.services import course_copy, sessions_generate
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
    fields = ["date", "start_time", "end_time", "topic", "place"]
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
    readonly_fields = ["seats_taken", "timetable"]
    inlines = [SessionInline]
    actions = ["copy_to_next_year"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "topic", "partners", "description", "cover"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "instructor",
                    "place",
                    "start_date",
                    "end_date",
                    "timetable",
                    "schedule_note",
                ]
            },
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

    @admin.display(description=_("timetable"))
    def timetable(self, obj):
        """What readers are told, written from the sessions, and the way to make them."""
        text = obj.timetable() if obj and obj.pk else ""
        if not text:
            text = gettext("No session yet: the public pages say the center will announce it.")
        if obj and obj.pk:
            url = reverse("admin:classes_course_generate_sessions", args=[obj.pk])
            return format_html(
                '{}<br><a class="button" href="{}">{}</a>',
                text,
                url,
                gettext("Make sessions from a rule"),
            )
        return gettext("Save the class first, then make its sessions from a rule.")

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

    # Sessions from a rule ("Tuesdays and Thursdays, 19:00–21:00, for 6 weeks"), previewed
    # before they are made: classes.services.sessions_generate decides, this only shows it.

    def get_urls(self):
        view = self.admin_site.admin_view(self.generate_sessions_view)
        return [
            path("<path:object_id>/tao-buoi-hoc/", view, name="classes_course_generate_sessions"),
            *super().get_urls(),
        ]

    def generate_sessions_view(self, request, object_id):
        course = self.get_object(request, unquote(object_id))
        if course is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (
            self.has_change_permission(request, course)
            and request.user.has_perm("classes.add_session")
        ):
            raise PermissionDenied
        form = SessionRuleForm(
            request.POST or None, initial={"starts_on": course.start_date, "place": course.place}
        )
        plan = None
        if form.is_bound and form.is_valid():
            rule = form.cleaned_data
            confirmed = request.POST.get("confirm") == form.fingerprint()
            if rule["replace"] and not request.user.has_perm("classes.delete_session"):
                form.add_error("replace", gettext("You may not remove sessions."))
            else:
                try:
                    plan = sessions_generate(course=course, dry_run=not confirmed, **rule)
                except ValidationError as error:
                    form.add_error(None, error)
            if plan and confirmed:
                message = ngettext(
                    "%(count)d session made: %(timetable)s.",
                    "%(count)d sessions made: %(timetable)s.",
                    len(plan.sessions),
                ) % {"count": len(plan.sessions), "timetable": plan.timetable}
                self.log_change(request, course, message)
                self.message_user(request, message, messages.SUCCESS)
                return redirect("admin:classes_course_change", course.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make sessions from a rule"),
            "subtitle": course.title,
            "opts": self.opts,
            "original": course,
            "form": form,
            "plan": plan,
            "fingerprint": form.fingerprint() if plan else "",
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request,
            "admin/classes/course/generate_sessions.html",
            context,
            status=400 if form.errors else 200,
        )
