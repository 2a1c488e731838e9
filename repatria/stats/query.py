"""What a user asks the statistics for: a period and filters, read and checked once for the page, the exports
and the API alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.accounts.models import Organisation, OrganisationKind, Role
from repatria.cases.models import Offence
from repatria.core.forms import BootstrapMixin, DateInput
from repatria.geo.models import Country, Province

from .periods import Period, PeriodError, between, parse_period
from .services import Filters


class StatsQueryForm(BootstrapMixin, forms.Form):
    period = forms.CharField(
        label=_("period"),
        required=False,
        max_length=50,
        help_text=_("2019, 2019-Q3, 2019-01..2019-10, 2018-03.. (since), ..2020-06 (up to); empty: all years"),
    )
    start = forms.DateField(label=_("from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("to"), required=False, widget=DateInput())
    province = forms.ModelChoiceField(Province.objects.all(), label=_("province"), required=False)
    organisation = forms.ModelChoiceField(
        Organisation.objects.exclude(kind=OrganisationKind.PARTNER), label=_("lead organisation"), required=False
    )
    country = forms.ModelChoiceField(Country.objects.all(), label=_("country or region"), required=False)
    offence = forms.ModelChoiceField(Offence.objects.all(), label=_("offence"), required=False)

    def clean(self):
        data = super().clean()
        start, end, text = data.get("start"), data.get("end"), data.get("period", "")
        if text and (start or end):
            raise forms.ValidationError(_("Give either a period or dates from and to, not both."))
        try:
            data["query_period"] = between(start, end) if start or end else parse_period(text)
        except PeriodError as error:
            self.add_error("period" if text else "end", str(error))
        return data

    def query(self) -> tuple[Period, Filters]:
        """The period and filters of a valid form."""
        data = self.cleaned_data
        return data["query_period"], Filters(
            province=data["province"].pk if data["province"] else "",
            organisation=data["organisation"].pk if data["organisation"] else None,
            country=data["country"].pk if data["country"] else "",
            offence=data["offence"].pk if data["offence"] else "",
        )

    def whose(self, user) -> Province | None:
        """Whose figures a valid form's are: the province chosen, else a provincial officer's own, since theirs
        are the only records they see; None for the whole country."""
        chosen = self.cleaned_data["province"]
        organisation = getattr(user, "organisation", None)
        if chosen or getattr(user, "role", "") != Role.PROVINCIAL_OFFICER or organisation is None:
            return chosen
        return organisation.province
