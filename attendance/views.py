"""Public pages of this app: the enrollment form, the enrollment lookup and the statistics
(aggregates only)."""

import logging

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from attendance import statistics
from attendance.forms import (
    EnrollmentForm,
    EnrollmentLookupForm,
    StatisticsSpanForm,
    consent_text,
)
from attendance.models import Enrollment
from attendance.services import EnrollmentRefusedError, enrollment_create
from classes.models import Course, FiguresSource
from core import charts, ratelimit, spreadsheets

log = logging.getLogger(__name__)
DONE_KEY = "enrollment_done"
GREEN, BROWN = "#0b5d3b", "#8a4b08"


@never_cache
@require_http_methods(["GET", "POST"])
def enroll(request, slug):
    """The enrollment form. POST-redirect-GET: what a person typed never reaches a URL."""
    course = get_object_or_404(Course.objects.published(), slug=slug)
    if not course.enrollment_window_open() or (course.is_full and request.method == "GET"):
        return render(request, "attendance/enroll_closed.html", {"course": course})
    form = EnrollmentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.hit(request, "enroll"):
            log.warning("Enrollment rate limit reached for class %s", course.pk)
            return render(request, "attendance/enroll_limited.html", {"course": course}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = enrollment_create(
                    course=course,
                    full_name=data["full_name"],
                    birth_year=data["birth_year"],
                    sex=data["sex"],
                    hamlet=data["hamlet"],
                    phone=data["phone"],
                    guardian_name=data["guardian_name"],
                    guardian_phone=data["guardian_phone"],
                    note=data["note"],
                    consent_text=consent_text(),
                    submission_token=data["token"],
                )
            except EnrollmentRefusedError as refusal:
                form.add_error(None, refusal.messages[0])
                status = 409
            else:
                log.info("Enrollment %s in class %s", result.enrollment.pk, course.pk)
                request.session[DONE_KEY] = {
                    "course": course.pk,
                    "reference": result.enrollment.reference,
                    "created": result.created,
                    # An enrollment with no phone (neither the learner's nor a guardian's)
                    # cannot be looked up: the confirmation says to call the center instead.
                    "can_look_up": bool(
                        result.enrollment.learner.phone or result.enrollment.learner.guardian_phone
                    ),
                }
                return redirect("attendance:enroll-done", slug=course.slug)
        else:
            status = 400
    return render(
        request, "attendance/enroll_form.html", {"course": course, "form": form}, status=status
    )


@never_cache
@require_GET
def enroll_done(request, slug):
    course = get_object_or_404(Course.objects.published().prefetch_related("sessions"), slug=slug)
    done = request.session.get(DONE_KEY)
    if not done or done.get("course") != course.pk:
        return redirect(course)
    return render(
        request,
        "attendance/enroll_done.html",
        {
            "course": course,
            "reference": done["reference"],
            "created": done["created"],
            "can_look_up": done.get("can_look_up", True),
            "next_session": course.next_session(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrollment_lookup(request):
    """/tra-cuu-dang-ky/: a villager's own enrollment, by its reference code and phone.

    POST only: neither the code nor the phone ever reaches a URL, a server log or the page
    cache (never_cache: the answer is private and never stored). A code that does not exist,
    a wrong phone, another center's code and an enrollment without a phone all get the same
    answer, so the page reveals nothing about anyone. Tries are limited per client and per
    code (LOOKUP_RATE_LIMIT), so guessing a phone pays neither from one connection nor many.
    """
    # Bound on every POST, an empty one too (`request.POST or None` would leave the form
    # unbound: a 400 with no message saying what is missing).
    form = EnrollmentLookupForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    status = 200
    if request.method == "POST":
        rate = settings.LOOKUP_RATE_LIMIT
        valid = form.is_valid()
        if ratelimit.hit(request, "enrollment-lookup", rate) or (
            valid
            and ratelimit.count("enrollment-lookup-code", form.cleaned_data["reference"], rate)
        ):
            log.warning("Enrollment lookup rate limit reached")
            return render(request, "attendance/lookup_limited.html", status=429)
        if valid:
            enrollment = Enrollment.objects.looked_up(**form.cleaned_data)
            if enrollment is None:
                context["not_found"] = True
                status = 404
            else:
                context["enrollment"] = enrollment
                context["next_session"] = enrollment.course.next_session()
        else:
            status = 400
    return render(request, "attendance/lookup.html", context, status=status)


def _span(request):
    form = StatisticsSpanForm(request.GET or None)
    first, last = statistics.year_bounds()
    start, end = first, last
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or first
        end = form.cleaned_data["end"] or last
    return form, start, end, first, last


@require_GET
def statistics_view(request):
    form, start, end, first, last = _span(request)
    figures = statistics.compute(start, end) if start else None
    context = {
        "form": form,
        "figures": figures,
        "first": first,
        "last": last,
        "notes": statistics.NOTES,
        "sources": FiguresSource,
    }
    if figures and figures.classes:
        context["charts"] = {
            name: charts.bar_chart(
                ((row[0], row[-1], row.estimated_learners) for row in rows), colour=colour
            )
            for name, rows, colour in (
                ("year", figures.by_year, GREEN),
                ("kind", figures.by_kind, GREEN),
                ("partner", figures.by_partner, GREEN),
                ("sex", figures.by_sex, BROWN),
            )
        }
    return render(request, "attendance/statistics.html", context)


def _figure_rows(figures):
    """The page's tables one under another, each followed by the note the page gives it.

    A note is an ordinary one-cell row, in the .xlsx (its text runs on over the empty cells
    beside it, so Excel users read it in full) and in the CSV alike. The CSV gets no `#`
    comment line: CSV has no comments, so Excel, LibreOffice and any import would show or
    read it as data anyway, while a plain row stays valid CSV for every reader.

    When some classes' figures are estimates, every table gains two columns saying how many
    of its classes and learners are estimated, and a note saying what that means.
    """

    def note(key):
        return [_("Note: %(note)s") % {"note": statistics.NOTES[key]}]

    guessed = figures.estimated

    def header(*names):
        extra = [_("Estimated classes"), _("Estimated learners")] if guessed else []
        return [*names, *extra]

    def line(*values, row=None, classes=0, learners=0):
        if row is not None:
            classes, learners = row.estimated_classes, row.estimated_learners
        return [*values, *([classes, learners] if guessed else [])]

    yield header(_("Figures"), _("Classes"), _("Learners"))
    yield line(
        _("Total"),
        figures.classes,
        figures.learners,
        classes=figures.estimated_classes,
        learners=figures.estimated_learners,
    )
    yield note("counting")
    if guessed:
        yield note("estimates")
    yield []
    yield header(_("Year"), _("Classes"), _("Learners"))
    yield from (line(*r, row=r) for r in figures.by_year)
    yield []
    yield header(_("Kind"), _("Classes"), _("Learners"))
    yield from (line(*r, row=r) for r in figures.by_kind)
    yield []
    yield header(_("Partner body"), _("Classes"), _("Learners"))
    yield from (line(*r, row=r) for r in figures.by_partner)
    yield note("partners")
    yield []
    yield header(_("Sex"), "", _("Learners"))
    yield from (
        line(r[0], "", r[1], classes="", learners=r.estimated_learners) for r in figures.by_sex
    )
    yield note("unrecorded")


@require_GET
def statistics_download(request, fmt):
    _form, start, end, _first, _last = _span(request)
    figures = statistics.compute(start, end) if start else statistics.Figures(None, None)
    name = f"thong-ke-{start or ''}-{end or ''}-{timezone.localdate():%Y%m%d}"
    rows = list(_figure_rows(figures))
    return spreadsheets.table_response(rows, fmt=fmt, name=name, title=_("Statistics"))
