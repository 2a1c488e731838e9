"""Country pickers: the ~250 countries ordered by name in the user's language (Chinese by pinyin), each option
searchable by its Chinese name, English name or ISO code (static/forms/pickers.js adds the search box)."""

import functools
import unicodedata

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

from .models import Country

SEARCHABLE = "data-searchable"  # the attribute pickers.js looks for


def name_order(country: Country) -> tuple[str, str]:
    """The sort key of a country's name in the active language: pinyin for Chinese, the name itself for English."""
    if (get_language() or "").startswith("en") and country.name_en:
        letters = unicodedata.normalize("NFKD", country.name_en.casefold())  # Åland with the A's
        return ("".join(c for c in letters if not unicodedata.combining(c)), country.code)
    return (_pinyin(country.name_zh), country.code)


@functools.lru_cache(maxsize=1024)  # ~250 names, read at every render of a picker: 20 ms for them all each time
def _pinyin(name: str) -> str:
    return "".join(lazy_pinyin(name)).casefold()


class ByNameIterator(ModelChoiceIterator):
    """The field's choices ordered as the user reads them, not by code."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in sorted(self.queryset, key=name_order):
            yield self.choice(country)


class SearchableOptions:
    """Options that carry every name and code of their country, for the search box to match."""

    class Media:
        js = ["forms/pickers.js"]

    def __init__(self, attrs=None):
        placeholder = _("Search by Chinese or English name, or code")
        super().__init__({SEARCHABLE: "", "data-search-placeholder": placeholder, **(attrs or {})})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        country = getattr(value, "instance", None)
        if country is not None:
            option["attrs"]["data-search"] = " ".join(
                [country.name_zh, country.name_en, country.code, country.alpha3]
            ).casefold()
        return option


class CountrySelect(SearchableOptions, forms.Select):
    pass


class CountrySelectMultiple(SearchableOptions, forms.SelectMultiple):
    def __init__(self, attrs=None):
        super().__init__({"size": 8, **(attrs or {})})


def _label(country: Country) -> str:
    return f"{country} ({country.code})"


class CountryChoiceField(forms.ModelChoiceField):
    iterator = ByNameIterator
    widget = CountrySelect

    def label_from_instance(self, obj: Country) -> str:
        return _label(obj)


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ByNameIterator
    widget = CountrySelectMultiple

    def label_from_instance(self, obj: Country) -> str:
        return _label(obj)
