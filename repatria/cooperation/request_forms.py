"""The forms of the request pages: drafting or recording a request, moving it, deciding a check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.assets.models import Asset
from repatria.core.forms import ModelForm, MoveForm
from repatria.geo.forms import CountryChoiceField
from repatria.registry.models import Person

from .models import CheckState, LetterTemplate, RefusalGround, Request

FIELDS = [
    "direction", "kind", "case", "foreign_case", "persons", "person_particulars", "assets", "country",
    "organisation", "foreign_authority", "channel", "urgency", "deadline", "assistance_sought", "facts", "laws",
    "legal_basis", "treaty", "convention", "basis_reason",
]  # fmt: skip


class RequestForm(ModelForm):
    """A request; the persons and assets offered are those of the case chosen. Its basis may be left empty: the one
    suggested is taken. A request received says when it arrived."""

    received_on = forms.DateField(label=_("received on"), required=False, help_text=_("For a request received: "
                                  "the day it arrived (today when empty)."))  # fmt: skip

    class Meta:
        model = Request
        fields = FIELDS
        field_classes = {"country": CountryChoiceField}
        widgets = {"persons": forms.CheckboxSelectMultiple, "assets": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["direction"]  # a request does not change direction, nor the day it arrived
            del self.fields["received_on"]
        case = self.chosen("case")
        persons = Person.objects.filter(case_memberships__case=case) if case else Person.objects.none()
        if self.instance.pk:  # those it names stay offered
            persons = persons | Person.objects.filter(requests=self.instance)
        self.fields["persons"].queryset = persons.distinct()
        self.fields["assets"].queryset = Asset.objects.filter(case=case) if case else Asset.objects.none()
        self.fields["legal_basis"].help_text = _("Left empty, the basis suggested for the kind and state is taken.")


class RequestMoveForm(MoveForm):
    new = forms.ChoiceField(label=_("next step"))
    note = forms.CharField(label=_("note"), required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 2}))
    refusal_ground = forms.ChoiceField(
        label=_("ground of refusal"), required=False, choices=[("", "—"), *RefusalGround.choices]
    )
    answer = forms.CharField(label=_("answer"), required=False, max_length=20_000, widget=forms.Textarea(
        attrs={"rows": 2}))  # fmt: skip


class CheckDecisionForm(MoveForm):
    """An officer's decision on a check: `new` is its state."""

    new = forms.ChoiceField(label=_("decision"))
    happened_on = None
    reason = forms.CharField(label=_("reason"), required=False, max_length=2_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[c for c in CheckState.choices if c[0] != CheckState.OPEN], **kwargs)


class LetterTemplateForm(ModelForm):
    """A language's letter template; the language is chosen once, when a template is added for it."""

    class Meta:
        model = LetterTemplate
        fields = ["language", "opening", "closing", "signature"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["language"]
