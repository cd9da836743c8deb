"""Admin of the self-assessment: the checklist (the national one, shared by every center:
center staff read it, only the hosting operator corrects its wording), answers, TT 44/2014.

The staff pages under /quan-ly/tu-danh-gia/ are where a year is answered; the admin is for
the checklist itself (wording, thresholds, order), for looking up answers, and for the
TT 44/2014 history. Imported by `disclosures.admin`.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assessment.models import (
    Indicator,
    IndicatorAnswer,
    LegacyAssessmentResult,
    SelfAssessment,
)
from core.admin import StampedAdmin


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code", "criterion", "criterion_title", "wording", "wording_status", "applies_to",
            "threshold_level1", "threshold_level2", "source", "evidence_key", "order",
            "is_active",
        ]  # fmt: skip
        widgets = {
            "criterion_title": forms.TextInput(attrs={"size": 80}),
            "source": forms.TextInput(attrs={"size": 80}),
            "threshold_level1": forms.TextInput(attrs={"size": 80}),
            "threshold_level2": forms.TextInput(attrs={"size": 80}),
            "wording": forms.Textarea(attrs={"rows": 4}),
        }


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
    list_display = [
        "code",
        "short_wording",
        "criterion",
        "applies_to",
        "wording_status",
        "is_active",
    ]
    list_display_links = ["code", "short_wording"]
    list_filter = ["criterion", "wording_status", "applies_to", "is_active"]
    search_fields = ["code", "wording", "criterion_title"]
    fieldsets = [
        (None, {"fields": ["code", "criterion", "criterion_title", "wording", "wording_status"]}),
        (
            _("Levels"),
            {"fields": ["applies_to", "threshold_level1", "threshold_level2"]},
        ),
        (None, {"fields": ["source", "evidence_key", "order", "is_active"]}),
    ]

    @admin.display(description=_("wording"))
    def short_wording(self, obj):
        return obj.wording if len(obj.wording) <= 90 else f"{obj.wording[:90]}…"

    def has_delete_permission(self, request, obj=None):
        # Answers of past years point at it (PROTECT): untick "in use" instead.
        return request.user.is_superuser


class AnswerInline(admin.TabularInline):
    """The answers, to read: they are given on the checklist page (/quan-ly/tu-danh-gia/),
    which checks the files and respects a final assessment's lock."""

    model = IndicatorAnswer
    fields = ["indicator", "result", "note", "evidence_file", "evidence_link", "updated_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(StampedAdmin):
    list_display = ["year", "target_level", "status", "updated_at", "created_by"]
    list_filter = ["status", "target_level"]
    list_select_related = ["created_by"]
    search_fields = ["year", "notes"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    fields = ["year", "target_level", "status", "week_start", "week_end", "notes", *readonly_fields]
    inlines = [AnswerInline]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(LegacyAssessmentResult)
class LegacyAssessmentResultAdmin(admin.ModelAdmin):
    list_display = ["scheme", "year", "period", "points", "max_points", "classification"]
    search_fields = ["scheme", "source_note"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
