"""Converting amounts recovered to yuan at the rate in force on the recovery date."""

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from repatria.core.models import Currency
from repatria.core.services import RuleError

from .models import ExchangeRate

# A rate stays in force this long: a monthly table dated on each month's first working day (up to 39 days apart
# across the October and New Year holidays), or a daily one, but never last year's rate for this year's recovery.
VALID_DAYS = 45
FEN = Decimal("0.01")


class MissingRate(RuleError):
    """No rate in force for a currency on a day: the total would be wrong, so there is none."""

    def __init__(self, currency: str, day: datetime.date, latest: datetime.date | None):
        values = {"currency": currency, "date": day.isoformat(), "days": VALID_DAYS}
        if latest:
            message = _(
                "No exchange rate for %(currency)s is in force on %(date)s: the latest before it is from %(latest)s, "
                "more than %(days)s days earlier. Add it under Exchange rates, then ask again."
            ) % {**values, "latest": latest.isoformat()}
        else:
            message = (
                _(
                    "No exchange rate for %(currency)s is in force on %(date)s. "
                    "Add it under Exchange rates, then ask again."
                )
                % values
            )
        super().__init__(message)
        self.currency, self.day = currency, day


class RateTable:
    """The rates of some currencies, read once, answering "yuan for this amount on this day"."""

    def __init__(self, currencies: Iterable[str]):
        self._days: dict[str, list[datetime.date]] = defaultdict(list)
        self._rates: dict[str, list[Decimal]] = defaultdict(list)
        wanted = set(currencies) - {Currency.CNY}
        rows = ExchangeRate.objects.filter(currency__in=wanted).order_by("currency", "date")
        for currency, day, rate in rows.values_list("currency", "date", "rate"):
            self._days[currency].append(day)
            self._rates[currency].append(rate)

    def to_cny(self, amount: Decimal, currency: str, day: datetime.date) -> Decimal | None:
        """The amount in yuan, to the fen; None when no rate is in force that day."""
        if currency in ("", Currency.CNY):
            return amount
        i = self._in_force(currency, day)
        return None if i is None else (amount * self._rates[currency][i]).quantize(FEN, ROUND_HALF_UP)

    def missing(self, currency: str, day: datetime.date) -> MissingRate:
        """Why an amount in this currency on this day has no value in yuan, naming the latest rate before it."""
        days = self._days[currency]
        i = bisect.bisect_right(days, day) - 1
        return MissingRate(currency, day, days[i] if i >= 0 else None)

    def _in_force(self, currency: str, day: datetime.date) -> int | None:
        days = self._days[currency]
        i = bisect.bisect_right(days, day) - 1
        return None if i < 0 or (day - days[i]).days > VALID_DAYS else i
