from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from attendance.models import (
    AttendanceMark,
    Enrollment,
    Learner,
)
from attendance.services import (
    enrollment_delete,
    enrollment_save,
    enrollment_set_status,
    learner_merge,
    lock_for,
)


class PossibleDuplicateFilter(admin.SimpleListFilter):
    """Learners sharing a folded name and birth year with another record."""

    title = _("possible duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", _("Same name and birth year as another learner"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        pairs = (
            Learner.objects.filter(erased_at__isnull=True)
            .values("name_folded", "birth_year")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        match = Q(pk__in=[])
        for pair in pairs:
            match |= Q(name_folded=pair["name_folded"], birth_year=pair["birth_year"])
        return queryset.filter(match)


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    fields = ["course", "status", "source", "reference", "consent_at"]
    readonly_fields = ["course", "status", "source", "reference", "consent_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sex", "hamlet", "phone", "enrollment_count", "requests"]
    list_filter = [PossibleDuplicateFilter, "sex", "hamlet"]
    search_fields = ["search_text"]  # name and phone
    list_select_related = ["hamlet"]
    readonly_fields = ["erased_at"]
    inlines = [EnrollmentInline]
    actions = ["merge_into_first"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_enrollments=Count("enrollments"))

    @admin.display(description=_("enrollments"), ordering="n_enrollments")
    def enrollment_count(self, obj):
        return obj.n_enrollments

    @admin.display(description=_("data requests"))
    def requests(self, obj):
        if obj.erased_at:
            return _("erased")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("attendance:learner-data", kwargs={"pk": obj.pk, "fmt": "xlsx"}),
            _("export"),
            reverse("attendance:learner-erase", kwargs={"pk": obj.pk}),
            _("erase"),
        )

    @admin.action(
        description=_("Merge selected learners into the oldest record"), permissions=["change"]
    )
    def merge_into_first(self, request, queryset):
        learners = list(queryset.order_by("pk"))
        if len(learners) < 2:
            self.message_user(
                request, _("Select at least two learners to merge."), messages.WARNING
            )
            return
        merged = learner_merge(keep=learners[0], others=learners[1:])
        self.message_user(
            request,
            ngettext(
                "%(n)d record merged into %(keep)s.", "%(n)d records merged into %(keep)s.", merged
            )
            % {"n": merged, "keep": learners[0]},
            messages.SUCCESS,
        )


class AttendanceMarkInline(admin.TabularInline):
    model = AttendanceMark
    fields = ["session", "status", "marked_by", "marked_at"]
    readonly_fields = ["marked_by", "marked_at"]
    extra = 0


class EnrollmentAdminForm(forms.ModelForm):
    """The admin's enrollment form. Before the model counts the seats (`Enrollment.clean`),
    it takes the class row locks the save will take (`services.lock_for`): the admin's add and
    change views validate and save in one transaction, so the count that gives the form its
    message cannot be overtaken by the public form before the save."""

    class Meta:
        model = Enrollment
        fields = ["learner", "course", "status", "source", "note", "consent_at"]

    def clean(self):
        data = super().clean()
        course = data.get("course")
        if course is not None:
            lock_for(enrollment=self.instance, course_id=course.pk)
        return data


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "learner",
        "course",
        "status",
        "source",
        "created_at",
        "certificate",
    ]
    list_filter = ["status", "source", "course__kind", "course"]
    search_fields = ["reference", "learner__search_text", "course__search_text"]
    list_select_related = ["learner", "course"]
    autocomplete_fields = ["learner", "course"]
    date_hierarchy = "created_at"
    readonly_fields = ["reference", "consent_at", "consent_text", "status_changed_by"]
    form = EnrollmentAdminForm
    actions = ["confirm", "withdraw", "complete"]
    inlines = [AttendanceMarkInline]

    @admin.display(description=_("certificate"))
    def certificate(self, obj):
        if obj.status != Enrollment.Status.COMPLETED:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("attendance:certificate", kwargs={"reference": obj.reference}),
            _("print"),
        )

    def get_search_results(self, request, queryset, search_term):
        # A reference code read out over the phone finds its enrollment directly.
        code = search_term.strip().upper()
        if code and queryset.filter(reference=code).exists():
            return queryset.filter(reference=code), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        # The write and the seat count happen in the service, under the class row lock the
        # form took while it validated (the admin's add and change views are one transaction).
        enrollment_save(enrollment=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        marks = formset.save(commit=False)
        for mark in marks:
            mark.marked_by = request.user
            mark.save()
        for gone in formset.deleted_objects:
            gone.delete()

    def delete_model(self, request, obj):
        enrollment_delete(enrollments=[obj])

    def delete_queryset(self, request, queryset):
        enrollment_delete(enrollments=queryset)

    def _set(self, request, queryset, status, label):
        changed, refused = enrollment_set_status(
            enrollments=queryset, status=status, user=request.user
        )
        self.message_user(request, f"{label}: {changed}", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(n)d withdrawn enrollment was left as it was: its class is full.",
                    "%(n)d withdrawn enrollments were left as they were: their classes are full.",
                    refused,
                )
                % {"n": refused},
                messages.WARNING,
            )

    @admin.action(description=_("Confirm selected enrollments"), permissions=["change"])
    def confirm(self, request, queryset):
        self._set(request, queryset, Enrollment.Status.CONFIRMED, _("Confirmed"))

    @admin.action(description=_("Withdraw selected enrollments"), permissions=["change"])
    def withdraw(self, request, queryset):
        self._set(
            request, queryset, Enrollment.Status.WITHDRAWN, pgettext_lazy("enrollment", "Withdrawn")
        )

    @admin.action(description=_("Mark selected enrollments completed"), permissions=["change"])
    def complete(self, request, queryset):
        self._set(request, queryset, Enrollment.Status.COMPLETED, _("Completed"))


@admin.register(AttendanceMark)
class AttendanceMarkAdmin(admin.ModelAdmin):
    list_display = ["session", "enrollment", "status", "marked_by", "marked_at"]
    list_filter = ["status", "session__course"]
    list_select_related = ["session", "enrollment__learner", "enrollment__course", "marked_by"]
    readonly_fields = ["marked_by", "marked_at"]
    search_fields = ["enrollment__reference", "enrollment__learner__full_name"]

    def save_model(self, request, obj, form, change):
        obj.marked_by = request.user
        super().save_model(request, obj, form, change)
