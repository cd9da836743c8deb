import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from classes import ical, posters
from classes.models import Course, Kind, Session
from classes.selectors import partners_with_classes
from core.announce import plain_text_response, poster_fit, reading_minutes
from core.pagination import PageMixin

# How far back and ahead the schedule feed reaches.
FEED_PAST_DAYS = 30
FEED_MAX_SESSIONS = 500


class CourseFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    open = forms.BooleanField(label=_("Open for enrollment only"), required=False)


class ClassListView(PageMixin, ListView):
    """The catalogue: open classes first, then by start date, newest first."""

    template_name = "classes/class_list.html"
    context_object_name = "courses"
    paginate_by = 20

    def get_queryset(self):
        self.form = CourseFilterForm(self.request.GET or None)
        courses = Course.objects.published().prefetch_related("partners")
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data["kind"]:
                courses = courses.filter(kind=data["kind"])
            if data["year"]:
                courses = courses.filter(start_date__year=data["year"])
            if data["open"]:
                courses = courses.open_for_enrollment()
        elif self.form.is_bound:
            courses = courses.none()
        return courses

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["form"] = self.form or CourseFilterForm()
        context["today"] = today
        context["years"] = sorted(
            {d.year for d in Course.objects.published().dates("start_date", "year")},
            reverse=True,
        )
        context["filtered"] = bool(self.request.GET)
        return context


class ClassDetailView(DetailView):
    template_name = "classes/class_detail.html"
    context_object_name = "course"

    def get_queryset(self):
        return Course.objects.published().prefetch_related("partners", "sessions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["upcoming_sessions"] = [s for s in self.object.sessions.all() if not s.has_begun()]
        context["next_session"] = self.object.next_session()
        context["window_open"] = self.object.enrollment_window_open(today)
        context["today"] = today
        return context


class ClassPosterView(DetailView):
    """An A4 poster of a published class for hamlet notice boards, with a QR code to its page."""

    template_name = "classes/class_poster.html"
    context_object_name = "course"

    def get_queryset(self):
        return Course.objects.published().prefetch_related("partners", "sessions")

    def get_context_data(self, **kwargs):
        course = self.object
        today = timezone.localdate()
        text = posters.poster_text(course)
        session = course.next_session()
        texts, rows = posters.poster_details(course, text, session)
        fit = poster_fit(course.title, texts, rows)
        if fit == "poster-dense":
            text = ""  # the facts come first; the description is one scan away
        return super().get_context_data(
            poster_title=course.title,
            poster_text=text,
            poster_fit=fit,
            next_session=session,
            enrollment=posters.enrollment_state(course, today),
            page_url=self.request.build_absolute_uri(course.get_absolute_url()),
            back_url=course.get_absolute_url(),
            printed_on=today,
            preview=False,
            **kwargs,
        )


class ClassLoudspeakerView(DetailView):
    """A published class as a script for the commune loudspeaker: a page, or a .txt file."""

    template_name = "core/loudspeaker.html"
    as_text = False

    def get_queryset(self):
        return Course.objects.published().prefetch_related("sessions")

    def render_to_response(self, context, **kwargs):
        course = self.object
        paragraphs = posters.loudspeaker_paragraphs(course)
        if self.as_text:
            return plain_text_response(course.title, paragraphs, f"{course.slug}-loa.txt")
        context.update(
            script_title=course.title,
            paragraphs=paragraphs,
            minutes=reading_minutes(paragraphs),
            txt_url=reverse("classes:class-loudspeaker-txt", kwargs={"slug": course.slug}),
            back_url=course.get_absolute_url(),
        )
        return super().render_to_response(context, **kwargs)


class PartnersView(TemplateView):
    """The partner bodies that co-run classes, with how many each has held: one of the pages
    about the center (/gioi-thieu/doi-tac/), owned here because the partners are."""

    template_name = "classes/partners.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(partners=partners_with_classes(), **kwargs)


@require_GET
def schedule_feed(request):
    """iCalendar feed of sessions from a month ago on: subscribe once, see every session."""
    since = timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)
    sessions = list(
        Session.objects.filter(course__in=Course.objects.published(), date__gte=since)
        .select_related("course")
        .order_by("date", "start_time")[:FEED_MAX_SESSIONS]
    )
    calendar = ical.new_calendar(_("Class schedule"), "Lich lop hoc")
    ical.add_sessions(calendar, request, sessions)
    return ical.ical_response(calendar, "lich-lop-hoc.ics")
