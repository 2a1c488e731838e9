"""The demo plan: organisations, users, persons and their cases as plain values, drawn from one seed.

Nothing here reads or writes the database, so a plan can be compared, counted or tested on its own, and the same
seed and size always give the same plan. Persons are generated case by case (the principal, sometimes an
accomplice), each with dates that keep the lifecycle in order: flight, opening of the case, whereabouts learnt,
located, returned; assets move through their stages after the case is opened.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

import opencc

from repatria.accounts.models import AgencyType, OrganisationKind, Role
from repatria.assets.models import AssetStage
from repatria.cases.models import CaseRole, ReturnMethod, SupervisionLevel
from repatria.cases.offences import OFFENCES
from repatria.core.models import Currency
from repatria.geo.reference import PROVINCES
from repatria.names.chinese import pinyin_syllables, split_surname, to_simplified
from repatria.registry.models import Confidence, DocumentKind, NameKind, Sex

from . import tables as t

T = TypeVar("T")
DEFAULT_SEED = 2014
DAY = datetime.timedelta(days=1)
E_SERIES_FROM = datetime.date(2014, 1, 1)
CENTRAL_OFFICE = "central"
MAINLAND_PROVINCES = tuple(p for p in PROVINCES if p[0][:2] not in {"71", "81", "82"})
PROVINCE_NAMES = {code: name_zh for code, name_zh, _en, _abbr in PROVINCES}
OFFENCE_NAMES = {code: name_zh for code, name_zh, _en in OFFENCES}


class Weighted(Generic[T]):
    """A fixed table of choices and weights, drawn with one random number (so draws are reproducible)."""

    def __init__(self, pairs: Iterable[tuple[T, float]]):
        values, weights = zip(*pairs, strict=True)
        self.values: tuple[T, ...] = values
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> T:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


# --- Plain records of the plan -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganisationPlan:
    key: str
    name_zh: str
    name_en: str
    kind: str
    agency_type: str = ""
    province: str = ""
    country: str = ""
    parent: str = ""


@dataclass(frozen=True, slots=True)
class UserPlan:
    username: str
    role: str
    organisation: str
    full_name: str
    is_superuser: bool = False


@dataclass(frozen=True, slots=True)
class DocumentPlan:
    kind: str
    number: str
    country: str
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class WhereaboutsPlan:
    country: str
    place: str
    date_from: str
    date_to: str
    confidence: str
    source: str
    recorded_on: datetime.date  # when the office learnt it: the date of its timeline event


@dataclass(frozen=True, slots=True)
class ReturnPlan:
    date: datetime.date
    method: str
    country: str | None


@dataclass(frozen=True, slots=True)
class PersonPlan:
    key: int  # position in the order persons are written
    names: tuple[tuple[str, str], ...]  # (name, NameKind); the first is the primary name
    sex: str
    birth_date: str
    birthplace: str
    nationalities: tuple[str, ...]
    documents: tuple[DocumentPlan, ...]
    former_employer: str
    former_post: str
    is_functionary: bool
    red_notice_number: str
    red_notice_issued: datetime.date | None
    red_notice_withdrawn: datetime.date | None
    hundred_list_number: int | None
    whereabouts: tuple[WhereaboutsPlan, ...]
    returned: ReturnPlan | None

    @property
    def name(self) -> str:
        return self.names[0][0]

    def fields(self) -> dict:
        """The Person model's own fields, as create_person takes them."""
        return {
            "sex": self.sex,
            "birth_date": self.birth_date,
            "birthplace": self.birthplace,
            "former_employer": self.former_employer,
            "former_post": self.former_post,
            "is_functionary": self.is_functionary,
            "red_notice_number": self.red_notice_number,
            "red_notice_issued": self.red_notice_issued,
            "red_notice_withdrawn": self.red_notice_withdrawn,
            "hundred_list_number": self.hundred_list_number,
        }


@dataclass(frozen=True, slots=True)
class AssetPlan:
    holder: int  # PersonPlan.key
    kind: str
    description: str
    jurisdiction: str
    value: Decimal
    value_currency: str
    valued_on: datetime.date  # also the day it was identified
    stages: tuple[tuple[str, datetime.date], ...]  # the moves after "identified", in order
    recovered_amount: Decimal | None = None
    recovered_currency: str = ""
    recovered_on: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class CasePlan:
    number: str
    title: str
    offences: tuple[str, ...]
    amount_involved: Decimal | None
    amount_currency: str
    province: str
    lead_organisation: str  # OrganisationPlan.key
    assigned_organisations: tuple[str, ...]  # OrganisationPlan keys
    supervision_level: str
    fled_on: datetime.date
    opened_on: datetime.date
    summary: str
    members: tuple[tuple[PersonPlan, str], ...]  # (person, CaseRole), the principal first
    located_on: datetime.date | None  # when the principal's whereabouts were first known well enough
    assets: tuple[AssetPlan, ...]

    def fields(self) -> dict:
        """The Case model's own fields, as open_case takes them."""
        return {
            "number": self.number,
            "title": self.title,
            "amount_involved": self.amount_involved,
            "amount_currency": self.amount_currency,
            "province_id": self.province,
            "supervision_level": self.supervision_level,
            "fled_on": self.fled_on,
            "opened_on": self.opened_on,
            "summary": self.summary,
        }


# --- Organisations and users ---------------------------------------------------------------------------------------

AGENCIES: tuple[tuple[str, str, str], ...] = (
    (
        AgencyType.SUPERVISION,
        "中央纪委国家监委",
        "Central Commission for Discipline Inspection and National Supervisory Commission",
    ),
    (AgencyType.POLICE, "公安部", "Ministry of Public Security"),
    (AgencyType.PROCURATORATE, "最高人民检察院", "Supreme People's Procuratorate"),
    (AgencyType.COURT, "最高人民法院", "Supreme People's Court"),
    (AgencyType.FOREIGN_AFFAIRS, "外交部", "Ministry of Foreign Affairs"),
    (AgencyType.CENTRAL_BANK, "中国人民银行", "People's Bank of China"),
)  # fmt: skip
PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("CA", "加拿大", "Canada"),
    ("AU", "澳大利亚", "Australia"),
    ("NZ", "新西兰", "New Zealand"),
    ("US", "美国", "United States"),
    ("TH", "泰国", "Thailand"),
)


def province_office(code: str) -> str:
    return f"province:{code}"


def agency(agency_type: str) -> str:
    return f"agency:{agency_type}"


def partner(country: str) -> str:
    return f"partner:{country}"


def organisations() -> tuple[OrganisationPlan, ...]:
    """The central office, the 31 mainland provincial offices, the member agencies and a few partner contact points."""
    central = OrganisationPlan(
        CENTRAL_OFFICE, "中央追逃办", "Central Office for Fugitive Repatriation and Asset Recovery",
        OrganisationKind.CENTRAL_OFFICE,
    )  # fmt: skip
    provinces = tuple(
        OrganisationPlan(
            province_office(code),
            f"{name_zh}追逃办",
            f"{name_en} Office for Fugitive Repatriation",
            OrganisationKind.PROVINCIAL_OFFICE,
            province=code,
            parent=CENTRAL_OFFICE,
        )
        for code, name_zh, name_en, _abbr in MAINLAND_PROVINCES
    )
    agencies = tuple(
        OrganisationPlan(agency(kind), name_zh, name_en, OrganisationKind.AGENCY, agency_type=kind)
        for kind, name_zh, name_en in AGENCIES
    )
    partners = tuple(
        OrganisationPlan(
            partner(code), f"{name_zh}执法合作联络点", f"{name_en} law-enforcement contact point",
            OrganisationKind.PARTNER, country=code,
        )
        for code, name_zh, name_en in PARTNERS
    )  # fmt: skip
    return (central, *provinces, *agencies, *partners)


def users(seed: int = DEFAULT_SEED) -> tuple[UserPlan, ...]:
    """One demo login per role, each with a synthetic name."""
    names = NameGenerator(random.Random(f"users:{seed}"))  # noqa: S311 - synthetic data, not secrets
    accounts = (
        ("admin", Role.ADMIN, CENTRAL_OFFICE, True),
        ("analyst", Role.ANALYST, CENTRAL_OFFICE, False),
        ("guangdong", Role.PROVINCIAL_OFFICER, province_office("440000"), False),
        ("police", Role.AGENCY_OFFICER, agency(AgencyType.POLICE), False),
        ("partner", Role.PARTNER, partner("CA"), False),
        ("auditor", Role.AUDITOR, CENTRAL_OFFICE, False),
    )
    return tuple(
        UserPlan(username, role, organisation, names.draw(Sex.MALE if i % 2 == 0 else Sex.FEMALE), superuser)
        for i, (username, role, organisation, superuser) in enumerate(accounts)
    )


# --- Names ---------------------------------------------------------------------------------------------------------


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(name: str) -> str:
    """The name in traditional characters (OpenCC s2t), keeping surnames that s2t would turn into other words."""
    surname, given = split_surname(name)
    if surname not in t.SURNAMES_UNCHANGED_IN_TRADITIONAL:
        surname = _s2t().convert(surname)
    return surname + _s2t().convert(given)


def romanise(name: str, style: str) -> str:
    """Pinyin of a Chinese name as a passport ("ZHANG Wei"), in Western order ("Wei Zhang") or in Chinese order."""
    surname, _given = split_surname(name)
    syllables = pinyin_syllables(name)
    umlaut = "yu" if style == "passport" else "ü"  # 吕: LYU on a passport, Lü elsewhere
    family = "".join(syllables[: len(surname)]).replace("v", umlaut).capitalize()
    given = "".join(syllables[len(surname) :]).replace("v", umlaut).capitalize()
    if style == "passport":
        return f"{family.upper()} {given}"
    return f"{given} {family}" if style == "western" else f"{family} {given}"


class NameGenerator:
    """Chinese personal names drawn by surname frequency and common given-name characters, never a blocked name."""

    def __init__(
        self,
        rng: random.Random,
        *,
        surnames: Iterable[tuple[str, float]] = t.SURNAMES,
        male: Iterable[tuple[str, float]] = t.MALE_GIVEN,
        female: Iterable[tuple[str, float]] = t.FEMALE_GIVEN,
        is_blocked: Callable[[str], bool] = t.is_blocked,
    ):
        self.rng = rng
        self.surnames = Weighted(surnames)
        self.given = {Sex.MALE: Weighted(male), Sex.FEMALE: Weighted(female)}
        self.is_blocked = is_blocked

    def draw(self, sex: str) -> str:
        given = self.given[sex]
        for _attempt in range(1000):
            name = self.surnames.draw(self.rng) + given.draw(self.rng)
            if self.rng.random() >= t.SINGLE_GIVEN_SHARE:
                name += given.draw(self.rng)
            if not self.is_blocked(name):
                return name
        raise RuntimeError("The name tables produce only blocked names.")


# --- Persons and cases ---------------------------------------------------------------------------------------------


def id_card_number(area: str, birth: datetime.date, sequence: int) -> str:
    """An 18-digit resident identity number with its ISO 7064 MOD 11-2 check character (GB 11643)."""
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    total = sum(int(digit) * (2 ** (17 - i) % 11) for i, digit in enumerate(body))
    return body + "10X98765432"[total % 11]


def partial(day: datetime.date, precision: str) -> str:
    """The ISO text of a date known to the day, month or year (core.dates)."""
    return {"day": day.isoformat(), "month": f"{day:%Y-%m}", "year": f"{day:%Y}"}[precision]


def _money(amount: float, step: int = 1000) -> Decimal:
    return Decimal(max(step, round(amount / step) * step))


class CasePlanner:
    """Draws cases one after the other; everything it draws comes from its one random generator."""

    def __init__(
        self,
        rng: random.Random,
        *,
        until: datetime.date,
        red_notice_share: float,
        central_share: float,
        recoveries: random.Random,
    ):
        self.rng = rng
        self.recoveries = recoveries  # a stream of its own, so that other draws stay as they were before it
        self.until = until
        self.red_notice_share = red_notice_share
        self.central_share = central_share
        self.names = NameGenerator(rng)
        self.person_count = 0
        self.case_numbers: dict[int, int] = {}
        self.used_numbers: set[str] = set()
        w = Weighted
        self.provinces = w(t.CASE_PROVINCES)
        self.years = w((year, weight) for year, weight in t.CASE_YEARS if year <= until.year)
        self.birth_precision = w(t.BIRTH_PRECISION)
        self.date_precision = w(t.DATE_FROM_PRECISION)
        self.styles = w(t.ROMANISATION_STYLES)
        self.methods = w(t.RETURN_METHODS)
        self.destinations = w(t.DESTINATIONS)
        self.hundred_destinations = w(t.HUNDRED_DESTINATIONS)
        self.extradition_partners = w(t.EXTRADITION_PARTNERS)
        self.citizenship = w(t.CITIZENSHIP_BY_INVESTMENT)
        self.whereabouts_counts = w(t.WHEREABOUTS_COUNTS)
        self.confidences = w(t.CONFIDENCES)
        self.sources = w(t.SOURCES)
        self.provincial_leads = w(t.PROVINCIAL_LEADS)
        self.central_leads = w(t.CENTRAL_LEADS)
        self.employers = {
            True: w((e[:2], e[2]) for e in t.FUNCTIONARY_EMPLOYERS),
            False: w((e[:2], e[2]) for e in t.OTHER_EMPLOYERS),
        }
        self.offences = {True: w(t.FUNCTIONARY_OFFENCES), False: w(t.OTHER_OFFENCES)}
        self.offence_counts = w(t.OFFENCE_COUNTS)
        self.asset_counts = w(t.ASSET_COUNTS)
        self.asset_kinds = w(t.ASSET_KINDS)
        self.asset_havens = w(t.ASSET_HAVENS)
        self.asset_stages = w(t.ASSET_FINAL_STAGES)

    # Small draws.

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + DAY * self.rng.randrange((last - first).days + 1)

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def unique(self, make: Callable[[], str]) -> str:
        """A document number no one else has: the unique constraint holds however many persons there are."""
        while (number := make()) in self.used_numbers:
            pass
        self.used_numbers.add(number)
        return number

    # The case.

    def case(self, *, size: int, hundred_number: int | None) -> CasePlan:
        rng = self.rng
        hundred = hundred_number is not None
        province = self.provinces.draw(rng)
        if hundred:  # on the list published in April 2015: the case was open before it
            opened = self.day_between(datetime.date(2014, 1, 1), t.HUNDRED_LIST_PUBLISHED - 30 * DAY)
        else:
            year = self.years.draw(rng)
            opened = self.day_between(datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), self.until))
        gap = min(t.FLIGHT_GAP_MAX_DAYS, 20 + int(rng.expovariate(1 / t.FLIGHT_GAP_MEAN_DAYS)))
        fled = opened - gap * DAY
        functionary = hundred or self.chance(t.FUNCTIONARY_SHARE)
        job = self._job(province, functionary)
        members = [self.person(province, fled, opened, job, functionary, hundred_number)]
        if size > 1:  # a colleague of the same unit, or an outsider such as a businessman
            colleague = self.chance(0.6)
            job = job if colleague else self._job(province, False)
            members.append(self.person(province, fled, opened, job, functionary and colleague, None))
        principal = members[0]
        central = hundred or self.chance(self.central_share)
        lead = (self.central_leads if central else self.provincial_leads).draw(rng)
        lead = {"central": CENTRAL_OFFICE, "province": province_office(province)}.get(lead) or agency(lead)
        offences = self._offences(functionary)
        crimes = "、".join(OFFENCE_NAMES[code] for code in offences)
        who = f"{principal.name}等人" if size > 1 else principal.name
        located = [w.recorded_on for w in principal.whereabouts if w.confidence != Confidence.POSSIBLE]
        assets = self._assets(members, opened) if self.chance(t.ASSET_CASE_SHARE) else ()
        # The central bank, as the financial intelligence unit, works the cases whose money abroad is traced.
        assigned = (agency(AgencyType.CENTRAL_BANK),) if any(asset.stages for asset in assets) else ()
        amount, currency = self._amount()
        return CasePlan(
            number=self._case_number(opened.year),
            title=f"{who}涉嫌{crimes}案",
            offences=offences,
            amount_involved=amount,
            amount_currency=currency,
            province=province,
            lead_organisation=lead,
            assigned_organisations=assigned,
            supervision_level=SupervisionLevel.CENTRAL if central else SupervisionLevel.PROVINCIAL,
            fled_on=fled,
            opened_on=opened,
            summary=f"{principal.former_employer}原{principal.former_post}{principal.name}涉嫌{crimes}，"
            f"{fled.year}年{fled.month}月外逃。",
            members=tuple(zip(members, (CaseRole.PRINCIPAL, CaseRole.ACCOMPLICE), strict=False)),
            located_on=min(located) if located else None,
            assets=assets,
        )

    def _case_number(self, year: int) -> str:
        self.case_numbers[year] = self.case_numbers.get(year, 0) + 1
        return f"ZT-{year}-{self.case_numbers[year]:05d}"

    def _job(self, province: str, functionary: bool) -> tuple[str, tuple[str, ...]]:
        """An invented employer in the province ("广东省某市国土资源局") and the posts one may have held there."""
        employer, posts = self.employers[functionary].draw(self.rng)
        name = PROVINCE_NAMES[province]
        if province in t.MUNICIPALITIES:
            return employer.format(place=f"{name}某区", county=f"{name}某区"), posts
        return employer.format(place=f"{name}某市", county=f"{name}某县"), posts

    def _offences(self, functionary: bool) -> tuple[str, ...]:
        wanted = self.offence_counts.draw(self.rng)
        chosen: list[str] = []
        for _attempt in range(20):
            code = self.offences[functionary].draw(self.rng)
            if code not in chosen:
                chosen.append(code)
            if len(chosen) == wanted:
                break
        return tuple(chosen)

    def _amount(self) -> tuple[Decimal | None, str]:
        if self.chance(t.AMOUNT_UNKNOWN_SHARE):
            return None, Currency.CNY
        cny = math.exp(self.rng.gauss(math.log(t.AMOUNT_MEDIAN_CNY), 1.3))
        if self.chance(t.AMOUNT_IN_USD_SHARE):
            return _money(cny / t.CNY_PER_UNIT[Currency.USD]), Currency.USD
        return _money(cny, 10_000), Currency.CNY

    # A person in the case.

    def person(
        self,
        province: str,
        fled: datetime.date,
        opened: datetime.date,
        job: tuple[str, tuple[str, ...]],
        functionary: bool,
        hundred_number: int | None,
    ) -> PersonPlan:
        rng = self.rng
        key = self.person_count
        self.person_count += 1
        sex = Sex.MALE if self.chance(t.MALE_SHARE) else Sex.FEMALE
        name = self.names.draw(sex)
        first_year = max(t.BIRTH_YEARS[0], fled.year - t.MAX_AGE_AT_FLIGHT)
        last_year = min(t.BIRTH_YEARS[1], fled.year - t.MIN_AGE_AT_FLIGHT)
        year = rng.randint(first_year, last_year)
        birth = self.day_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        birthplace = province if self.chance(t.BIRTHPLACE_IS_CASE_PROVINCE_SHARE) else rng.choice(MAINLAND_PROVINCES)[0]
        came_back = self._return(opened, hundred_number is not None)
        whereabouts = self._whereabouts(fled, opened, came_back, hundred_number is not None)
        returned = None
        if came_back:
            day, method = came_back
            returned = ReturnPlan(
                day, method, None if method == ReturnMethod.CAUGHT_AT_HOME else whereabouts[-1].country
            )
        nationalities = ("CN", *self._foreign_nationality(whereabouts))
        red_number, red_issued, red_withdrawn = self._red_notice(opened, returned, hundred_number)
        return PersonPlan(
            key=key,
            names=self._names(name, sex),
            sex=sex,
            birth_date=partial(birth, self.birth_precision.draw(rng)),
            birthplace=PROVINCE_NAMES[birthplace],
            nationalities=nationalities,
            documents=self._documents(birth, sex, fled, nationalities),
            former_employer=job[0],
            former_post=rng.choice(job[1]),
            is_functionary=functionary,
            red_notice_number=red_number,
            red_notice_issued=red_issued,
            red_notice_withdrawn=red_withdrawn,
            hundred_list_number=hundred_number,
            whereabouts=whereabouts,
            returned=returned,
        )

    def _names(self, name: str, sex: str) -> tuple[tuple[str, str], ...]:
        names = [(name, NameKind.PRIMARY)]
        if self.chance(t.TRADITIONAL_ALIAS_SHARE):
            hant = traditional(name)
            if hant != name and to_simplified(hant) == name:
                names.append((hant, NameKind.ALIAS))
        if self.chance(t.ROMANISATION_SHARE):
            names.append((romanise(name, self.styles.draw(self.rng)), NameKind.ROMANISATION))
        if self.chance(t.WESTERN_NAME_SHARE):
            first = self.rng.choice(t.WESTERN_MALE if sex == Sex.MALE else t.WESTERN_FEMALE)
            names.append((f"{first} {romanise(name, 'western').rsplit(' ', 1)[1]}", NameKind.ALIAS))
        return tuple(names)

    def _return(self, opened: datetime.date, hundred: bool) -> tuple[datetime.date, str] | None:
        """The day and method of the return, if the person has come back by `until`."""
        rng = self.rng
        if hundred:
            roll, day = rng.random(), None
            for share, first, last in t.HUNDRED_RETURNS:
                if roll < share:
                    day = self.day_between(first, min(last, self.until))
                    break
                roll -= share
        else:
            earliest = opened + 30 * DAY
            if not self.chance(t.RETURN_SHARE) or earliest > self.until:
                return None
            day = earliest + int(rng.expovariate(1 / t.RETURN_DELAY_MEAN_DAYS)) * DAY
            if day > self.until:
                day = self.day_between(earliest, self.until)
        return (day, self.methods.draw(rng)) if day else None

    def _whereabouts(
        self, fled: datetime.date, opened: datetime.date, came_back: tuple[datetime.date, str] | None, hundred: bool
    ) -> tuple[WhereaboutsPlan, ...]:
        """Countries lived in since the flight; the last one is where a returner came back from."""
        rng = self.rng
        returned, method = came_back or (None, "")
        end = returned or self.until
        span = (end - fled).days
        count = min(self.whereabouts_counts.draw(rng), max(1, span // 60))
        starts = [fled] + sorted(fled + rng.randrange(1, span) * DAY for _ in range(count - 1))
        countries: list[str] = []
        for i in range(count):
            last = i == count - 1
            table = self.hundred_destinations if hundred and i == 0 else self.destinations
            if last and method == ReturnMethod.EXTRADITION:
                table = self.extradition_partners
            country = table.draw(rng)
            while countries and country == countries[-1]:  # a move is to another country
                country = table.draw(rng)
            countries.append(country)
        dates_from = [partial(starts[0], self.date_precision.draw(rng))]
        dates_from += [partial(day, self.date_precision.draw(rng)) for day in starts[1:]]
        records = []
        recorded = opened - DAY
        for i, country in enumerate(countries):
            last = i == count - 1
            if not last:
                date_to = dates_from[i + 1]
            elif returned is None:
                date_to = ""
            elif method == ReturnMethod.CAUGHT_AT_HOME:  # came back unseen some time before the arrest
                date_to = max(starts[i], returned - rng.randrange(30, 365) * DAY).isoformat()
            else:
                date_to = returned.isoformat()
            confirmed = last and returned is not None and method != ReturnMethod.CAUGHT_AT_HOME
            # Learnt some weeks after the case was opened or the move happened, one piece after the other.
            learnt = max(recorded + DAY, opened, starts[i]) + rng.randrange(7, 240) * DAY
            recorded = min(learnt, end)
            records.append(
                WhereaboutsPlan(
                    country=country,
                    place=rng.choice(t.PLACES[country]) if country in t.PLACES and self.chance(0.7) else "",
                    date_from=dates_from[i],
                    date_to=date_to,
                    confidence=Confidence.CONFIRMED if confirmed else self.confidences.draw(rng),
                    source=self.sources.draw(rng),
                    recorded_on=recorded,
                )
            )
        return tuple(records)

    def _foreign_nationality(self, whereabouts: tuple[WhereaboutsPlan, ...]) -> tuple[str, ...]:
        if not self.chance(t.FOREIGN_NATIONALITY_SHARE):
            return ()
        lived = [w.country for w in whereabouts if w.country in t.NATURALISING]
        return (lived[0] if lived and self.chance(0.7) else self.citizenship.draw(self.rng),)

    def _documents(
        self, birth: datetime.date, sex: str, fled: datetime.date, nationalities: tuple[str, ...]
    ) -> tuple[DocumentPlan, ...]:
        rng = self.rng
        odd = 1 if sex == Sex.MALE else 0
        # Area codes from 99: no such prefecture, so a demo number can never be a real person's.
        id_card = self.unique(
            lambda: id_card_number(
                f"99{rng.randrange(10_000):04d}", birth, rng.randrange(50) * 20 + 2 * rng.randrange(5) + odd
            )
        )
        documents = [DocumentPlan(DocumentKind.ID_CARD, id_card, "CN")]
        if self.chance(t.PASSPORT_SHARE):
            issued = fled - rng.randrange(60, 3000) * DAY
            series = "E" if issued >= E_SERIES_FROM else "G"  # the G numbers ran out in 2014
            number = self.unique(lambda: f"{series}{rng.randrange(100_000_000):08d}")
            documents.append(DocumentPlan(DocumentKind.PASSPORT, number, "CN", issued, _years_later(issued, 10) - DAY))
        if len(nationalities) > 1 and self.chance(t.FOREIGN_PASSPORT_SHARE):
            issued = fled + rng.randrange(365, 8 * 365) * DAY
            if issued <= self.until:
                letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
                number = self.unique(lambda: f"{letters}{rng.randrange(10_000_000):07d}")
                documents.append(
                    DocumentPlan(
                        DocumentKind.FOREIGN_PASSPORT, number, nationalities[1], issued, _years_later(issued, 10) - DAY
                    )
                )
        return tuple(documents)

    def _red_notice(
        self, opened: datetime.date, returned: ReturnPlan | None, hundred_number: int | None
    ) -> tuple[str, datetime.date | None, datetime.date | None]:
        rng = self.rng
        if hundred_number is None and not self.chance(self.red_notice_share):
            return "", None, None
        first = opened + (7 if hundred_number else 30) * DAY
        last = t.HUNDRED_LIST_PUBLISHED - DAY if hundred_number else first + 400 * DAY
        last = min(last, self.until, returned.date - DAY if returned else self.until)
        if last < first:
            return "", None, None
        issued = self.day_between(first, last)
        withdrawn = returned.date + rng.randrange(14, 180) * DAY if returned else None
        if withdrawn and withdrawn > self.until:
            withdrawn = None
        return f"A-{rng.randrange(1, 10_000)}/{issued.month}-{issued.year}", issued, withdrawn

    # Assets abroad.

    def _assets(self, members: list[PersonPlan], opened: datetime.date) -> tuple[AssetPlan, ...]:
        assets = []
        for _ in range(self.asset_counts.draw(self.rng)):
            holder = members[0] if len(members) == 1 or self.chance(0.8) else members[1]
            asset = self._asset(holder, opened)
            if asset:
                assets.append(asset)
        return tuple(assets)

    def _asset(self, holder: PersonPlan, opened: datetime.date) -> AssetPlan | None:
        rng = self.rng
        identified = opened + rng.randrange(30, 900) * DAY
        if identified > self.until:
            return None
        if self.chance(t.ASSET_IN_WHEREABOUTS_SHARE):
            jurisdiction = rng.choice(holder.whereabouts).country
        else:
            jurisdiction = self.asset_havens.draw(rng)
        currency = t.CURRENCIES.get(jurisdiction, Currency.USD)
        rate = t.CNY_PER_UNIT[currency]
        value = _money(math.exp(rng.gauss(math.log(t.ASSET_MEDIAN_CNY), 1.2)) / rate)
        kind = self.asset_kinds.draw(rng)
        final = self.asset_stages.draw(rng)
        path = [AssetStage.TRACED, AssetStage.FROZEN, AssetStage.CONFISCATED, AssetStage.RETURNED]
        if final == AssetStage.RELEASED:
            path = [*path[: rng.randrange(len(path))], AssetStage.RELEASED]
        elif final == AssetStage.IDENTIFIED:
            path = []
        else:
            path = path[: path.index(final) + 1]
        stages, day = [], identified
        for stage in path:
            day += rng.randrange(30, 500) * DAY
            if day > self.until:
                break
            stages.append((stage, day))
        recovered = {}
        if stages and stages[-1][0] == AssetStage.RETURNED:
            share = rng.uniform(0.4, 1.0)
            held = self.recoveries.random() < t.RECOVERED_IN_HELD_CURRENCY_SHARE
            recovered = {
                "recovered_amount": Decimal(f"{float(value) * share * (1 if held else rate):.2f}"),
                "recovered_currency": currency if held else Currency.CNY,
                "recovered_on": stages[-1][1],
            }
        return AssetPlan(
            holder=holder.key,
            kind=kind,
            description=self._asset_description(kind, jurisdiction),
            jurisdiction=jurisdiction,
            value=value,
            value_currency=currency,
            valued_on=identified,
            stages=tuple(stages),
            **recovered,
        )

    def _asset_description(self, kind: str, jurisdiction: str) -> str:
        rng = self.rng
        city = rng.choice(t.PLACES.get(jurisdiction, ("境外",)))
        tail = f"{rng.randrange(10_000):04d}"
        return {
            "real_estate": f"{city}{rng.choice(('住宅', '别墅', '公寓', '商铺'))}一处",
            "bank_account": f"{city}银行账户（尾号{tail}）",
            "company_share": f"{city}{rng.choice(('离岸公司', '贸易公司', '投资公司'))}股权",
            "securities": f"{city}证券账户（尾号{tail}）",
            "vehicle": f"{city}豪华轿车一辆",
            "cash": f"{city}保险箱现金",
        }.get(kind, f"{city}{rng.choice(('珠宝首饰', '艺术品', '名表'))}")


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def cases(*, persons: int, seed: int = DEFAULT_SEED, until: datetime.date = t.UNTIL) -> Iterator[CasePlan]:
    """The cases of `persons` persons, in the order they are written; persons are numbered 0.. in that order."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    sizes: list[int] = []
    remaining = persons
    while remaining > 0:
        size = 2 if remaining > 1 and rng.random() < t.ACCOMPLICE_SHARE else 1
        sizes.append(size)
        remaining -= size
    hundred_count = min(100, persons // t.HUNDRED_LIST_PER_PERSONS)
    hundred = {index: number for number, index in enumerate(rng.sample(range(len(sizes)), hundred_count), start=1)}
    others = max(1, persons - hundred_count)
    planner = CasePlanner(
        rng,
        recoveries=random.Random(f"recoveries:{seed}"),  # noqa: S311 - synthetic data, not secrets
        until=until,
        red_notice_share=max(0.0, t.RED_NOTICE_SHARE * persons - hundred_count) / others,
        central_share=max(0.0, t.CENTRAL_KEY_CASE_SHARE * len(sizes) - hundred_count)
        / max(1, len(sizes) - hundred_count),
    )
    for index, size in enumerate(sizes):
        yield planner.case(size=size, hundred_number=hundred.get(index))


# --- The order things happened in a case ---------------------------------------------------------------------------

WHEREABOUTS, LOCATED, RETURN, ASSET, STAGE = "whereabouts", "located", "return", "asset", "stage"
_RANK = {WHEREABOUTS: 0, LOCATED: 1, RETURN: 2, ASSET: 3, STAGE: 4}


@dataclass(frozen=True, slots=True)
class Step:
    """One thing that happened to a case after its opening, on `day`; a writer replays them in order."""

    day: datetime.date
    kind: str
    person: PersonPlan | None = None
    whereabouts: WhereaboutsPlan | None = None
    asset: AssetPlan | None = None
    stage: str = ""


def chronology(plan: CasePlan) -> list[Step]:
    """The case's steps by date: whereabouts learnt, located, returns, assets found and their later stages.

    On one day, whereabouts come before the status they justify and the status before a return, which the
    lifecycle requires (a returned case cannot become "located").
    """
    steps = []
    for person, _role in plan.members:
        steps += [Step(w.recorded_on, WHEREABOUTS, person, whereabouts=w) for w in person.whereabouts]
        if person.returned:
            steps.append(Step(person.returned.date, RETURN, person))
    if plan.located_on:
        steps.append(Step(plan.located_on, LOCATED))
    for asset in plan.assets:
        steps.append(Step(asset.valued_on, ASSET, asset=asset))
        steps += [Step(day, STAGE, asset=asset, stage=stage) for stage, day in asset.stages]
    return sorted(steps, key=lambda step: (step.day, _RANK[step.kind]))
