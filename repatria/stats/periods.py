"""Reporting periods as the bulletins state them: a year, a quarter, months, "since 2018-03", from–to, all years.

A period is written as text in addresses, the API and exports: each bound is YYYY, YYYY-Qn, YYYY-MM or
YYYY-MM-DD; "A..B" runs from the first day of A to the last day of B, "A.." from A to today, "..B" from the
first records to B, one bound alone is that year, quarter, month or day, and "" is every year.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_BOUND = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{1,2}))(?:-(\d{1,2}))?)?$", re.IGNORECASE)


class PeriodError(ValueError):
    """A period that cannot be read; the message says why in the user's language."""


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included; no start is "from the first records", no end is "to today"."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    text: str = ""

    def last_day(self, today: datetime.date) -> datetime.date:
        return self.end or today

    def contains(self, day: datetime.date, today: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and day <= self.last_day(today)

    def year_earlier(self, today: datetime.date) -> "Period | None":
        """The same days a year before (同比); none for a period open at the start."""
        if self.start is None:
            return None
        start, end = years_earlier(self.start), years_earlier(self.last_day(today))
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")

    def __str__(self) -> str:
        return self.text


def years_earlier(day: datetime.date, years: int = 1) -> datetime.date:
    """The same day so many years before (29 February becomes the 28th in a common year)."""
    last = calendar.monthrange(day.year - years, day.month)[1]
    return day.replace(year=day.year - years, day=min(day.day, last))


def _bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day a bound covers."""
    match = _BOUND.match(text.strip())
    if not match:
        raise PeriodError(
            _("“%(value)s” is not a period bound: write YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.") % {"value": text}
        )
    year, quarter, month, day = (int(g) if g else None for g in match.groups())
    if quarter and day:
        raise PeriodError(_("“%(value)s” is not a period bound: a quarter has no day.") % {"value": text})
    try:
        if day:
            first = last = datetime.date(year, month, day)
        elif month or quarter:
            first_month = month or 3 * quarter - 2
            last_month = month or 3 * quarter
            first = datetime.date(year, first_month, 1)
            last = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        else:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        raise PeriodError(_("“%(value)s” is not a valid date.") % {"value": text}) from None
    return first, last


def parse_period(text: str | None) -> Period:
    """Read a period ("2019", "2019-Q3", "2019-01..2019-10", "2018-03..", "..2020-06", ""): PeriodError if not."""
    text = (text or "").strip()
    if text.lower() in ("", "all", ".."):
        return Period()
    if ".." not in text:
        start, end = _bounds(text)
        return Period(start, end, text)
    left, right = (part.strip() for part in text.split("..", 1))
    start = _bounds(left)[0] if left else None
    end = _bounds(right)[1] if right else None
    if start and end and start > end:
        raise PeriodError(_("The period ends before it starts: “%(value)s”.") % {"value": text})
    return Period(start, end, text)


def between(start: datetime.date | None, end: datetime.date | None) -> Period:
    """The period of two dates chosen on a form (either may be missing)."""
    text = f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"
    return parse_period(text)
