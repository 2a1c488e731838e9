"""Exchange rates the office maintains, and the yearly campaigns with their targets."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import (
    AuditedModel,
    BilingualNameMixin,
    Currency,
    RestrictedModel,
    TimestampedModel,
    VersionedModel,
    long_text,
)

FOREIGN_CURRENCIES = [choice for choice in Currency.choices if choice[0] != Currency.CNY]


class ExchangeRate(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """Yuan per unit of a currency from a day on: an amount recovered is converted at the rate in force that day."""

    currency = models.CharField(_("currency"), max_length=3, choices=FOREIGN_CURRENCIES)
    date = models.DateField(_("in force from"))
    rate = models.DecimalField(
        _("yuan per unit"), max_digits=18, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="exchangerate_one_per_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchangerate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.date} {self.rate}"

    def get_absolute_url(self) -> str:
        return reverse("stats:exchangerate", args=[self.pk])


class Campaign(BilingualNameMixin, RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A yearly Sky Net campaign (天网行动) or one of its sub-operations (e.g. the police's Fox Hunt)."""

    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="operations", verbose_name=_("part of")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("lead organisation"),
        help_text=_("When set, the results count the cases this organisation leads or is assigned to."),
    )
    description = long_text(_("description"), 5_000, blank=True)

    class Meta:
        ordering = ["-starts_on", "parent_id", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_dates")
        ]

    def get_absolute_url(self) -> str:
        return reverse("stats:campaign", args=[self.pk])

    def clean(self) -> None:
        """Dates run forwards; an operation is part of a campaign (one level deep) and runs within its dates."""
        errors: dict[str, str] = {}
        dated = self.starts_on is not None and self.ends_on is not None
        if dated and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The campaign ends before it starts.")
        elif self.parent_id is not None:
            errors.update(self._parent_errors(dated))
        elif dated and self.pk:
            outside = self.operations.filter(
                models.Q(starts_on__lt=self.starts_on) | models.Q(ends_on__gt=self.ends_on)
            )
            if outside.exists():
                names = ", ".join(str(operation) for operation in outside)
                errors["ends_on"] = _("Its operations must run within its dates, and %(operations)s would not.") % {
                    "operations": names
                }
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self, dated: bool) -> dict[str, str]:
        parent = self.parent
        if parent.pk == self.pk:
            return {"parent": _("A campaign cannot be part of itself.")}
        if parent.parent_id is not None:
            return {"parent": _("%(operation)s is an operation: choose a campaign.") % {"operation": parent}}
        if self.pk and self.operations.exists():
            return {"parent": _("This campaign has operations of its own, so it cannot be part of another.")}
        dates = {"campaign": parent, "start": parent.starts_on.isoformat(), "end": parent.ends_on.isoformat()}
        message = _("An operation runs within the dates of %(campaign)s, %(start)s to %(end)s.") % dates
        if dated and self.starts_on < parent.starts_on:
            return {"starts_on": message}
        if dated and self.ends_on > parent.ends_on:
            return {"ends_on": message}
        return {}


class Measure(models.TextChoices):
    """The headline figures a target can be set on (names as in figures.HEADLINES)."""

    RETURNED = "returned", _("persons returned")
    FUNCTIONARIES = "functionaries", _("party members or state functionaries returned")
    RED_NOTICE = "red_notice", _("red-notice subjects returned")
    HUNDRED_LIST = "hundred_list", _("“100 list” members returned")
    COUNTRIES = "countries", _("countries and regions returned from")
    AMOUNT = "amount", _("amount recovered (CNY)")


class CampaignTarget(AuditedModel):
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="targets", verbose_name=_("campaign"))
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    value = models.DecimalField(
        _("target"), max_digits=18, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["campaign", "measure"]
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        constraints = [models.UniqueConstraint(fields=["campaign", "measure"], name="campaigntarget_one_per_measure")]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.value}"
