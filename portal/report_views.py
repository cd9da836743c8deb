"""Staff pages of the yearly report (/quan-ly/bao-cao-nam/): pick a year, read, print,
download the PDF, publish it as a disclosure document.

They live on the top floor because the report composes several apps (see reports.py). The
staff notes (section V) travel by POST with the CSRF token, never in a URL.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import StaffView
from disclosures.models import DisclosureDocument
from disclosures.services import document_publish_generated
from organizations.models import Organization
from portal import reports

HTML_BASE = "attendance/staff/base_staff.html"
PDF_BASE = "portal/reports/pdf_base.html"


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=gettext_lazy("V. Notes and plan for next year"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        help_text=gettext_lazy(
            "Optional. Printed as section V of the report, as plain text. "
            "Write it before downloading the PDF or publishing."
        ),
    )


class ReportStaffView(StaffView):
    """Center staff only, like the other pages under /quan-ly/."""

    permission_required = "attendance.view_enrollment"

    def year_or_404(self, year):
        if not reports.valid_year(year):
            raise Http404(_("There is no report for this year."))
        return year


def _published_reports(organization, school_years):
    """{school year: the current published yearly report} for the center."""
    if organization is None:
        return {}
    documents = (
        DisclosureDocument.objects.published()
        .filter(
            organization=organization,
            basis=reports.BASIS,
            school_year__in=school_years,
            replaced_by__isnull=True,
        )
        .order_by("published_at")
    )
    return {d.school_year: d for d in documents}


class YearPickView(ReportStaffView):
    def get(self, request):
        years = reports.years_offered()
        organization = reports.the_center()
        published = _published_reports(organization, [f"{y}-{y + 1}" for y in years])
        rows = [(y, published.get(f"{y}-{y + 1}")) for y in years]
        return render(request, "portal/reports/year_pick.html", {"rows": rows})


class YearlyReportView(ReportStaffView):
    """GET shows the report; POST shows it again with the notes typed below it."""

    def get(self, request, year):
        return self.show(NotesForm(), year)

    def post(self, request, year):
        form = NotesForm(request.POST)
        return self.show(form, year, status=200 if form.is_valid() else 400)

    def show(self, form, year, status=200):
        self.year_or_404(year)
        notes = form.cleaned_data["notes"] if form.is_bound and form.is_valid() else ""
        report = reports.build(year, notes=notes)
        published = _published_reports(report.organization, [report.school_year])
        context = {
            "report": report,
            "form": form,
            "base_template": HTML_BASE,
            "published": published.get(report.school_year),
            "may_publish": _may_publish(self.request.user, report.organization),
        }
        return render(self.request, "portal/reports/yearly_report.html", context, status=status)


def _may_publish(user, organization):
    return (
        organization is not None
        and user.has_perm("disclosures.add_disclosuredocument")
        and Organization.objects.for_user(user).filter(pk=organization.pk).exists()
    )


def _pdf(request, report):
    html = render(
        request, "portal/reports/yearly_report.html", {"report": report, "base_template": PDF_BASE}
    ).content.decode()
    return reports.render_pdf(html, base_url=request.build_absolute_uri("/"))


class YearlyReportPdfView(ReportStaffView):
    """The PDF of the report: GET without notes, POST with the notes typed on the page."""

    def get(self, request, year):
        return self.respond(year, "")

    def post(self, request, year):
        form = NotesForm(request.POST)
        if not form.is_valid():
            return YearlyReportView(request=request).show(form, year, status=400)
        return self.respond(year, form.cleaned_data["notes"])

    def respond(self, year, notes):
        self.year_or_404(year)
        report = reports.build(year, notes=notes)
        response = HttpResponse(_pdf(self.request, report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.file_name}"'
        return response


class PublishView(ReportStaffView):
    """Publish the PDF as the center's disclosure document of Article 14 for that year."""

    http_method_names = ["post"]

    def post(self, request, year):
        self.year_or_404(year)
        form = NotesForm(request.POST)
        if not form.is_valid():
            return YearlyReportView(request=request).show(form, year, status=400)
        report = reports.build(year, notes=form.cleaned_data["notes"])
        if report.organization is None:
            messages.error(
                request, _("The community learning center is missing from the organizations.")
            )
            return redirect("report-year", year=year)
        if not _may_publish(request.user, report.organization):
            return render(request, "403.html", status=403)
        if report.year_running:
            # TT 09/2024 Art. 14: the report covers the year to 31 December.
            messages.error(
                request,
                _("A year's report can be published once the year is over (from 1 January)."),
            )
            return redirect("report-year", year=year)
        try:
            document = document_publish_generated(
                organization=report.organization,
                title=report.title,
                school_year=report.school_year,
                basis=reports.BASIS,
                pdf_bytes=_pdf(request, report),
                file_name=report.file_name,
                user=request.user,
            )
        except ValidationError as error:
            messages.error(
                request,
                _("The report was not published: %(reason)s")
                % {"reason": " ".join(error.messages)},
            )
            return redirect("report-year", year=year)
        messages.success(request, _("The yearly report is published. Readers see it below."))
        return redirect(document)
