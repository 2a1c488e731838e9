from django.db import models
from django.utils.translation import gettext_lazy as _

from repatria.core.models import BilingualNameMixin


class Country(BilingualNameMixin, models.Model):
    """An ISO 3166-1 country or region, named as CLDR names it in Chinese and English."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")


class CountryAlias(models.Model):
    """Another name a report may use (澳洲, 英国, 欧盟成员国): it resolves to one or more countries."""

    alias = models.CharField(_("alias"), max_length=100, unique=True)
    countries = models.ManyToManyField(Country, related_name="aliases", verbose_name=_("countries"))

    class Meta:
        ordering = ["alias"]
        verbose_name = _("country alias")
        verbose_name_plural = _("country aliases")

    def __str__(self) -> str:
        return self.alias


class Province(BilingualNameMixin, models.Model):
    """A Chinese province-level division, keyed by its GB/T 2260 code (110000 Beijing …)."""

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=50)
    abbreviation = models.CharField(_("abbreviation"), max_length=2, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
