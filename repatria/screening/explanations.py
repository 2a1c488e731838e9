"""The engine's explanations of a match, said in the reader's language from their codes and values."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.geo.models import Country

FEATURES = {
    "name": gettext_lazy("name"),
    "birth_date": gettext_lazy("date of birth"),
    "gender": gettext_lazy("sex"),
    "nationality": gettext_lazy("nationality"),
    "document": gettext_lazy("document"),
}
NAME_CODES = {
    "characters": gettext_lazy("the same name in Chinese characters (simplified or traditional)"),
    "homophones": gettext_lazy("names that sound alike, written with other characters"),
    "pinyin": gettext_lazy("the same name in pinyin"),
    "wade-giles": gettext_lazy("the same name in Wade-Giles (as spelt in Taiwan)"),
    "cantonese": gettext_lazy("the same name in Cantonese romanisation (as spelt in Hong Kong)"),
    "customary": gettext_lazy("the same name in a customary spelling"),
    "letters": gettext_lazy("the same letters"),
    "spelling": gettext_lazy("a similar spelling"),
    "differs": gettext_lazy("the names differ"),
}
BIRTH_DATE_CODES = {
    "agrees": gettext_lazy("the birth dates agree"),
    "month": gettext_lazy("the birth year and month agree"),
    "year": gettext_lazy("the birth year agrees"),
    "day_differs": gettext_lazy("the birth day differs"),
    "month_differs": gettext_lazy("the birth month differs"),
    "contradicts": gettext_lazy("the birth year differs"),
}


def explain(explanations: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each feature of a match as a row a person reads: the feature, what agreed or differed, and its weight."""
    rows = []
    for feature, item in explanations.items():
        code, detail, weight = item.get("code", ""), str(item.get("detail", "")), item.get("score", 0)
        row = {"feature": FEATURES.get(feature, feature), "weight": weight, "names": None, "similarity": None}
        values = item.get("values") or []
        row["text"] = detail
        if feature == "name":
            row["text"] = NAME_CODES.get(code, detail)
            row["names"] = tuple(values) if len(values) == 2 else None
            row["similarity"] = round(weight * 100)
        elif feature == "birth_date":
            row["text"] = BIRTH_DATE_CODES.get(code, detail)
        elif feature == "gender" and code == "differs":
            row["text"] = _("sex differs")
        elif feature == "nationality" and code == "agrees":
            countries = Country.objects.in_bulk([c.upper() for c in values])
            names = [str(countries.get(c.upper(), c)) for c in values]
            row["text"] = _("nationality agrees: %(countries)s") % {"countries": ", ".join(names)}
        elif feature == "document" and code == "agrees":
            row["text"] = _("document number agrees: %(numbers)s") % {"numbers": ", ".join(values)}
        rows.append(row)
    return rows


def describe(explanations: dict[str, dict[str, Any]]) -> str:
    """The explanations as one line in the active language, for a results file."""
    parts = []
    for row in explain(explanations):
        names = f"{row['names'][0]} ≈ {row['names'][1]}: " if row["names"] else ""
        parts.append(f"{names}{row['text']}")
    return "; ".join(parts)
