"""The figures of cooperation requests for the statistics: requests by kind, direction, other state and state, the
days to an answer and the refusals by ground, of the requests the user may see.

A request belongs to a period by its `sent_on`: the day we sent it, or the day we received theirs. A request not
yet sent belongs to no period. The days to an answer run from that day to the answer (executed, partly executed or
refused), of the requests answered: a withdrawn request has no answer.

Percentiles are by linear interpolation between the closest ranks (Hyndman and Fan's type 7, the default of numpy
and spreadsheets' PERCENTILE): the median is then the usual one, the mean of the two middle values for an even
count, as the country profile gives it.
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils.translation import gettext as _

from repatria.geo.models import Country

from .models import ANSWERED_STATES, Direction, RefusalGround, Request, RequestKind, RequestState

# The states a request sent or received can be in: ours leave after approval, theirs may be under review.
SENT_STATES = [state for state in RequestState if state not in (RequestState.DRAFT, RequestState.APPROVED)]
MEDIAN, NINETIETH = 0.5, 0.9
GROUPED = ("direction", "kind", "state", "country", "refusal_ground")  # the fields the requests are counted by


@dataclass(frozen=True)
class Line:
    """One line of a breakdown: a code (kind, direction, ISO country code, state or ground), its label in the
    reader's language and the requests counted."""

    key: str
    label: str
    requests: int = 0


@dataclass(frozen=True)
class DaysToAnswer:
    """The days to an answer of one direction ("" for both), from so many answered requests; no percentile of
    none."""

    key: str
    label: str
    answered: int = 0
    median: float | None = None
    ninetieth: float | None = None


@dataclass(frozen=True)
class RequestFigures:
    requests: int = 0  # sent or received in the period
    answered: int = 0  # of which answered (executed, partly executed, refused) by now, within the period or after
    refused: int = 0
    by_kind: list[Line] = field(default_factory=list)  # every kind, zeros included
    by_direction: list[Line] = field(default_factory=list)  # both directions
    by_country: list[Line] = field(default_factory=list)  # the other states with any, most first
    by_state: list[Line] = field(default_factory=list)  # every state a request sent can be in
    days_to_answer: list[DaysToAnswer] = field(default_factory=list)  # outgoing, incoming, both
    refusals_by_ground: list[Line] = field(default_factory=list)  # every ground, zeros included


BREAKDOWNS = ("by_direction", "by_kind", "by_state", "by_country", "refusals_by_ground")


def percentile(ordered: list[int], share: float) -> float | None:
    """The value below which `share` of the ordered values fall, by linear interpolation; None of no values."""
    if not ordered:
        return None
    rank = (len(ordered) - 1) * share
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (rank - low) * (ordered[high] - ordered[low])


def _sent_between(user, first_day: datetime.date | None, last_day: datetime.date, where: Q) -> QuerySet:
    """The requests the user may see, within `where`, sent or received from the first day (None: ever) to the last."""
    requests = Request.objects.restrict(user, "view").filter(where, sent_on__lte=last_day)
    return requests.filter(sent_on__gte=first_day) if first_day else requests


def _counts(requests: QuerySet) -> dict[str, Counter]:
    """The requests by each of the GROUPED fields' values, from one query grouping them by all of these at once
    (at most a few thousand groups, however many requests)."""
    rows = requests.order_by().values(*GROUPED).annotate(n=Count("pk")).values_list(*GROUPED, "n")
    counts: dict[str, Counter] = {name: Counter() for name in GROUPED}
    for *values, n in rows:
        for name, value in zip(GROUPED, values, strict=True):
            counts[name][value] += n
    return counts


def _lines(counts: Counter, choices) -> list[Line]:
    return [Line(value, str(label), counts.get(value, 0)) for value, label in choices]


def _by_country(counts: Counter) -> list[Line]:
    names = {pk: country.name for pk, country in Country.objects.in_bulk(list(counts)).items()}
    ordered = sorted(counts, key=lambda code: (-counts[code], code))
    return [Line(code, names.get(code, code), counts[code]) for code in ordered]


def _days_to_answer(requests: QuerySet) -> list[DaysToAnswer]:
    """Per direction and for both: one query fetching the day differences alone, the database doing the
    subtraction."""
    days = ExpressionWrapper(F("answered_on") - F("sent_on"), output_field=DurationField())
    rows = (
        requests.filter(state__in=ANSWERED_STATES, answered_on__isnull=False)
        .order_by()
        .annotate(days=days)
        .values_list("direction", "days")
    )
    by_direction: dict[str, list[int]] = defaultdict(list)
    for direction, delta in rows:
        by_direction[direction].append(delta.days)
    groups = [(value, str(label), by_direction[value]) for value, label in Direction.choices]
    groups.append(("", _("both directions"), [d for values in by_direction.values() for d in values]))
    lines = []
    for key, label, values in groups:
        values.sort()
        lines.append(DaysToAnswer(key, label, len(values), percentile(values, MEDIAN), percentile(values, NINETIETH)))
    return lines


def request_figures(
    *, user, first_day: datetime.date | None, last_day: datetime.date, where: Q | None = None
) -> RequestFigures:
    """The figures of the requests the user may see (narrowed by `where`) sent or received in the period."""
    requests = _sent_between(user, first_day, last_day, where or Q())
    counts = _counts(requests)
    refusals = Counter({ground: n for ground, n in counts["refusal_ground"].items() if ground})
    days = _days_to_answer(requests)
    return RequestFigures(
        requests=counts["direction"].total(),
        answered=days[-1].answered,
        refused=counts["state"][RequestState.REFUSED],
        by_kind=_lines(counts["kind"], RequestKind.choices),
        by_direction=_lines(counts["direction"], Direction.choices),
        by_country=_by_country(counts["country"]),
        by_state=_lines(counts["state"], [(s.value, s.label) for s in SENT_STATES]),
        days_to_answer=days,
        refusals_by_ground=_lines(refusals, RefusalGround.choices),
    )
