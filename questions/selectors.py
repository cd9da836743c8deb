"""Reads of the questions app: what the site search and the staff home take from it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.search import SearchHit, SearchSource
from core.staff import StaffTool
from questions.models import Question


def search_source():
    """Published questions with their answers (`core.search.SearchSource`): never the asker."""
    url = reverse("questions:question-detail", args=[0]).replace("/0/", "/PK/")
    kind = _("Questions and answers")

    def hit(question):
        return SearchHit(
            kind=kind,
            title=question.title,
            url=url.replace("/PK/", f"/{question.pk}/"),
            summary=f"{question.body} {question.answer}",
            date=timezone.localdate(question.published_at),
        )

    return SearchSource(
        queryset=Question.objects.published().only("title", "body", "answer", "published_at"),
        date_field="published_at",
        hit=hit,
    )


def next_change(now):
    """When a page changes by time alone: an answer scheduled for later appears."""
    return Question.objects.next_publish_time(now)


def staff_tools(user):
    """Questions waiting for an answer, for the staff who answer them."""
    if not user.has_perm("questions.change_question"):
        return []
    waiting = Question.objects.unanswered().count()
    return [
        StaffTool(
            _("Questions from villagers"),
            ngettext(
                "%(count)d question waits for an answer.",
                "%(count)d questions wait for an answer.",
                waiting,
            )
            % {"count": waiting}
            if waiting
            else _("Every question has been answered."),
            reverse("admin:questions_question_changelist") + "?answered=no",
        )
    ]
