"""The survey in the admin (its own section, "Khảo sát nhu cầu học tập"): answers are read and
corrected here, never added; their ticks are shown, not edited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from survey.models import SurveyChoice, SurveyResponse


class SurveyChoiceInline(admin.TabularInline):
    model = SurveyChoice
    fields = ["question", "value_label"]
    readonly_fields = ["question", "value_label"]
    extra = 0
    can_delete = False

    @admin.display(description=_("answer"))
    def value_label(self, obj):
        return obj.value_label

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """Answers are read and corrected here; paper forms are typed in on the staff page
    (/quan-ly/khao-sat/nhap/), which holds them to the same checks as the public form."""

    list_display = ["__str__", "answered_on", "hamlet", "topics", "source", "has_contact"]
    list_filter = ["source", "hamlet", "answered_on"]
    date_hierarchy = "answered_on"
    search_fields = ["other_topic"]
    list_select_related = ["hamlet"]
    fields = [
        "answered_on",
        "source",
        "hamlet",
        "other_topic",
        "full_name",
        "phone",
        "consent_at",
        "consent_text",
        "contact_erased_at",
        "entered_by",
    ]
    readonly_fields = [
        "source",
        "full_name",
        "phone",
        "consent_at",
        "consent_text",
        "contact_erased_at",
        "entered_by",
    ]
    inlines = [SurveyChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("topics"))
    def topics(self, obj):
        kinds = [
            str(c.value_label)
            for c in obj.choices.all()
            if c.question == SurveyChoice.Question.KIND
        ]
        return ", ".join(kinds + ([obj.other_topic] if obj.other_topic else []))

    @admin.display(description=_("contact"), boolean=True)
    def has_contact(self, obj):
        return bool(obj.full_name or obj.phone)
