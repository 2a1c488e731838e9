from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repatria.accounts.models import Organisation
from repatria.core.forms import BootstrapMixin, DateInput, ModelForm, MoveForm
from repatria.core.models import MAX_ID
from repatria.geo.forms import CountryChoiceField
from repatria.geo.models import Province
from repatria.registry.models import Person
from repatria.registry.widgets import PersonPicker

from . import services
from .models import Case, CasePerson, ProgressReport, Return, Supervision


class CaseForm(ModelForm):
    principal = forms.ModelChoiceField(
        Person.objects.all(), label=_("principal suspect"), required=False, widget=PersonPicker()
    )

    class Meta:
        model = Case
        fields = [
            "number", "title", "offences", "amount_involved", "amount_currency", "province", "lead_organisation",
            "assigned_organisations", "supervision_level", "fled_on", "opened_on", "summary",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # persons of an open case are managed on its page
            del self.fields["principal"]
        else:
            number = self.fields["number"]
            number.required = False
            example = settings.REPATRIA_CASE_NUMBER.format(year=timezone.localdate().year, seq=1)
            number.help_text = _("Leave it empty to number the case by the pattern (%(example)s).") % {
                "example": example
            }
        self.order_fields(["principal"])


class StatusForm(MoveForm):
    new = forms.ChoiceField(label=_("new status"))
    reason = forms.CharField(label=_("reason"), required=False, max_length=300)


class CasePersonForm(ModelForm):
    class Meta:
        model = CasePerson
        fields = ["case", "person", "role"]
        widgets = {"case": forms.HiddenInput(), "person": PersonPicker()}


class OfTheCaseForm(ModelForm):
    """A record of a case that names one of the case's persons: only they are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.chosen("case")
        self.fields["person"].queryset = (
            Person.objects.filter(case_memberships__case=case) if case else Person.objects.none()
        )


class ReturnForm(OfTheCaseForm):
    class Meta:
        model = Return
        fields = ["case", "person", "date", "country", "method", "notes"]
        widgets = {"case": forms.HiddenInput(), "date": DateInput()}
        field_classes = {"country": CountryChoiceField}


class NoteForm(forms.Form):
    """A note goes only on a case or person the user may change."""

    text = forms.CharField(max_length=services.NOTE_MAX_LENGTH)
    case = forms.ModelChoiceField(Case.objects.all(), required=False)
    person = forms.ModelChoiceField(Person.objects.all(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("case", "person"):
            self.fields[name].queryset = self.fields[name].queryset.restrict(user, "change")


class TransferForm(BootstrapMixin, forms.Form):
    """A case handed to another province or lead organisation, from the version of the case the user saw."""

    province = forms.ModelChoiceField(Province.objects.all(), label=_("province"))
    lead_organisation = forms.ModelChoiceField(Organisation.objects.all(), label=_("lead organisation"))
    # Not required here: the service refuses a transfer without a reason, in the same words every way in.
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)


class SupervisionForm(ModelForm):
    class Meta:
        model = Supervision
        fields = ["case", "supervisor", "since", "report_every_days", "ended_on", "notes"]
        widgets = {"case": forms.HiddenInput()}


class ProgressReportForm(ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["supervision", "received_on", "summary"]
        widgets = {"supervision": forms.HiddenInput()}
