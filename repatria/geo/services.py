"""Look up countries and provinces by the names reports and import files use.

Matching is exact (after trimming whitespace and ignoring case) on purpose: a guessed country in a fugitive's
record is worse than a refused import row that a person then corrects.
"""

import re

from django.db.models import Q
from django.utils.translation import gettext

from .models import Country, Province
from .reference import PROVINCE_OTHER_NAMES

# What follows the short name of a province-level division in its full Chinese name (广西|壮族自治区).
_ZH_SUFFIX = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")
_EN_SUFFIX = re.compile(r"(?: Zhuang| Hui| Uygur)? (?:Autonomous|Special Administrative) Region$")


def _clean(text: str) -> str:
    """Trim the text and collapse inner runs of whitespace (including the ideographic space) to one space."""
    return " ".join(text.split())


def resolve_countries(text: str) -> list[Country]:
    """Every country the text names: an ISO alpha-2 or alpha-3 code, a CLDR name in Chinese or English, or an alias.

    A code or name wins over an alias, so an alias can never hide a country's own name. Returns [] when nothing
    matches. At most two queries, which keeps bulk imports cheap.
    """
    key = _clean(text)
    if not key:
        return []
    by_name = Q(name_zh__iexact=key) | Q(name_en__iexact=key)
    if len(key) in (2, 3) and key.isascii():
        by_name |= Q(code=key.upper()) | Q(alpha3=key.upper())
    countries = list(Country.objects.filter(by_name))
    if countries:
        return countries
    return list(Country.objects.filter(aliases__alias__iexact=key).distinct())


def resolve_country(text: str) -> Country:
    """The one country the text names; ValueError, with a message for the user, when it names none or several."""
    countries = resolve_countries(text)
    if not countries:
        raise ValueError(gettext("Unknown country or region: “%(name)s”.") % {"name": _clean(text)})
    if len(countries) > 1:
        raise ValueError(gettext("“%(name)s” names several countries or regions; name one.") % {"name": _clean(text)})
    return countries[0]


def _province_names(province: Province) -> set[str]:
    """Every name a province answers to, casefolded: code, names with and without suffix, abbreviation."""
    names = {
        province.code,
        province.name_zh,
        _ZH_SUFFIX.sub("", province.name_zh),
        province.name_en,
        _EN_SUFFIX.sub("", province.name_en),
        province.abbreviation,
    }
    names.update(name for name, code in PROVINCE_OTHER_NAMES.items() if code == province.code)
    return {name.casefold() for name in names if name}


def resolve_province(text: str) -> Province:
    """The province-level division the text names: its GB/T 2260 code, Chinese name with or without the suffix
    (广东 / 广东省, 广西 / 广西壮族自治区), abbreviation (粤) or English name (Guangdong), ignoring case.

    Raises ValueError, with a message for the user, otherwise. One query for the 34 rows; matching is in Python
    because the short names are derived from the full ones rather than stored.
    """
    key = _clean(text).casefold()
    if key:
        for province in Province.objects.all():
            if key in _province_names(province):
                return province
    raise ValueError(gettext("Unknown province: “%(name)s”.") % {"name": _clean(text)})
