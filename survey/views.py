"""The learning-needs survey: the public form, its paper twin, and the staff pages that read it.

Public pages never show an answer: the form, a thank-you page and the blank paper form. The
demand, the paper entry and the list of interested people are staff pages (see StaffView).
"""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from classes.models import Kind
from core import charts, ratelimit, spreadsheets
from core.models import Hamlet
from core.text import class_named
from core.views import StaffView
from survey.demand import answer_years, demand, interested, topic_label
from survey.forms import SurveyForm, survey_consent_text
from survey.models import Season, SurveyResponse, TimeOfDay
from survey.services import survey_course_draft, survey_response_create
from survey.topics import parse_topic

log = logging.getLogger(__name__)


def _save(form, **extra):
    data = form.cleaned_data
    contact = bool(data["full_name"] or data["phone"])
    return survey_response_create(
        hamlet=data["hamlet"],
        kinds=data["kinds"],
        other_topic=data["other_topic"],
        times=data["times"],
        seasons=data["seasons"],
        full_name=data["full_name"],
        phone=data["phone"],
        consent_text=survey_consent_text() if contact else "",
        submission_token=data["token"],
        **extra,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def survey_form(request):
    """POST-redirect-GET, like enrollment: nothing a person typed reaches a URL."""
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # The enrollment form's limit, counted apart so one does not use up the other.
        if ratelimit.hit(request, "survey"):
            log.warning("Survey rate limit reached")
            return render(request, "survey/limited.html", status=429)
        if form.is_valid():
            response, _created = _save(form)
            log.info("Survey answer %s", response.pk)
            return redirect("attendance:survey-thanks")
        status = 400
    return render(request, "survey/form.html", {"form": form}, status=status)


@require_GET
def survey_thanks(request):
    return render(request, "survey/thanks.html")


@require_GET
def survey_paper(request):
    """The same questions on one A4 sheet, to hand out at hamlet meetings."""
    return render(
        request,
        "survey/paper.html",
        {
            "kinds": Kind.choices,
            "times": TimeOfDay.choices,
            "seasons": Season.choices,
            "hamlets": Hamlet.objects.all(),
            "consent": survey_consent_text(),
        },
    )


def _year(request):
    value = request.GET.get("nam") or request.POST.get("nam") or ""
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value) if 1990 <= int(value) <= 2100 else None


class SurveyDemandView(StaffView):
    """What villagers asked for: topics, hamlets, times and seasons, for one year or all."""

    permission_required = "survey.view_surveyresponse"

    def get(self, request):
        year = _year(request)
        result = demand(year)
        context = {"demand": result, "year": year, "years": answer_years()}
        if result.answers:
            context["charts"] = {
                "topics": charts.bar_chart((t.label, t.requests) for t in result.topics),
                "hamlets": charts.bar_chart(result.hamlets, colour="#8a4b08"),
                "times": charts.bar_chart(result.times),
                "seasons": charts.bar_chart(result.seasons, colour="#8a4b08"),
            }
        return render(request, "survey/demand.html", context)


def demand_rows(result):
    """The demand page's tables one under another, for the .xlsx and CSV downloads."""
    yield [_("Topic"), _("Requests"), _("With contact")]
    yield from ([t.label, t.requests, t.contactable] for t in result.topics)
    yield []
    yield [_("Hamlet"), _("Answers")]
    yield from ([name, n] for name, n in result.hamlets)
    yield []
    yield [_("Time of day"), _("Answers")]
    yield from ([label, n] for label, n in result.times)
    yield []
    yield [_("Season"), _("Answers")]
    yield from ([label, n] for label, n in result.seasons)


class SurveyDemandDownloadView(StaffView):
    """The demand page's figures as .xlsx or CSV (counts only, no contact)."""

    permission_required = "survey.view_surveyresponse"

    def get(self, request, fmt):
        year = _year(request)
        rows = list(demand_rows(demand(year)))
        name = f"khao-sat-nhu-cau-{year or 'tat-ca'}-{timezone.localdate():%Y%m%d}"
        return spreadsheets.table_response(
            rows, fmt=fmt, name=name, title=_("Learning-needs survey")
        )


class SurveyEntryView(StaffView):
    """Staff type in paper forms, one after the other."""

    permission_required = "survey.add_surveyresponse"
    template = "survey/entry.html"

    def get(self, request):
        return render(request, self.template, {"form": SurveyForm(paper=True)})

    def post(self, request):
        form = SurveyForm(request.POST, paper=True)
        if not form.is_valid():
            return render(request, self.template, {"form": form}, status=400)
        response, created = _save(
            form,
            source=SurveyResponse.Source.PAPER,
            answered_on=form.cleaned_data["answered_on"],
            entered_by=request.user,
        )
        if created:
            messages.success(
                request,
                _("Paper form saved (answer #%(id)s). Enter the next one.") % {"id": response.pk},
            )
        return redirect("attendance:survey-entry")


class SurveyDraftCourseView(StaffView):
    """POST only: turn a requested topic into a draft class, then open it in the admin."""

    permission_required = ("survey.view_surveyresponse", "classes.add_course")
    http_method_names = ["post"]

    def post(self, request):
        topic = parse_topic(request.POST.get("topic"))
        if topic is None:
            messages.error(request, _("That topic is not in the survey."))
            return redirect("attendance:survey-demand")
        course = survey_course_draft(topic=topic, year=_year(request), user=request.user)
        # The people who asked and may be contacted, one click away from the new class.
        year = _year(request)
        interested = (
            reverse("attendance:survey-interested")
            + "?"
            + urlencode({"chu-de": request.POST["topic"], **({"nam": year} if year else {})})
        )
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                # Translators: %(class)s names the class (core.text.class_named).
                _("A draft of %(class)s is made. Finish it here, then publish it.")
                % {"class": class_named(course.title, quoted=True)},
                interested,
                _("Who asked for it and may be contacted"),
            ),
        )
        return redirect("admin:classes_course_change", course.pk)


class SurveyInterestedView(StaffView):
    """Who asked for a topic and agreed to be contacted: name, hamlet, phone; printable."""

    permission_required = "survey.view_surveyresponse"

    def get(self, request):
        topic = parse_topic(request.GET.get("chu-de"))
        if topic is None:
            raise Http404
        year = _year(request)
        return render(
            request,
            "survey/interested.html",
            {
                "label": topic_label(topic, year),
                "year": year,
                "people": interested(topic, year),
                "back": reverse("attendance:survey-demand") + (f"?nam={year}" if year else ""),
            },
        )
