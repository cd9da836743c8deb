from django.contrib import admin, messages
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.admin import StampedAdmin
from questions.models import Question
from questions.services import answer_mail, question_answered


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("Waiting for an answer")), ("yes", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unanswered()
        if self.value() == "yes":
            return queryset.exclude(answer="")
        return queryset


@admin.register(Question)
class QuestionAdmin(StampedAdmin):
    """Staff answer a villager's question here and choose whether the question and the answer
    are published. Saving the first answer of a question whose asker left an e-mail sends
    them the answer, once."""

    list_display = ["title", "created_at", "is_answered_display", "status", "published_at"]
    list_filter = [AnsweredFilter, "status"]
    search_fields = ["search_text"]
    date_hierarchy = "created_at"
    # Waiting for an answer first, then the newest.
    ordering = [F("answered_at").asc(nulls_first=True), "-created_at"]
    readonly_fields = [
        "created_at",
        "contact_display",
        "consent_text",
        "answered_by",
        "answered_at",
        "answer_mailed_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "body", "created_at"]}),
        (_("Asker"), {"fields": ["asker_name", "show_name", "contact_display", "consent_text"]}),
        (_("Answer"), {"fields": ["answer", "answered_by", "answered_at", "answer_mailed_at"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    @admin.display(boolean=True, description=_("answered"))
    def is_answered_display(self, question):
        return question.is_answered

    @admin.display(description=_("phone and e-mail"))
    def contact_display(self, question):
        parts = [p for p in (question.phone, question.email) if p]
        return " · ".join(parts) or _("none left")

    def save_model(self, request, obj, form, change):
        question_answered(obj, user=request.user)
        super().save_model(request, obj, form, change)
        if answer_mail(obj, absolute_url=request.build_absolute_uri):
            self.message_user(
                request,
                _("The answer was e-mailed to the asker (%(email)s).") % {"email": obj.email},
                messages.SUCCESS,
            )
        elif obj.email and obj.is_answered and not obj.answer_mailed_at:
            self.message_user(
                request,
                _("The answer could not be e-mailed now; it will be tried again at the next save."),
                messages.WARNING,
            )
