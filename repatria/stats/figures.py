"""The figures of one period, as `services.figures()` computes them: what pages, the API, the bulletin and the
exports all read, so that every one of them says the same numbers."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from repatria.cooperation.figures import RequestFigures

from .periods import Period

ZERO = Decimal(0)


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: its key (a method code, an ISO country code, a province code, an organisation id,
    an offence code, a month "2019-03" or a years-abroad band "5-10"), its label in the reader's language, the
    persons counted and the amount recovered in CNY."""

    key: str
    label: str
    persons: int = 0
    amount: Decimal = ZERO


@dataclass(frozen=True)
class Unconverted:
    """A recovery left out of the amount: no exchange rate for its currency is in force on its day."""

    asset: int
    day: datetime.date
    currency: str
    amount: Decimal  # in the currency recovered


@dataclass(frozen=True)
class Figures:
    """Returns counted per person, once per period, by their last return in it; amounts by recovery date."""

    period: Period
    first_day: datetime.date  # the period's first day, or the first return or recovery on record
    last_day: datetime.date  # the period's last day, or today for an open period
    returned: int = 0
    functionaries: int = 0  # of the returned: party members or state functionaries
    red_notice: int = 0  # of the returned: red-notice subjects
    hundred_list: int = 0  # of the returned: "100 list" members
    countries: int = 0  # distinct countries and regions returned from
    amount: Decimal = ZERO  # recovered, in CNY; without the recoveries `unconverted` lists
    died: int = 0  # died abroad: their cases are closed, but nobody was brought back
    by_method: list[Row] = field(default_factory=list)  # every method, in the bulletins' order, zeros included
    by_country: list[Row] = field(default_factory=list)  # persons returned from, amount recovered in; largest first
    by_province: list[Row] = field(default_factory=list)
    by_agency: list[Row] = field(default_factory=list)  # the lead organisation of the case
    by_offence: list[Row] = field(default_factory=list)  # a person counts once under each offence of the case
    by_month: list[Row] = field(default_factory=list)  # every month of the period, in order
    abroad: int = 0  # fugitives still abroad on the last day
    abroad_by_country: list[Row] = field(default_factory=list)  # where last known to be
    abroad_by_years: list[Row] = field(default_factory=list)  # years since flight, in bands
    unconverted: tuple[Unconverted, ...] = ()  # recoveries left out of `amount` for want of a rate
    previous: "Figures | None" = None  # the same period a year earlier (同比)
    cooperation: RequestFigures | None = None  # requests sent or received in the period; None when not counted

    @property
    def amount_complete(self) -> bool:
        return not self.unconverted

    def rates_to_enter(self) -> list[tuple[str, datetime.date]]:
        """The currencies and days a rate is wanted for, so that every recovery counts, in order."""
        return sorted({(u.currency, u.day) for u in self.unconverted})

    def change(self, measure: str) -> tuple[int | Decimal, float | None] | None:
        """同比 for a headline measure: the difference and the ratio (None when the year before was zero)."""
        if self.previous is None:
            return None
        now, before = getattr(self, measure), getattr(self.previous, measure)
        return now - before, (float(now - before) / float(before) if before else None)


HEADLINES = ("returned", "functionaries", "red_notice", "hundred_list", "countries", "amount", "died", "abroad")
BREAKDOWNS = ("by_method", "by_country", "by_province", "by_agency", "by_offence", "by_month")
