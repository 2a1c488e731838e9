"""Amounts as the office reads them, and their yuan equivalent.

One rule for every page (lists, records, totals):
- thousands separators in both languages, two decimals;
- in Chinese, a yuan sum of 1亿 or more reads in 亿元 ("196.54亿元"), of 1万 or more in 万元 ("3,520.50万元"), as the
  bulletins write them; below that in 元 ("5,000.00元");
- in English, and for any foreign currency, the full figure and the currency code ("19,654,000,000.00 CNY",
  "1,200,000.00 USD"): a list's column stays comparable figure by figure.

The yuan equivalent of a foreign amount takes the rate in force on the amount's day. The rates belong to the
statistics (repatria.stats.rates), a layer above the records that show amounts: the statistics app hands its rate
table down at start-up (`use_rates`) instead of the records' apps reaching up for it.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Currency

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
CENT = Decimal("0.01")

Unit = tuple[Decimal, int, str]  # a unit of counting: its size, the decimals kept in it, its name
YUAN_UNITS: tuple[Unit, ...] = ((YI, 2, "亿元"), (WAN, 2, "万元"), (Decimal(1), 2, "元"))


def scaled(amount: Decimal, units: Sequence[Unit]) -> tuple[Decimal, Unit]:
    """The amount counted in the largest of the units (largest first) it reaches, rounded half-up to the decimals
    that unit keeps; below the smallest, in the smallest. An amount that rounds up to the next unit is counted in
    that one: 1.00亿, not 10,000.00万. The pages (format_amount) and the statistics count by this one rule."""
    index = next((i for i, (size, _places, _name) in enumerate(units) if abs(amount) >= size), len(units) - 1)
    if index and abs(_rounded(amount, units[index])) * units[index][0] >= units[index - 1][0]:
        index -= 1
    return _rounded(amount, units[index]), units[index]


def _rounded(amount: Decimal, unit: Unit) -> Decimal:
    size, places, _name = unit
    return (amount / size).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal, currency: str = Currency.CNY, language: str = "zh-hans") -> str:
    """The amount as a reader of `language` expects it (see the module's rule)."""
    currency = currency or Currency.CNY
    if currency != Currency.CNY or not language.lower().startswith("zh"):
        return f"{_figure(amount)} {currency}"
    value, (_size, _places, name) = scaled(amount, YUAN_UNITS)
    return f"{_figure(value)}{name}"


def _figure(value: Decimal) -> str:
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def readable(amount: Decimal, currency: str = Currency.CNY) -> str:
    """format_amount in the language of the request."""
    return format_amount(amount, currency, get_language() or "zh-hans")


# The yuan equivalent


class Rates(Protocol):
    def to_cny(self, amount: Decimal, currency: str, day: datetime.date) -> Decimal | None:
        """None when no rate is in force for the currency on that day."""


_rates: Callable[[Iterable[str]], Rates] | None = None


def use_rates(rates: Callable[[Iterable[str]], Rates]) -> None:
    """Set where yuan equivalents come from: a callable reading the rates of some currencies once."""
    global _rates  # noqa: PLW0603 - set once, at start-up, by the app that keeps the rates
    _rates = rates


@dataclass(frozen=True)
class Amount:
    """An amount as recorded: the figure, its currency and the day whose rate converts it."""

    value: Decimal
    currency: str
    day: datetime.date

    @property
    def foreign(self) -> bool:
        return self.currency not in ("", Currency.CNY)


class Converter:
    """Yuan for amounts in any currency, the rates of the currencies given read once."""

    def __init__(self, currencies: Iterable[str]):
        foreign = {c for c in currencies if c and c != Currency.CNY}
        self._rates = _rates(foreign) if foreign and _rates else None

    def to_cny(self, amount: Amount) -> Decimal | None:
        """The amount in yuan; None when no rate is in force on its day."""
        if not amount.foreign:
            return amount.value
        if self._rates is None:
            return None
        return self._rates.to_cny(amount.value, amount.currency, amount.day)

    def total(self, amounts: Iterable[Amount]) -> tuple[Decimal, int]:
        """The sum in yuan of the amounts that convert, and how many were left out for lack of a rate."""
        total, missing = Decimal(0), 0
        for amount in amounts:
            cny = self.to_cny(amount)
            if cny is None:
                missing += 1
            else:
                total += cny
        return total, missing


def with_equivalent(amount: Amount, converter: Converter | None = None) -> str:
    """The amount in the reader's form; a foreign one followed by its yuan equivalent, or by why there is none."""
    text = readable(amount.value, amount.currency)
    if not amount.foreign:
        return text
    cny = (converter or Converter([amount.currency])).to_cny(amount)
    if cny is None:
        note = _("no %(currency)s rate on %(date)s") % {"currency": amount.currency, "date": amount.day.isoformat()}
    else:
        note = f"≈ {readable(cny)}"
    return _("%(amount)s (%(note)s)") % {"amount": text, "note": note}
