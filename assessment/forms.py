"""Forms of the self-assessment pages: start a year, the header, one form per indicator."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models import IndicatorAnswer, Level, SelfAssessment
from assessment.services import assessable_years, default_year


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
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start, end = self.instance.lifelong_week
        self.fields["week_start"].widget.attrs["placeholder"] = start.strftime("%d/%m/%Y")
        self.fields["week_end"].widget.attrs["placeholder"] = end.strftime("%d/%m/%Y")


def _https_by_default(db_field, **kwargs):
    """A link typed without a scheme ("cong-khai/...") is read as https, as Django 6 will."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class IndicatorAnswerForm(forms.ModelForm):
    """One indicator's answer. "Meets level 1 only" is offered only where level 2 asks more.

    On a final assessment every field is disabled: what is posted for it is ignored.
    """

    class Meta:
        model = IndicatorAnswer
        fields = ["result", "note", "evidence_file", "evidence_link"]
        formfield_callback = _https_by_default
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
        for field in self.fields.values():
            # Said once at the top of the checklist, not under each of its indicators.
            field.help_text = ""
            field.disabled = locked

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
