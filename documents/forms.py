from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Kind


class DocumentFilterForm(forms.Form):
    """The list's filters (GET). A value that is not offered is ignored, never an error page:
    the list then shows every document and says which filter it dropped."""

    q = forms.CharField(label=_("Words to look for"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind of document"), required=False)
    year = forms.TypedChoiceField(label=_("Year issued"), required=False, coerce=int)
    issuer = forms.ChoiceField(label=_("Issued by"), required=False)

    def __init__(self, *args, years=(), issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["kind"].choices = every + list(Kind.choices)
        self.fields["year"].choices = every + [(y, str(y)) for y in years]
        self.fields["issuer"].choices = every + [(i, i) for i in issuers]

    def filters(self):
        """{field: value} of the valid filters, and the labels of the ones dropped."""
        kept, dropped = {}, []
        for name in ("kind", "year", "issuer"):
            field = self[name]
            if name in self.errors:
                dropped.append(field.label)
            elif self.is_bound and self.cleaned_data.get(name) not in (None, ""):
                kept[name] = self.cleaned_data[name]
        return kept, dropped
