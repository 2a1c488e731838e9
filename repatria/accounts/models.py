from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.core.models import BilingualNameMixin, TimestampedModel


class OrganisationKind(models.TextChoices):
    CENTRAL_OFFICE = "central_office", _("Central coordination office")
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office")
    AGENCY = "agency", _("Member agency")
    PARTNER = "partner", _("Partner contact point")


class AgencyType(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision commission")
    POLICE = "police", _("Public security")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    COURT = "court", _("Court")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign affairs")
    CENTRAL_BANK = "central_bank", _("Central bank / FIU")


class Organisation(BilingualNameMixin, TimestampedModel):
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    agency_type = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=pgettext_lazy("organisation", "parent"),
    )
    province = models.ForeignKey(
        "geo.Province", models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("province")
    )
    country = models.ForeignKey(
        "geo.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
        help_text=_("For a partner contact point: the state it belongs to."),
    )

    class Meta:
        ordering = ["kind", "name_zh"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", args=[self.pk])


class Role(models.TextChoices):
    ADMIN = "admin", _("Central administrator")
    ANALYST = "analyst", _("Central analyst")
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    PARTNER = "partner", _("Partner contact point")
    AUDITOR = "auditor", _("Auditor")


class User(AbstractUser):
    """An officer, analyst, auditor or partner contact: a member of one organisation with one role."""

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ANALYST)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username
