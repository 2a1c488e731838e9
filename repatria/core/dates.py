"""Partial dates: a year, a year and month, or a full day, kept as ISO text ("1955", "1955-04", "1955-04-12").

ISO text sorts and compares in date order, and a prefix match finds every date inside a year or month,
so a partial date needs no fake 1 January.
"""

import datetime
import re

from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?\s*$")


def parse_partial_date(text: str) -> str:
    """Normalise "1955", "1955-4", "1955年4月12日", "1955/04/12" to ISO text; raise ValueError when invalid."""
    match = _PATTERN.match(str(text))
    if not match:
        raise ValueError(_("“%(value)s” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.") % {"value": text})
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a valid date.") % {"value": text}) from None
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def precision(value: str) -> str:
    """ "day", "month" or "year"."""
    return {10: "day", 7: "month", 4: "year"}[len(value)]


def format_partial_date(value: str, language: str) -> str:
    """Show a partial date the way each language writes it: 1955年4月 / 1955-04."""
    if not value:
        return ""
    if not language.startswith("zh"):
        return value
    parts = value.split("-")
    return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, ("年", "月", "日"), strict=False))
