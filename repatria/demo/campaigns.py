"""The demo's Sky Net campaigns as plain values: one a year from 2015, each with its operations and targets.

Targets are set near what the demo's own cases achieve in each campaign's dates (counted by ``Tally`` while the
cases are planned), give or take tables.TARGET_SPREAD, so the progress shown against them is plausible whatever the
size of the demo: some targets met, some not. A running campaign's targets are for all its days.
"""

import datetime
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from repatria.accounts.models import AgencyType
from repatria.assets.models import AssetStage
from repatria.stats.models import Measure

from . import tables as t
from .generator import CasePlan, agency
from .rates import RateBook

EVERY_CASE = ""  # the tally of every case, whoever works it


@dataclass(frozen=True, slots=True)
class CampaignPlan:
    name_zh: str
    name_en: str
    starts_on: datetime.date
    ends_on: datetime.date
    lead_organisation: str  # OrganisationPlan.key, or "" for a campaign of every agency
    description: str
    targets: tuple[tuple[str, Decimal], ...]  # (Measure, value)
    operations: tuple["CampaignPlan", ...] = ()

    def fields(self) -> dict:
        """The Campaign model's own fields (the parent and the lead organisation are the writer's to resolve)."""
        return {
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "description": self.description,
        }


class Tally:
    """What the planned cases achieve day by day, for every case and for each organisation that works them."""

    def __init__(self, rates: RateBook):
        self.rates = rates
        # worker → day → measure → persons or yuan; worker → day → countries returned from
        self.figures: dict[str, dict[datetime.date, dict[str, Decimal]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(Decimal))
        )
        self.countries: dict[str, dict[datetime.date, set[str]]] = defaultdict(lambda: defaultdict(set))

    def count(self, plans: Iterable[CasePlan]) -> Iterator[CasePlan]:
        """The plans, unchanged, counted on their way to the writer."""
        for plan in plans:
            self.add(plan)
            yield plan

    def add(self, plan: CasePlan) -> None:
        workers = (EVERY_CASE, plan.lead_organisation, *plan.assigned_organisations)
        for person, _role in plan.members:
            back = person.returned
            if back is None:
                continue
            counted = {
                Measure.RETURNED: True,
                Measure.FUNCTIONARIES: person.is_functionary,
                Measure.RED_NOTICE: bool(person.red_notice_number),
                Measure.HUNDRED_LIST: person.hundred_list_number is not None,
            }
            for worker in workers:
                for measure, yes in counted.items():
                    self.figures[worker][back.date][measure] += yes
                if back.country:
                    self.countries[worker][back.date].add(back.country)
        for asset in plan.assets:
            if asset.stages and asset.stages[-1][0] == AssetStage.RETURNED:
                amount = self.rates.to_cny(asset.recovered_amount, asset.recovered_currency, asset.recovered_on)
                for worker in workers:
                    self.figures[worker][asset.recovered_on][Measure.AMOUNT] += amount

    def achieved(self, worker: str, first: datetime.date, last: datetime.date, measure: str) -> float:
        """The measure from `first` to `last` for the cases the worker works ("" for every case)."""
        if measure == Measure.COUNTRIES:
            days = self.countries.get(worker, {})
            return len(set().union(*(countries for day, countries in days.items() if first <= day <= last)))
        days = self.figures.get(worker, {})
        return float(sum(figures.get(measure, 0) for day, figures in days.items() if first <= day <= last))


# (lead agency, Chinese name, English name, measures with targets); {year} is the campaign's year.
OPERATIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (AgencyType.POLICE, "猎狐{year}行动", "Fox Hunt {year}", (Measure.RETURNED, Measure.RED_NOTICE, Measure.COUNTRIES)),
    (
        AgencyType.CENTRAL_BANK,
        "{year}年打击利用离岸公司和地下钱庄转移赃款专项行动",
        "{year} operation against moving proceeds abroad through offshore companies and underground banks",
        (Measure.AMOUNT,),
    ),
    (
        AgencyType.PROCURATORATE,
        "{year}年职务犯罪国际追逃追赃专项行动",
        "{year} procuratorates' operation against duty-related crime fugitives and their proceeds",
        (Measure.RETURNED, Measure.FUNCTIONARIES),
    ),
    (
        AgencyType.SUPERVISION,
        "{year}年监察机关追逃追赃专项行动",
        "{year} supervision commissions' fugitive and asset recovery operation",
        (Measure.RETURNED, Measure.FUNCTIONARIES, Measure.AMOUNT),
    ),
)
SKY_NET_MEASURES = (Measure.RETURNED, Measure.FUNCTIONARIES, Measure.RED_NOTICE, Measure.AMOUNT)


def _targets(
    tally: Tally,
    worker: str,
    measures: Iterable[str],
    dates: tuple[datetime.date, datetime.date],
    until: datetime.date,
    rng: random.Random,
) -> tuple[tuple[str, Decimal], ...]:
    """Round figures (two significant digits) near what the worker's cases achieve in those dates; for a campaign
    still running on `until`, near that pace over all its days. None for a measure nothing was achieved in."""
    first, last = dates
    seen = min(last, until)
    if seen < first:
        return ()
    pace = ((last - first).days + 1) / ((seen - first).days + 1)
    targets = []
    for measure in measures:
        value = (
            tally.achieved(worker, first, seen, measure) * pace * rng.uniform(1 - t.TARGET_SPREAD, 1 + t.TARGET_SPREAD)
        )
        if value >= 1:
            step = 10 ** max(0, math.floor(math.log10(value)) - 1)
            targets.append((measure, Decimal(round(value / step) * step)))
    return tuple(targets)


def campaigns(*, seed: int, until: datetime.date, tally: Tally) -> tuple[CampaignPlan, ...]:
    """Sky Net from 2015 to `until`'s year, each with its three or four operations, newest last."""
    rng = random.Random(f"campaigns:{seed}")  # noqa: S311 - synthetic data, not secrets
    return tuple(_sky_net(year, until, tally, rng) for year in range(t.SKY_NET_FROM, until.year + 1))


def _sky_net(year: int, until: datetime.date, tally: Tally, rng: random.Random) -> CampaignPlan:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    operations = []
    for agency_type, name_zh, name_en, measures in OPERATIONS:
        if agency_type == AgencyType.SUPERVISION and year < t.SUPERVISION_OPERATION_FROM:
            continue
        starts = datetime.date(year, 3, 1) + datetime.timedelta(days=rng.randrange(61))  # launched in March or April
        ends = last if rng.random() < 0.7 else datetime.date(year, 11, 30)
        lead = agency(agency_type)
        operations.append(
            CampaignPlan(
                name_zh=name_zh.format(year=year),
                name_en=name_en.format(year=year),
                starts_on=starts,
                ends_on=ends,
                lead_organisation=lead,
                description=f"“天网{year}”行动的专项行动之一。",
                targets=_targets(tally, lead, measures, (starts, ends), until, rng),
            )
        )
    return CampaignPlan(
        name_zh=f"天网{year}行动",
        name_en=f"Sky Net {year}",
        starts_on=first,
        ends_on=last,
        lead_organisation="",
        description=f"中央反腐败协调小组部署的{year}年度追逃追赃行动，由各成员单位分别开展专项行动。",
        targets=_targets(tally, EVERY_CASE, SKY_NET_MEASURES, (first, last), until, rng),
        operations=tuple(operations),
    )
