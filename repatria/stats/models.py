"""Exchange rates the office maintains, and the yearly campaigns with their targets."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import BilingualNameMixin, Currency, TimestampedModel, VersionedModel
from repatria.core.querysets import RestrictedQuerySet

FOREIGN_CURRENCIES = [choice for choice in Currency.choices if choice[0] != Currency.CNY]


class ExchangeRate(VersionedModel, TimestampedModel):
    """Yuan per unit of a currency from a day on: an amount recovered is converted at the rate in force that day."""

    currency = models.CharField(_("currency"), max_length=3, choices=FOREIGN_CURRENCIES)
    date = models.DateField(_("in force from"))
    rate = models.DecimalField(
        _("yuan per unit"), max_digits=18, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

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


class Campaign(BilingualNameMixin, VersionedModel, TimestampedModel):
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
    description = models.TextField(_("description"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "parent_id", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_dates")
        ]

    def get_absolute_url(self) -> str:
        return reverse("stats:campaign", args=[self.pk])


class Measure(models.TextChoices):
    """The headline figures a target can be set on (names as in figures.HEADLINES)."""

    RETURNED = "returned", _("persons returned")
    FUNCTIONARIES = "functionaries", _("party members or state functionaries returned")
    RED_NOTICE = "red_notice", _("red-notice subjects returned")
    HUNDRED_LIST = "hundred_list", _("“100 list” members returned")
    COUNTRIES = "countries", _("countries and regions returned from")
    AMOUNT = "amount", _("amount recovered (CNY)")


class CampaignTarget(models.Model):
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
