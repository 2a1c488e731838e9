"""Assets abroad (赃款赃物) and their way through the StAR recovery stages."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import (
    AuditedModel,
    RestrictedModel,
    TimestampedModel,
    VersionedModel,
    currency_field,
    money_field,
)
from repatria.core.money import Amount


class AssetKind(models.TextChoices):
    BANK_ACCOUNT = "bank_account", _("bank account")
    REAL_ESTATE = "real_estate", _("real estate")
    COMPANY_SHARE = "company_share", _("company share")
    SECURITIES = "securities", _("securities")
    VEHICLE = "vehicle", _("vehicle")
    CASH = "cash", _("cash")
    OTHER = "other", _("other")


class AssetStage(models.TextChoices):
    """assets.services.STAGE_TRANSITIONS says which moves are allowed."""

    IDENTIFIED = "identified", _("identified")
    TRACED = "traced", _("traced")
    FROZEN = "frozen", _("frozen or seized")
    CONFISCATED = "confiscated", _("confiscated")
    RETURNED = "returned", _("returned or shared")
    RELEASED = "released", _("released")


class Asset(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    case = models.ForeignKey("cases.Case", models.CASCADE, related_name="assets", verbose_name=_("case"))
    person = models.ForeignKey(
        "registry.Person", models.SET_NULL, null=True, blank=True, related_name="assets", verbose_name=_("holder")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssetKind.choices)
    description = models.CharField(_("description"), max_length=300)
    jurisdiction = models.ForeignKey("geo.Country", models.PROTECT, related_name="+", verbose_name=_("jurisdiction"))
    value = money_field(_("value"), null=True, blank=True)
    value_currency = currency_field()
    valued_on = models.DateField(_("valued on"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=AssetStage.choices, default=AssetStage.IDENTIFIED, editable=False
    )
    recovered_amount = money_field(_("amount recovered"), null=True, blank=True)
    recovered_currency = models.CharField(
        _("currency recovered"), max_length=3, choices=currency_field().choices, blank=True
    )
    recovered_on = models.DateField(_("recovered on"), null=True, blank=True, db_index=True)
    frozen_until = models.DateField(
        _("freezing order lapses on"), null=True, blank=True, help_text=_("The day the freezing or seizure order ends.")
    )

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["-created", "-id"], name="asset_default_order")]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return self.description

    @property
    def recovery(self) -> Amount | None:
        """The amount recovered, in its currency (the value's when none is given) on the day of the recovery."""
        if self.recovered_amount is None or not self.recovered_on:
            return None
        return Amount(self.recovered_amount, self.recovered_currency or self.value_currency, self.recovered_on)

    def get_absolute_url(self) -> str:
        return reverse("assets:asset", args=[self.pk])
