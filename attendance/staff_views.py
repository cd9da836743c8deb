"""Staff pages under /quan-ly/: attendance on a phone, print views, Excel, learner requests.

Every view here needs a login and a permission (anonymous → login page, other staff → 403)
and is sent with Cache-Control: no-store, since it shows personal data.
"""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from attendance import excel
from attendance.forms import AttendanceForm, LearnerImportForm
from attendance.models import AttendanceMark, Enrollment, Learner
from attendance.services import (
    EnrollmentRefusedError,
    attendance_record,
    enrollment_create,
    learner_data,
    learner_erase,
)
from classes.models import Course, Session
from core import spreadsheets
from core.views import StaffView as CoreStaffView

IMPORT_KEY = "learner_import"


class StaffView(CoreStaffView):
    """The attendance pages: viewing enrollments at least (views ask for more)."""

    permission_required = "attendance.view_enrollment"


def _enrollments(course):
    return list(
        Enrollment.objects.active()
        .filter(course=course)
        .select_related("learner", "learner__hamlet")
        .order_by("learner__name_folded", "pk")
    )


def _statuses(course):
    """{(enrollment_id, session_id): status} of every mark in the class."""
    rows = AttendanceMark.objects.filter(session__course=course).values_list(
        "enrollment_id", "session_id", "status"
    )
    return {(e, s): status for e, s, status in rows}


class CoursePickView(StaffView):
    """Step 1: the classes that have sessions, the ones running now first."""

    permission_required = "attendance.add_attendancemark"

    def get(self, request):
        today = timezone.localdate()
        courses = (
            Course.objects.filter(sessions__isnull=False)
            .annotate(
                upcoming=Count("sessions", filter=Q(sessions__date__gte=today), distinct=True),
                learners=Count(
                    "enrollments",
                    filter=Enrollment.active_q("enrollments__"),
                    distinct=True,
                ),
            )
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today - datetime.timedelta(days=60)))
            .order_by("-upcoming", "start_date", "title")
        )
        return render(request, "attendance/staff/course_pick.html", {"courses": courses})


class SessionPickView(StaffView):
    """Step 2: the class's sessions, today's marked; plus its printouts and exports."""

    permission_required = "attendance.add_attendancemark"

    def get(self, request, slug):
        course = get_object_or_404(Course, slug=slug)
        today = timezone.localdate()
        sessions = list(
            course.sessions.annotate(
                marked=Count("marks"),
                came=Count("marks", filter=Q(marks__status__in=AttendanceMark.ATTENDED)),
            )
        )
        todays = [s for s in sessions if s.date == today]
        return render(
            request,
            "attendance/staff/session_pick.html",
            {
                "course": course,
                "sessions": sessions,
                "today": today,
                "todays": todays,
                "completed": Enrollment.objects.filter(
                    course=course, status=Enrollment.Status.COMPLETED
                ).select_related("learner"),
            },
        )


class TakeAttendanceView(StaffView):
    """Step 3: everyone starts as present; one tap changes a learner's mark; save."""

    permission_required = "attendance.add_attendancemark"

    def setup_session(self, slug, pk):
        self.session = get_object_or_404(
            Session.objects.select_related("course"), pk=pk, course__slug=slug
        )
        self.enrollments = _enrollments(self.session.course)
        self.marks = dict(
            AttendanceMark.objects.filter(session=self.session).values_list(
                "enrollment_id", "status"
            )
        )

    def render_form(self, request, form, status=200):
        return render(
            request,
            "attendance/staff/take.html",
            {
                "session": self.session,
                "course": self.session.course,
                "form": form,
                "already_marked": bool(self.marks),
            },
            status=status,
        )

    def get(self, request, slug, pk):
        self.setup_session(slug, pk)
        return self.render_form(
            request, AttendanceForm(enrollments=self.enrollments, marks=self.marks)
        )

    def post(self, request, slug, pk):
        self.setup_session(slug, pk)
        form = AttendanceForm(request.POST, enrollments=self.enrollments, marks=self.marks)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        saved = attendance_record(session=self.session, marks=form.marks(), user=request.user)
        absent = sum(1 for v in form.marks().values() if v not in AttendanceMark.ATTENDED)
        messages.success(
            request,
            ngettext(
                "Attendance saved for %(n)d learner (%(away)d not present).",
                "Attendance saved for %(n)d learners (%(away)d not present).",
                saved,
            )
            % {"n": saved, "away": absent},
        )
        return redirect("attendance:session-pick", slug=slug)


class PrintSheetView(StaffView):
    """A4 attendance sheet: learners × sessions, with a signature column."""

    def get(self, request, slug):
        course = get_object_or_404(Course.objects.prefetch_related("partners"), slug=slug)
        enrollments = _enrollments(course)
        sessions = list(course.sessions.all())
        marks = _statuses(course)
        attended = AttendanceMark.attended_per_enrollment(marks)
        symbols = {"present": "x", "absent": "v", "excused": "p", "late": "m"}
        rows = [
            (e, [symbols.get(marks.get((e.pk, s.pk)), "") for s in sessions], attended[e.pk])
            for e in enrollments
        ]
        return render(
            request,
            "attendance/staff/print_sheet.html",
            {"course": course, "sessions": sessions, "rows": rows},
        )


class CertificateView(StaffView):
    """A printable certificate of completion for one enrollment."""

    def get(self, request, reference):
        enrollment = get_object_or_404(
            Enrollment.objects.select_related("learner", "course"), reference=reference
        )
        return render(
            request,
            "attendance/staff/certificate.html",
            {
                "enrollment": enrollment,
                "course": enrollment.course,
                "completed": enrollment.status == Enrollment.Status.COMPLETED,
                "today": timezone.localdate(),
            },
        )


class ClassListExportView(StaffView):
    def get(self, request, slug):
        course = get_object_or_404(Course, slug=slug)
        wb = excel.class_list(course, _enrollments(course))
        return spreadsheets.response(wb, f"danh-sach-{course.slug}.xlsx")


class AttendanceExportView(StaffView):
    def get(self, request, slug):
        course = get_object_or_404(Course, slug=slug)
        sessions = list(course.sessions.all())
        labels = dict(AttendanceMark.Status.choices)
        statuses = _statuses(course)
        marks = {key: str(labels[status]) for key, status in statuses.items()}
        attended = AttendanceMark.attended_per_enrollment(statuses)
        wb = excel.attendance_sheet(course, _enrollments(course), sessions, marks, attended)
        return spreadsheets.response(wb, f"diem-danh-{course.slug}.xlsx")


class ImportTemplateView(StaffView):
    permission_required = "attendance.add_learner"

    def get(self, request):
        return spreadsheets.response(excel.import_template(), "mau-nhap-hoc-vien.xlsx")


def _mark_known(rows):
    """Flag rows whose person is already in the register (one query for the whole file)."""
    from core.text import fold

    names = {fold(r.values.get("full_name", "")) for r in rows if not r.errors}
    known = list(
        Learner.objects.filter(name_folded__in=names).values_list(
            "name_folded", "birth_year", "phone", "hamlet_id"
        )
    )
    for row in rows:
        if row.errors:
            continue
        v = row.values
        row.known = any(
            name == fold(v["full_name"])
            and year == v["birth_year"]
            and ((v["phone"] and phone == v["phone"]) or hamlet == v["hamlet"].pk)
            for name, year, phone, hamlet in known
        )


class LearnerImportView(StaffView):
    """Upload → dry-run preview with row-by-row errors → confirm. Nothing is written before
    the confirmation, and a file with any bad row is not imported at all."""

    permission_required = "attendance.add_learner"
    template = "attendance/staff/import.html"

    def courses(self):
        today = timezone.localdate()
        return Course.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).order_by(
            "start_date"
        )

    def get(self, request):
        request.session.pop(IMPORT_KEY, None)
        return render(
            request, self.template, {"form": LearnerImportForm(), "courses": self.courses()}
        )

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = LearnerImportForm(request.POST, request.FILES)
        context = {"form": form, "courses": self.courses()}
        course_id = request.POST.get("course") or ""
        course = self.courses().filter(pk=course_id).first() if course_id.isdigit() else None
        context["course"] = course
        if not form.is_valid():
            return render(request, self.template, context, status=400)
        try:
            rows = excel.read_learners(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return render(request, self.template, context, status=400)
        context["rows"] = rows
        context["bad_rows"] = [r for r in rows if r.errors]
        _mark_known(rows)
        if rows and not context["bad_rows"]:
            request.session[IMPORT_KEY] = {
                "course": course.pk if course else None,
                "rows": [{**r.values, "hamlet": r.values["hamlet"].pk} for r in rows],
            }
        return render(request, self.template, context)

    def confirm(self, request):
        pending = request.session.pop(IMPORT_KEY, None)
        if not pending:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("attendance:learner-import")
        from core.models import Hamlet

        hamlets = {h.pk: h for h in Hamlet.objects.all()}
        course = Course.objects.filter(pk=pending["course"]).first()
        created = enrolled = refused = 0
        for row in pending["rows"]:
            row["hamlet"] = hamlets.get(row["hamlet"])
            if course is None:
                learner = Learner.objects.matching(
                    full_name=row["full_name"],
                    birth_year=row["birth_year"],
                    phone=row["phone"],
                    hamlet=row["hamlet"],
                ).first()
                if learner is None:
                    Learner.objects.create(**row)
                    created += 1
                continue
            try:
                result = enrollment_create(
                    course=course, source=Enrollment.Source.STAFF, check_window=False, **row
                )
            except EnrollmentRefusedError:
                refused += 1
            else:
                enrolled += result.created
        messages.success(
            request,
            _(
                "Import done: %(created)d new learners, %(enrolled)d enrollments, "
                "%(refused)d refused because the class is full."
            )
            % {"created": created, "enrolled": enrolled, "refused": refused},
        )
        return redirect("admin:attendance_learner_changelist")


class LearnerDataView(StaffView):
    """Everything held about one learner, as .xlsx or JSON (a person's request to see it)."""

    permission_required = "attendance.view_learner"

    def get(self, request, pk, fmt):
        learner = get_object_or_404(Learner, pk=pk)
        data = learner_data(learner=learner)
        if fmt == "json":
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="hoc-vien-{pk}.json"'
            return response
        return spreadsheets.response(excel.learner_workbook(data), f"hoc-vien-{pk}.xlsx")


class LearnerEraseView(StaffView):
    """Erase one learner's personal data on request, after a confirmation."""

    permission_required = "attendance.change_learner"

    def get(self, request, pk):
        learner = get_object_or_404(Learner, pk=pk)
        return render(request, "attendance/staff/erase.html", {"learner": learner})

    def post(self, request, pk):
        learner = get_object_or_404(Learner, pk=pk)
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "attendance/staff/erase.html",
                {"learner": learner, "missing": True},
                status=400,
            )
        learner_erase(learner=learner)
        messages.success(request, _("The learner's personal data was erased."))
        return redirect("admin:attendance_learner_changelist")
