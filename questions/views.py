"""/hoi-dap/: the published questions and answers, and the form to ask one."""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView, ListView

from core import ratelimit
from core.pagination import PageMixin
from core.search import clean_query, find, search_words
from questions.forms import QuestionForm
from questions.models import Question
from questions.selectors import search_source
from questions.services import question_create

log = logging.getLogger(__name__)
PER_PAGE = 10
MAX_FOUND = 50
ASKED_KEY = "question_asked"


class QuestionListView(PageMixin, ListView):
    """Published questions, newest answer first; `?q=` finds them as the site search does."""

    template_name = "questions/question_list.html"
    paginate_by = PER_PAGE

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        self.words = search_words(self.query)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Question.objects.published().order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        if self.words:
            found, total = find([search_source()], self.words, self.query, MAX_FOUND)
            context.update(found=found, found_total=total)
        return context


class QuestionDetailView(DetailView):
    template_name = "questions/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.published()


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    """The question form. POST-redirect-GET: what a person typed never reaches a URL."""
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.hit(request, "question", settings.QUESTION_RATE_LIMIT):
            log.warning("Question rate limit reached")
            return render(request, "questions/ask_limited.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            question = question_create(
                title=data["title"],
                body=data["body"],
                asker_name=data["asker_name"],
                show_name=data["show_name"],
                phone=data["phone"],
                email=data["email"],
            )
            log.info("Question %s received", question.pk)
            request.session[ASKED_KEY] = {"email": bool(data["email"])}
            return redirect("questions:question-asked")
        status = 400
    return render(request, "questions/ask.html", {"form": form}, status=status)


@never_cache
@require_GET
def asked(request):
    done = request.session.pop(ASKED_KEY, None)
    if done is None:
        return redirect("questions:question-ask")
    return render(request, "questions/asked.html", {"emailed": done["email"]})
