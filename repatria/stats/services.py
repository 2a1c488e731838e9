"""The statistics: persons returned, amounts recovered and fugitives still abroad, for a period and a scope.

Counting follows the bulletins. Each person counts once per period, by their last return in it (a person
brought back twice in a year is one person returned that year), so every breakdown of persons adds up to the
persons returned. Categories nest as the bulletins nest them: a "100 list" member is a red-notice subject.
Amounts count each asset by its recovery date, converted to yuan at the rate in force that day; a recovery with
no rate in force is left out of the amount and listed, never a reason to show no figures. A death abroad closes a
case but brings nobody back: the dead are a figure of their own, not among the persons returned. Cases count
where they are now: a case moved to another province counts for that province, in every period.

Cooperation requests count by the day they were sent or received (cooperation.figures), within the same filters:
a request follows its case, and one received on no case of ours the organisation it is addressed to.

Only the records a user may see are counted, so a provincial officer's figures are their province's. The pages'
lists behind a figure come from the same counting (`records`), so a list always holds what its figure says.
"""

import contextlib
import dataclasses
import datetime
import functools
import gc
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain

from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from repatria.accounts.models import Organisation
from repatria.assets.models import Asset
from repatria.cases.models import Case, CasePerson, CaseRole, Offence, Return, ReturnMethod
from repatria.cooperation.figures import request_figures
from repatria.core.dates import format_partial_date
from repatria.geo.models import Country, Province
from repatria.registry.models import Person, Whereabouts

from .figures import BREAKDOWNS, ZERO, Figures, Row, Unconverted
from .models import Campaign, Measure
from .periods import Period, between, years_earlier
from .rates import MissingRate, RateTable

__all__ = ["Filters", "MissingRate", "TargetResult", "campaign_results", "figures", "records"]

FUGITIVE_ROLES = (CaseRole.PRINCIPAL, CaseRole.ACCOMPLICE)
METHODS = [method for method in ReturnMethod.values if method != ReturnMethod.DEATH]  # the ways of bringing back
# Years since flight, in bands (lower bound included), for the persons still abroad.
YEAR_BANDS = ((0, 1), (1, 3), (3, 5), (5, 10), (10, None))


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to, within the user's own scope."""

    province: str = ""  # GB/T 2260 code of the case's province
    organisation: int | None = None  # the case is led by, or assigned to, this organisation
    country: str = ""  # ISO code of the country returned from, recovered in, or last known to be in
    offence: str = ""  # an offence of the case

    def _cases(self) -> Q:
        cases = Q()
        if self.province:
            cases &= Q(province_id=self.province)
        if self.organisation:
            cases &= Q(lead_organisation_id=self.organisation) | Q(assigned_organisations=self.organisation)
        if self.offence:
            cases &= Q(offences=self.offence)
        return cases

    def narrow(self, queryset: QuerySet, country_field: str | None) -> QuerySet:
        """The records of cases within the filters; `country_field` None leaves the country to the caller."""
        if cases := self._cases():
            queryset = queryset.filter(case__in=Case.objects.filter(cases).values("pk"))
        if self.country and country_field:
            queryset = queryset.filter(**{country_field: self.country})
        return queryset

    def requests(self) -> Q:
        """Cooperation requests within the filters: those of the cases within them, and a request received on no
        case of ours by the organisation (or an organisation of the province) it is addressed to; the country is
        the other state. No request is of an offence but through its case."""
        where = Q(country_id=self.country) if self.country else Q()
        if not (cases := self._cases()):
            return where
        on_cases = Q(case__in=Case.objects.filter(cases).values("pk"))
        if self.offence:
            return where & on_cases
        addressed = Q(case__isnull=True)
        if self.province:
            addressed &= Q(organisation__province_id=self.province)
        if self.organisation:
            addressed &= Q(organisation_id=self.organisation)
        return where & (on_cases | addressed)


@dataclass(slots=True)
class _Counted:
    """One record behind the figures: a person's last return, an asset recovered, or a person still abroad."""

    pk: int
    day: datetime.date  # of the return, the recovery, or the flight
    case: int
    province: str
    agency: int
    country: str | None
    method: str = ""
    functionary: bool = False
    red_notice: bool = False
    hundred_list: bool = False
    amount: Decimal = ZERO
    band: str = ""
    offences: Iterable[str] = ()


def _text(value: object) -> str:
    return "" if value is None else str(value)


# Each breakdown (but by_offence: every offence of the case) is keyed by a field of the record, turned into the
# row's key; a return from no foreign country (caught at home) is in no row of the countries returned from.
KEYED_BY: dict[str, tuple[str, Callable[[object], str]]] = {
    "by_method": ("method", _text),
    "by_country": ("country", _text),
    "by_province": ("province", _text),
    "by_agency": ("agency", _text),
    "by_month": ("day", lambda day: day.isoformat()[:7]),
    "abroad_by_country": ("country", _text),
    "abroad_by_years": ("band", _text),
}
BLANK_LEFT_OUT = {"by_country"}


def _keys(name: str, c: _Counted) -> Iterable[str]:
    """The rows of a breakdown one record falls in."""
    if name == "by_offence":
        return c.offences
    field, key = KEYED_BY[name]
    row = key(getattr(c, field))
    return () if not row and name in BLANK_LEFT_OUT else (row,)


def _tally(name: str, records: list[_Counted]) -> Counter:
    """How many records fall in each row of a breakdown: as _keys says, but the field's values counted in C
    first and turned into keys once each."""
    if name == "by_offence":
        return Counter(chain.from_iterable(c.offences for c in records))
    field, key = KEYED_BY[name]
    counts: Counter = Counter()
    for value, count in Counter(map(operator.attrgetter(field), records)).items():
        counts[key(value)] += count
    if name in BLANK_LEFT_OUT:
        counts.pop("", None)
    return counts


# The categories of the persons returned, as headline measures: the field that is true for a person in one (every
# person returned has a pk).
CATEGORIES = {
    "returned": "pk", "functionaries": "functionary", "red_notice": "red_notice", "hundred_list": "hundred_list",
}  # fmt: skip


def _between(field: str, period: Period, today: datetime.date) -> Q:
    q = Q(**{f"{field}__lte": period.last_day(today)})
    return q & Q(**{f"{field}__gte": period.start}) if period.start else q


def _returns(user, period: Period, filters: Filters, today: datetime.date, *, died: bool = False) -> QuerySet:
    """The returns in the period, or with `died` the deaths abroad recorded in it."""
    returns = filters.narrow(Return.objects.restrict(user, "view"), "country_id")
    returns = returns.filter(_between("date", period, today))
    return returns.filter(method=ReturnMethod.DEATH) if died else returns.exclude(method=ReturnMethod.DEATH)


def _assets(user, period: Period, filters: Filters, today: datetime.date) -> QuerySet:
    """The assets recovered in the period."""
    assets = filters.narrow(Asset.objects.restrict(user, "view"), "jurisdiction_id")
    return assets.filter(_between("recovered_on", period, today), recovered_amount__isnull=False)


def _returned(returns: QuerySet) -> list[_Counted]:
    """Each person's last return among these.

    Returns on one day rank by what they say (method, country, case number), not by when they were entered: the
    figures must not depend on it. Ranked here rather than sorted by the database, which would spill to disk.
    """
    rows = returns.annotate(from_country=Coalesce("country_id", Value(""))).values_list(
        "person_id", "date", "method", "from_country", "case__number", "pk", "case_id", "case__province_id",
        "case__lead_organisation_id", "person__is_functionary", "person__red_notice_number",
        "person__hundred_list_number",
    )  # fmt: skip
    last = {}
    for row in rows:  # one fetch: a server-side cursor held over autocommit copies the whole result first anyway
        kept = last.get(row[0])
        if kept is None or row[1:5] > kept[1:5]:
            last[row[0]] = row
    counted = []
    for row in last.values():
        _person, day, method, country, _number, pk, case, province, agency, functionary, notice, hundred = row
        listed = hundred is not None
        counted.append(
            _Counted(pk, day, case, province, agency, country, method, functionary, bool(notice) or listed, listed)
        )
    return counted


def _recovered(assets: QuerySet) -> tuple[list[_Counted], list[Unconverted]]:
    """The assets' amounts in yuan, and those left out because no rate is in force on their day."""
    rows = list(
        assets.order_by("recovered_on", "pk").values_list(
            "pk", "recovered_on", "case_id", "case__province_id", "case__lead_organisation_id", "jurisdiction_id",
            "recovered_amount", "recovered_currency", "value_currency",
        )
    )  # fmt: skip
    # An amount recorded without its own currency was recovered in the currency the asset was valued in.
    rates = RateTable({currency or valued for *_, currency, valued in rows})
    counted, unconverted = [], []
    for pk, day, case, province, agency, country, amount, currency, valued in rows:
        cny = rates.to_cny(amount, currency or valued, day)
        if cny is None:
            unconverted.append(Unconverted(pk, day, currency or valued, amount))
        else:
            counted.append(_Counted(pk, day, case, province, agency, country, amount=cny))
    return counted, unconverted


def _bands(day: datetime.date) -> list[tuple[datetime.date, str]]:
    """The years-since-flight bands on a day, shortest first, each with the earliest flight date it takes."""
    return [
        (years_earlier(day, high) + datetime.timedelta(days=1) if high else datetime.date.min, f"{low}-{high or ''}")
        for low, high in YEAR_BANDS
    ]


def _band(fled: datetime.date, bands: list[tuple[datetime.date, str]]) -> str:
    return next(name for earliest, name in bands if fled >= earliest)


def _abroad(user, period: Period, filters: Filters, today: datetime.date) -> list[_Counted]:
    """Fugitives abroad on the period's last day: they fled on or before it, and have not returned since.

    Whether someone came back is read from every return, also those of cases the user cannot see: a person
    brought back by another province is not abroad.
    """
    end = period.last_day(today)
    back_since = Return.objects.filter(person=OuterRef("person_id"), date__gte=OuterRef("case__fled_on"), date__lte=end)
    last_seen = Whereabouts.objects.filter(person=OuterRef("person_id"), date_from__lte=end.isoformat())
    flights = (
        filters.narrow(CasePerson.objects.restrict(user, "view"), None)
        .filter(~Exists(back_since), role__in=FUGITIVE_ROLES, case__fled_on__lte=end)
        .annotate(country=Subquery(last_seen.order_by("-date_from", "-pk").values("country_id")[:1]))
        .order_by("case__fled_on", "case__number")
        .values_list(
            "person_id", "case__fled_on", "case_id", "case__province_id", "case__lead_organisation_id", "country"
        )
    )
    latest = {person: row for person, *row in flights}
    bands = _bands(end)
    abroad = []
    for person, (fled, case, province, agency, country) in latest.items():
        if filters.country and country != filters.country:
            continue
        abroad.append(_Counted(person, fled, case, province, agency, country, band=_band(fled, bands)))
    return abroad


def _attach_offences(counted: list[_Counted], *records: QuerySet) -> None:
    """The offences of each counted record's case; `records` are the querysets the records came from."""
    cases = functools.reduce(operator.or_, (Q(case_id__in=r.values("case_id")) for r in records))
    offences = defaultdict(list)
    for case, code in Case.offences.through.objects.filter(cases).values_list("case_id", "offence_id"):
        offences[case].append(code)
    for c in counted:
        c.offences = offences.get(c.case, ())


def _months(first: datetime.date, last: datetime.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _band_label(key: str) -> str:
    low, high = key.split("-")
    if not high:
        return _("%(low)s years or more") % {"low": low}
    if low == "0":
        return _("under %(high)s year") % {"high": high}
    return _("%(low)s to %(high)s years") % {"low": low, "high": high}


def _labels(breakdown: str, keys: set[str]) -> dict[str, str]:
    """Each key's name in the reader's language."""
    named = {
        "by_country": Country, "abroad_by_country": Country, "by_province": Province, "by_agency": Organisation,
        "by_offence": Offence,
    }  # fmt: skip
    if breakdown in named:
        labels = {str(pk): obj.name for pk, obj in named[breakdown].objects.in_bulk(keys - {""}).items()}
        return labels | {"": _("not known")}
    if breakdown == "by_method":
        return {key: ReturnMethod(key).label for key in keys}
    if breakdown == "by_month":
        return {key: format_partial_date(key, get_language() or "zh-hans") for key in keys}
    return {key: _band_label(key) for key in keys}


def _breakdown(
    name: str, persons: list[_Counted], amounts: list[_Counted], order: list[str] | None = None
) -> list[Row]:
    """Persons and amounts per key; in the given order, else largest first."""
    counts = _tally(name, persons)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for c in amounts:
        for key in _keys(name, c):
            sums[key] += c.amount
    if order is None:
        order = sorted({*counts, *sums}, key=lambda k: (-counts[k], -sums[k], k))
    labels = _labels(name, set(order))
    return [Row(key, labels[key], counts[key], sums[key]) for key in order]


def figures(
    *,
    user,
    period: Period,
    filters: Filters = Filters(),
    today: datetime.date | None = None,
    compare: bool = True,
    requests: bool = True,
) -> Figures:
    """The figures of a period within the user's scope, with those of a year earlier when `compare` and those of the
    cooperation requests when `requests`."""
    today = today or timezone.localdate()
    with _collector_paused():
        counted = _figures(user, period, filters, today, compare)
    if not requests:
        return counted
    cooperation = request_figures(
        user=user, first_day=period.start, last_day=period.last_day(today), where=filters.requests()
    )
    return dataclasses.replace(counted, cooperation=cooperation)


@contextlib.contextmanager
def _collector_paused():
    """Counting makes a few hundred thousand short-lived rows that hold no cycles; the cyclic garbage collector
    would walk them again and again (a quarter of the time over 100,000 persons). Reference counting frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _figures(user, period: Period, filters: Filters, today: datetime.date, compare: bool) -> Figures:
    returns, assets = _returns(user, period, filters, today), _assets(user, period, filters, today)
    returned, (recovered, unconverted) = _returned(returns), _recovered(assets)
    died = _returned(_returns(user, period, filters, today, died=True))
    abroad = _abroad(user, period, filters, today)
    _attach_offences(returned + recovered, returns, assets)
    last = period.last_day(today)
    first = period.start or min((c.day for c in (*returned, *recovered)), default=last)
    earlier = period.year_earlier(today) if compare else None
    return Figures(
        period=period,
        first_day=first,
        last_day=last,
        **{measure: sum(map(bool, map(operator.attrgetter(field), returned))) for measure, field in CATEGORIES.items()},
        countries=len({c.country for c in returned if c.country}),
        amount=sum((c.amount for c in recovered), ZERO),
        died=len(died),
        by_method=_breakdown("by_method", returned, [], METHODS),
        by_country=_breakdown("by_country", returned, recovered),
        by_province=_breakdown("by_province", returned, recovered),
        by_agency=_breakdown("by_agency", returned, recovered),
        by_offence=_breakdown("by_offence", returned, recovered),
        by_month=_breakdown("by_month", returned, recovered, _months(first, last)),
        abroad=len(abroad),
        abroad_by_country=_breakdown("abroad_by_country", abroad, []),
        abroad_by_years=_breakdown("abroad_by_years", abroad, [], [f"{lo}-{hi or ''}" for lo, hi in YEAR_BANDS]),
        unconverted=tuple(unconverted),
        previous=_figures(user, earlier, filters, today, compare=False) if earlier else None,
    )


# The breakdowns each measure has, for the lists behind the figures: the categories of the returned have none.
MEASURES = {
    **dict.fromkeys(CATEGORIES, ()),
    "returned": BREAKDOWNS,
    "amount": BREAKDOWNS[1:],  # recoveries have no return method
    "unconverted": (),  # the recoveries left out of the amount
    "died": (),
    "abroad": ("abroad_by_country", "abroad_by_years"),
}


def records(
    *,
    user,
    period: Period,
    filters: Filters = Filters(),
    measure: str,
    breakdown: str = "",
    key: str = "",
    today: datetime.date | None = None,
) -> tuple[type[Model], list[int]]:
    """The records behind one figure, newest first, counted exactly as `figures` counts them: returns for the
    persons returned (and each category) and the dead, assets for the amount and those left out of it, persons
    for those still abroad."""
    if measure not in MEASURES or breakdown not in ("", *MEASURES[measure]):
        raise ValueError(f"{measure} has no breakdown {breakdown}")
    today = today or timezone.localdate()
    if measure in CATEGORIES:
        records = _returns(user, period, filters, today)
        model, counted = Return, [c for c in _returned(records) if getattr(c, CATEGORIES[measure])]
    elif measure == "died":
        model, counted = Return, _returned(_returns(user, period, filters, today, died=True))
    elif measure == "amount":
        records = _assets(user, period, filters, today)
        model, counted = Asset, _recovered(records)[0]
    elif measure == "unconverted":
        left_out = _recovered(_assets(user, period, filters, today))[1]
        return Asset, [u.asset for u in sorted(left_out, key=lambda u: (u.day, u.asset), reverse=True)]
    else:
        model, counted = Person, _abroad(user, period, filters, today)
    if breakdown:
        if breakdown == "by_offence":
            _attach_offences(counted, records)
        counted = [c for c in counted if key in _keys(breakdown, c)]
    counted.sort(key=lambda c: (c.day, c.pk), reverse=True)
    return model, [c.pk for c in counted]


@dataclass(frozen=True)
class TargetResult:
    measure: str
    label: str
    target: Decimal
    result: Decimal
    share: float | None  # of the target reached; None for a target of zero


def campaign_figures(*, user, campaign: Campaign, today: datetime.date | None = None) -> Figures:
    """The figures of a campaign's days, for the cases of its lead organisation when it has one."""
    return figures(
        user=user,
        period=between(campaign.starts_on, campaign.ends_on),
        filters=Filters(organisation=campaign.lead_organisation_id),
        today=today,
        compare=False,
        requests=False,
    )


def campaign_results(*, user, campaign: Campaign, today: datetime.date | None = None) -> list[TargetResult]:
    """Each target of the campaign against what the user's records show; MissingRate for an amount target while
    a recovery has no rate, since its result would be short."""
    reached = campaign_figures(user=user, campaign=campaign, today=today)
    results = []
    for target in campaign.targets.all():
        if target.measure == "amount" and reached.unconverted:
            first = reached.unconverted[0]
            raise RateTable([first.currency]).missing(first.currency, first.day)
        result = Decimal(getattr(reached, target.measure))
        share = float(result / target.value) if target.value else None
        results.append(TargetResult(target.measure, Measure(target.measure).label, target.value, result, share))
    return results
