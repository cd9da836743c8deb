"""Staff pages of the learning-community self-assessment (TT 25/2023), under /quan-ly/tu-danh-gia/.

The evidence they show comes from classes, news and disclosures (`assessment.evidence`), which
is why this app sits on the fourth floor. Center staff (and administrators) use them;
anonymous visitors are sent to the login page; school staff get 403: the self-assessment is
the commune's file, prepared by the center, and school staff hold no permission on it
(core.roles). Sent with Cache-Control: no-store, like every staff page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.evidence import checklist
from assessment.forms import (
    IndicatorAnswerForm,
    SelfAssessmentCreateForm,
    SelfAssessmentForm,
)
from assessment.models import (
    Indicator,
    IndicatorAnswer,
    LegacyAssessmentResult,
    SelfAssessment,
    level_reached,
)
from assessment.services import indicator_answers_save, self_assessment_create
from core.views import StaffView


class AssessmentStaffView(StaffView):
    permission_required = "assessment.view_selfassessment"


class AssessmentListView(AssessmentStaffView):
    """The years assessed (with the level each reaches), the form to start one, and the
    results under the old TT 44/2014 scheme."""

    template_name = "assessment/list.html"

    def render_page(self, request, form, status=200):
        assessments = list(SelfAssessment.objects.with_answers())
        indicators = list(Indicator.objects.active())
        for assessment in assessments:
            answers = {a.indicator_id: a for a in assessment.answers.all()}
            assessment.reached = level_reached(indicators, answers)
        return render(
            request,
            self.template_name,
            {
                "assessments": assessments,
                "form": form,
                "can_add": request.user.has_perm("assessment.add_selfassessment"),
                "legacy_results": LegacyAssessmentResult.objects.all(),
            },
            status=status,
        )

    def get(self, request):
        taken = SelfAssessment.objects.values_list("year", flat=True)
        return self.render_page(request, SelfAssessmentCreateForm(taken=taken))

    def post(self, request):
        if not request.user.has_perm("assessment.add_selfassessment"):
            return render(request, "403.html", status=403)
        taken = SelfAssessment.objects.values_list("year", flat=True)
        form = SelfAssessmentCreateForm(request.POST, taken=taken)
        if form.is_valid():
            try:
                assessment = self_assessment_create(
                    year=form.cleaned_data["year"],
                    target_level=form.cleaned_data["target_level"],
                    user=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("The self-assessment of %(year)s is started. Answer each indicator.")
                    % {"year": assessment.year},
                )
                return redirect("assessment-checklist", year=assessment.year)
        return self.render_page(request, form, status=400)


class ChecklistView(AssessmentStaffView):
    """One year's checklist: per indicator the portal's evidence and the staff's answer.

    One form for the whole page (no JavaScript): the header and one small form per indicator.
    All of it is validated before anything is saved; a refused file refuses the whole post.
    """

    template_name = "assessment/checklist.html"

    def build(self, request, year, data=None, files=None):
        self.assessment = get_object_or_404(SelfAssessment, year=year)
        # As stored: binding the header form changes the instance's status already.
        self.was_final = self.assessment.is_final
        self.checklist = checklist(self.assessment)
        locked = self.was_final or not request.user.has_perm("assessment.change_indicatoranswer")
        self.header = SelfAssessmentForm(data, instance=self.assessment, prefix="ts")
        if not request.user.has_perm("assessment.change_selfassessment"):
            for field in self.header.fields.values():
                field.disabled = True
        for row in self.checklist.rows:
            row.form = IndicatorAnswerForm(
                data,
                files,
                instance=row.answer
                or IndicatorAnswer(assessment=self.assessment, indicator=row.indicator),
                indicator=row.indicator,
                locked=locked,
                suggestion=row.evidence.suggestion if row.evidence else None,
                prefix=f"c{row.indicator.pk}",
            )
        self.locked = locked

    def render_page(self, request, status=200):
        return render(
            request,
            self.template_name,
            {
                "assessment": self.assessment,
                "checklist": self.checklist,
                "header": self.header,
                "locked": self.locked,
                "was_final": self.was_final,
                "can_change": request.user.has_perm("assessment.change_indicatoranswer"),
                "max_upload_mb": settings.UPLOAD_LIMITS["document"],
            },
            status=status,
        )

    def get(self, request, year):
        self.build(request, year)
        return self.render_page(request)

    def post(self, request, year):
        if not request.user.has_perm("assessment.change_indicatoranswer"):
            return render(request, "403.html", status=403)
        self.build(request, year, request.POST, request.FILES)
        forms = [row.form for row in self.checklist.rows]
        # Every form is validated (not stopping at the first) so all errors show at once.
        valid = [form.is_valid() for form in [self.header, *forms]]
        if not all(valid):
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            return self.render_page(request, status=400)
        try:
            with transaction.atomic():
                saved = 0
                if not self.was_final:
                    saved = indicator_answers_save(
                        assessment=self.assessment,
                        answers=[f.answer_values() for f in forms],
                        user=request.user,
                    )
                if self.header.has_changed():
                    assessment = self.header.save(commit=False)
                    assessment.updated_by = request.user
                    assessment.save()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_page(request, status=400)
        messages.success(
            request,
            ngettext("Saved: %(n)d answer changed.", "Saved: %(n)d answers changed.", saved)
            % {"n": saved},
        )
        return redirect("assessment-checklist", year=year)


class PrintView(AssessmentStaffView):
    """The summary table for the commune's file ("bản tổng hợp kết quả đánh giá các tiêu chí,
    chỉ tiêu"): indicator, level, result, evidence, the conclusion, and the TT 44/2014 history."""

    def get(self, request, year):
        assessment = get_object_or_404(SelfAssessment, year=year)
        return render(
            request,
            "assessment/print.html",
            {
                "assessment": assessment,
                "checklist": checklist(assessment),
                "legacy_results": LegacyAssessmentResult.objects.all(),
            },
        )
