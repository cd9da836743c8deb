"""Forms of the self-assessment pages: start a year, the header, one form per indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disclosures.assessment_models import IndicatorAnswer, Level, SelfAssessment
from disclosures.assessment_services import assessable_years, default_year


class SelfAssessmentCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year assessed"), coerce=int)
    target_level = forms.TypedChoiceField(
        label=_("Level sought"), choices=Level.choices, coerce=int, initial=Level.ONE
    )

    def __init__(self, *args, taken=(), **kwargs):
        super().__init__(*args, **kwargs)
        years = [y for y in assessable_years() if y not in set(taken)]
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].initial = default_year() if default_year() in years else None


class SelfAssessmentForm(forms.ModelForm):
    """The header of a checklist: level sought, status, the week's dates, notes."""

    class Meta:
        model = SelfAssessment
        fields = ["target_level", "status", "week_start", "week_end", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "week_start": forms.DateInput(attrs={"placeholder": "01/10"}),
            "week_end": forms.DateInput(attrs={"placeholder": "07/10"}),
        }


class IndicatorAnswerForm(forms.ModelForm):
    """One indicator's answer. "Meets level 1 only" is offered only where level 2 asks more.

    On a final assessment every field is disabled: what is posted for it is ignored.
    """

    class Meta:
        model = IndicatorAnswer
        fields = ["result", "note", "evidence_file", "evidence_link"]
        widgets = {
            "result": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
            "evidence_link": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, indicator, locked=False, suggestion=None, **kwargs):
        self.indicator = indicator
        super().__init__(*args, **kwargs)
        result = self.fields["result"]
        if not indicator.has_level2_threshold:
            result.choices = [c for c in result.choices if c[0] != IndicatorAnswer.Result.LEVEL1]
        if suggestion and self.instance.pk is None:
            # The portal's own records say it: staff confirm it by saving (or change it).
            self.initial["result"] = suggestion
        self.fields["evidence_file"].widget.attrs["accept"] = (
            ".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png"
        )
        if locked:
            for field in self.fields.values():
                field.disabled = True

    def answer_values(self):
        """What `indicator_answers_save` takes for this form."""
        data = self.cleaned_data
        upload = data.get("evidence_file")
        if upload is False:  # ClearableFileInput's "remove" box
            evidence_file = False
        elif self.add_prefix("evidence_file") in self.files:
            evidence_file = upload
        else:  # nothing sent: keep what is stored
            evidence_file = None
        return {
            "indicator": self.indicator,
            "result": data["result"],
            "note": data.get("note", ""),
            "evidence_link": data.get("evidence_link", ""),
            "evidence_file": evidence_file,
        }
