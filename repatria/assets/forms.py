from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.cases.forms import OfTheCaseForm
from repatria.core.forms import DateInput, MoveForm
from repatria.core.models import Currency
from repatria.geo.forms import CountryChoiceField

from .models import Asset


class AssetForm(OfTheCaseForm):
    class Meta:
        model = Asset
        fields = ["case", "person", "kind", "description", "jurisdiction", "value", "value_currency", "valued_on",
                  "frozen_until"]  # fmt: skip
        widgets = {"case": forms.HiddenInput()}
        field_classes = {"jurisdiction": CountryChoiceField}


class StageForm(MoveForm):
    new = forms.ChoiceField(label=_("new stage"))
    recovered_amount = forms.DecimalField(label=_("amount recovered"), required=False, max_digits=18, decimal_places=2)
    recovered_currency = forms.ChoiceField(label=_("currency"), choices=[("", "")] + Currency.choices, required=False)
    recovered_on = forms.DateField(label=_("recovered on"), required=False, widget=DateInput())
