from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.core.forms import BootstrapMixin, ModelForm
from repatria.core.services import change_record, create_record

from .models import Campaign, CampaignTarget, ExchangeRate, Measure


class ExchangeRateForm(ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "date", "rate", "source"]

    def clean(self):
        data = super().clean()
        currency, day = data.get("currency"), data.get("date")
        others = ExchangeRate.objects.filter(currency=currency, date=day).exclude(pk=self.instance.pk)
        if currency and day and others.exists():
            message = _("A rate for %(currency)s from %(date)s is already recorded: change that one instead.")
            self.add_error("date", message % {"currency": currency, "date": day.isoformat()})
        return data


class CampaignForm(ModelForm):
    class Meta:
        model = Campaign
        fields = ["name_zh", "name_en", "parent", "starts_on", "ends_on", "lead_organisation", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An operation belongs to a campaign, never to another operation; partners lead nothing.
        campaigns = Campaign.objects.filter(parent__isnull=True)
        if self.instance.pk:
            campaigns = campaigns.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = campaigns
        self.fields["parent"].help_text = gettext_lazy("Empty for a yearly campaign; its campaign for an operation.")
        self.fields["lead_organisation"].queryset = Organisation.objects.exclude(kind=OrganisationKind.PARTNER)


def _target_field(measure: Measure) -> forms.DecimalField:
    return forms.DecimalField(
        label=measure.label,
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=2,
        error_messages={"min_value": gettext_lazy("A target cannot be negative.")},
    )


def plain(value: Decimal | int) -> str:
    """A figure as people write it: 1,200 persons, 35,410,000.50 yuan."""
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _as_typed(value: Decimal) -> Decimal | int:
    """A target as it was typed: 240, not the 240.00 the database keeps."""
    return int(value) if value == value.to_integral_value() else value


def _signature(targets: dict[str, Decimal]) -> str:
    """The saved targets as a text, to tell whether someone changed them while the form was open."""
    return ";".join(f"{measure}={targets[measure]}" for measure in sorted(targets))


class TargetsForm(BootstrapMixin, forms.Form):
    """A campaign's targets, one field per measure: a value sets the target, an empty field has none."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, campaign: Campaign, **kwargs):
        self.campaign = campaign
        self.saved = dict(campaign.targets.values_list("measure", "value"))
        typed = {measure: _as_typed(value) for measure, value in self.saved.items()}
        initial = {**{measure: typed.get(measure) for measure in Measure}, "seen": _signature(self.saved)}
        self.base_fields = {**self.base_fields, **{measure: _target_field(Measure(measure)) for measure in Measure}}
        super().__init__(*args, initial=initial, **kwargs)

    def measure_fields(self) -> list[forms.BoundField]:
        return [self[measure] for measure in Measure]

    def clean(self):
        data = super().clean()
        for measure in Measure:
            value = data.get(measure)
            if measure != Measure.AMOUNT and value is not None and value != value.to_integral_value():
                self.add_error(measure, _("A target of persons or countries is a whole number."))
        if data.get("seen", "") != _signature(self.saved):
            self._refuse_stale()
        return data

    def _refuse_stale(self) -> None:
        """Someone saved other targets meanwhile: say what they are; saving again keeps the user's values."""
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = _signature(self.saved)
        now = ", ".join(f"{Measure(measure).label} {plain(value)}" for measure, value in sorted(self.saved.items()))
        message = _(
            "Someone else changed these targets while you were editing them, and nothing of yours was saved. "
            "Saved now: %(targets)s. Save again to keep yours."
        )
        raise forms.ValidationError(message % {"targets": now or _("no targets")})

    @transaction.atomic
    def save(self) -> None:
        """Write only the targets that changed, so the audit trail shows what the user changed."""
        existing = {target.measure: target for target in self.campaign.targets.all()}
        for measure in Measure:
            value, target = self.cleaned_data[measure], existing.get(measure)
            if value is None and target:
                target.delete()
            elif value is not None and target is None:
                create_record(CampaignTarget, campaign=self.campaign, measure=measure, value=value)
            elif value is not None and target.value != value:
                change_record(target, value=value)
