"""The demo's exchange rates as plain values: each foreign currency on the first business day of every month.

Synthetic, never real rates: each currency drifts at random around its long-run average (tables.CNY_PER_UNIT) and
is pulled back towards it, from a random generator of its own seeded by the demo's seed, so the same seed gives the
same rates and drawing them changes nothing else in the plan. The Hong Kong dollar follows the US dollar, as its
peg does.
"""

import bisect
import datetime
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from repatria.core.models import Currency

from . import tables as t

FEN = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class RatePlan:
    currency: str
    date: datetime.date
    rate: Decimal

    def fields(self) -> dict:
        """The ExchangeRate model's fields."""
        return {"currency": self.currency, "date": self.date, "rate": self.rate, "source": t.RATE_SOURCE}


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in t.HOLIDAYS


def first_business_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first business day of each month from `first`'s month on, up to `last`."""
    days = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = datetime.date(year, month, 1)
        while not is_business_day(day):
            day += datetime.timedelta(days=1)
        if day <= last:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _rounded(rate: float) -> Decimal:
    """Four decimals as the central parity rates are quoted; six for currencies worth less than a yuan."""
    return Decimal(rate).quantize(Decimal("0.0001") if rate >= 1 else Decimal("0.000001"), ROUND_HALF_UP)


def exchange_rates(*, seed: int, until: datetime.date) -> tuple[RatePlan, ...]:
    """Every foreign currency's monthly rates from tables.RATES_FROM to `until`, currency by currency."""
    rng = random.Random(f"rates:{seed}")  # noqa: S311 - synthetic data, not secrets
    days = first_business_days(t.RATES_FROM, until)
    series: dict[str, list[float]] = {}
    for currency, drift in t.RATE_MONTHLY_DRIFT.items():
        deviation, values = rng.gauss(0, 2 * drift), []
        for _day in days:
            deviation += -t.RATE_PULL_BACK * deviation + rng.gauss(0, drift)
            values.append(t.CNY_PER_UNIT[currency] * math.exp(deviation))
        series[currency] = values
    series[Currency.HKD] = [usd / t.HKD_PER_USD for usd in series[Currency.USD]]
    return tuple(
        RatePlan(currency, day, _rounded(value))
        for currency in Currency.values
        if currency in series
        for day, value in zip(days, series[currency], strict=True)
    )


def carried_to(plans: tuple[RatePlan, ...], today: datetime.date) -> tuple[RatePlan, ...]:
    """The plans, each currency's last rate repeated on the first business day of every later month up to today:
    a recovery recorded today in the demo has a rate in force, and the planned rates, so the figures, stay."""
    last: dict[str, RatePlan] = {}
    for plan in plans:
        last[plan.currency] = plan
    later = [
        RatePlan(plan.currency, day, plan.rate)
        for plan in last.values()
        for day in first_business_days(plan.date + datetime.timedelta(days=1), today)
        if day > plan.date
    ]
    return plans + tuple(later)


class RateBook:
    """The planned rates, answering what an amount is worth in yuan on a day (at the latest rate from then)."""

    def __init__(self, rates: Iterable[RatePlan]):
        self._days: dict[str, list[datetime.date]] = {}
        self._rates: dict[str, list[Decimal]] = {}
        for plan in sorted(rates, key=lambda plan: (plan.currency, plan.date)):
            self._days.setdefault(plan.currency, []).append(plan.date)
            self._rates.setdefault(plan.currency, []).append(plan.rate)

    def to_cny(self, amount: Decimal, currency: str, day: datetime.date) -> Decimal:
        if currency == Currency.CNY:
            return amount
        i = bisect.bisect_right(self._days[currency], day) - 1
        if i < 0:
            raise ValueError(f"The demo has no {currency} rate on {day} or before.")
        return (amount * self._rates[currency][i]).quantize(FEN, ROUND_HALF_UP)
