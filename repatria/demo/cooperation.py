"""The demo's international cooperation: treaties with China, networks, foreign authorities and their contact persons.

Every treaty is demo data (`is_demo`) and titled "（演示）…" / "(Demo) …", so nobody can take it for a real one;
authorities are named "（演示）…" and contact persons are made-up names with reserved addresses (example.org, 555
numbers). Extradition treaties are in force with the states the demo's extraditions come from
(tables.EXTRADITION_PARTNERS); Australia, a party to UNCAC in the shipped reference list, has a mutual legal
assistance treaty and no extradition treaty. Reference records have no service: both writers save them after the
models' validation, as their forms do.
"""

import datetime
import random
from dataclasses import dataclass

from repatria.cooperation.models import Authority, Channel, ContactPerson, Network, Treaty, TreatyKind
from repatria.core.services import create_record
from repatria.geo.models import Country

from . import tables as t

# A state the shipped list names as a UNCAC party that has no extradition treaty in the demo (and many fugitives).
UNCAC_PARTY_WITHOUT_EXTRADITION = "AU"

KIND_TITLES = {
    TreatyKind.EXTRADITION: ("引渡条约", "Extradition Treaty"),
    TreatyKind.MLA: ("关于刑事司法协助的条约", "Treaty on Mutual Legal Assistance in Criminal Matters"),
    TreatyKind.ASSET_RETURN: ("关于分享和返还被追缴资产的协定", "Agreement on Sharing and Returning Forfeited Assets"),
    TreatyKind.TRANSFER: ("关于移管被判刑人的条约", "Treaty on the Transfer of Sentenced Persons"),
    TreatyKind.FIU_MOU: ("金融情报交流合作谅解备忘录", "MoU on the Exchange of Financial Intelligence"),
    TreatyKind.LAW_ENFORCEMENT_MOU: ("执法合作谅解备忘录", "MoU on Law-Enforcement Cooperation"),
}  # fmt: skip
IN_FORCE, SIGNED, TERMINATED = "in_force", "signed", "terminated"
# Beside an extradition treaty in force with every extradition partner: (state, type, status).
OTHER_TREATIES = (
    ("AU", TreatyKind.MLA, IN_FORCE), ("CA", TreatyKind.MLA, IN_FORCE), ("CA", TreatyKind.ASSET_RETURN, IN_FORCE),
    ("US", TreatyKind.MLA, IN_FORCE), ("US", TreatyKind.LAW_ENFORCEMENT_MOU, IN_FORCE),
    ("NZ", TreatyKind.LAW_ENFORCEMENT_MOU, TERMINATED), ("NZ", TreatyKind.MLA, SIGNED),
    ("FR", TreatyKind.MLA, IN_FORCE), ("TH", TreatyKind.TRANSFER, IN_FORCE), ("SG", TreatyKind.FIU_MOU, IN_FORCE),
    ("GB", TreatyKind.MLA, SIGNED),
    ("IT", TreatyKind.TRANSFER, SIGNED), ("ES", TreatyKind.MLA, IN_FORCE),
)  # fmt: skip

ACT_NET, G20, JLG, INTERPOL, EGMONT = "act-net", "g20", "jlg", "interpol", "egmont"
NETWORKS = {
    ACT_NET: ("亚太经合组织反腐败执法合作网络（ACT-NET）", "APEC anti-corruption law-enforcement network (ACT-NET)"),
    G20: ("二十国集团拒绝入境执法合作网络", "G20 denial-of-entry network"),
    JLG: ("中美执法合作联合联络小组追逃追赃工作组", "China–US JLG working group on fugitives and assets"),
    INTERPOL: ("国际刑警组织国家中心局", "INTERPOL National Central Bureaus"),
    EGMONT: ("埃格蒙特集团金融情报机构", "Egmont Group of Financial Intelligence Units"),
}  # fmt: skip
APEC = frozenset({"US", "CA", "AU", "NZ", "TH", "SG"})
G20_MEMBERS = frozenset({"US", "CA", "AU", "GB", "FR"})
# The states with demo authorities, each with the time zone of its capital.
TIME_ZONES = {
    "US": "America/New_York", "CA": "America/Toronto", "AU": "Australia/Sydney", "NZ": "Pacific/Auckland",
    "TH": "Asia/Bangkok", "SG": "Asia/Singapore", "GB": "Europe/London", "FR": "Europe/Paris",
}  # fmt: skip
# Made-up names: a first name and a surname nobody bears as a real officer of these authorities.
FIRST_NAMES = ("Alex", "Sam", "Jordan", "Robin", "Casey", "Morgan", "Taylor", "Jamie")
SURNAMES = ("Example", "Sample", "Placeholder", "Demoson")
ROLES = ("desk officer", "liaison officer", "legal adviser", "head of international cooperation")


@dataclass(frozen=True, slots=True)
class TreatyPlan:
    country: str
    kind: str
    signed_on: datetime.date
    in_force_on: datetime.date | None
    terminated_on: datetime.date | None

    def fields(self, countries: dict[str, Country]) -> dict:
        country = countries[self.country]
        title_zh, title_en = KIND_TITLES[TreatyKind(self.kind)]
        return {
            "country": country, "kind": self.kind, "is_demo": True, "signed_on": self.signed_on,
            "title_zh": f"（演示）中华人民共和国和{country.name_zh}{title_zh}",
            "title_en": f"(Demo) {title_en} between the People's Republic of China and {country.name_en}",
            "ratified_on": self.in_force_on - datetime.timedelta(days=30) if self.in_force_on else None,
            "in_force_on": self.in_force_on, "terminated_on": self.terminated_on,
            "notes": "演示数据，并非真实条约。Demo data: not a real treaty.",
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class AuthorityPlan:
    country: str
    kind: str  # "central", "ncb" or "fiu"
    networks: tuple[str, ...]
    people: tuple[tuple[str, str, str], ...]  # (name, role, channel)


def treaties(seed: int) -> list[TreatyPlan]:
    rng = random.Random(f"treaties:{seed}")  # noqa: S311 - synthetic data, not secrets
    wanted = [(code, TreatyKind.EXTRADITION, IN_FORCE) for code, _weight in t.EXTRADITION_PARTNERS]
    plans = []
    for country, kind, status in [*wanted, *OTHER_TREATIES]:
        last_year = 2005 if status == TERMINATED else 2016  # a terminated one ended years ago
        signed = datetime.date(rng.randint(1993, last_year), rng.randint(1, 12), rng.randint(1, 28))
        in_force = signed + datetime.timedelta(days=rng.randint(200, 900)) if status != SIGNED else None
        ended = in_force + datetime.timedelta(days=rng.randint(1500, 3000)) if status == TERMINATED else None
        plans.append(TreatyPlan(country, kind, signed, in_force, ended))
    return plans


def authorities(seed: int) -> list[AuthorityPlan]:
    rng = random.Random(f"authorities:{seed}")  # noqa: S311 - synthetic data, not secrets
    plans = []
    for country in TIME_ZONES:
        central = tuple(n for n, member in ((ACT_NET, country in APEC), (G20, country in G20_MEMBERS),
                                            (JLG, country == "US")) if member)  # fmt: skip
        for kind, networks in (("central", central), ("ncb", (INTERPOL,)), ("fiu", (EGMONT,))):
            people = tuple(
                (f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", rng.choice(ROLES), rng.choice(Channel.values))
                for _ in range(rng.randint(1, 2))
            )
            plans.append(AuthorityPlan(country, kind, networks, people))
    return plans


AUTHORITY_NAMES = {
    "central": ("{country}反腐败执法中央机关", "Central anti-corruption authority of {country}"),
    "ncb": ("国际刑警组织{country}国家中心局", "INTERPOL NCB of {country}"),
    "fiu": ("{country}金融情报机构", "Financial intelligence unit of {country}"),
}


def write(seed: int) -> None:
    """The treaties, the networks, and the authorities with their contact persons."""
    countries = Country.objects.in_bulk()
    for plan in treaties(seed):
        create_record(Treaty, **plan.fields(countries))
    networks = {key: create_record(Network, name_zh=zh, name_en=en) for key, (zh, en) in NETWORKS.items()}
    number = 0
    for plan in authorities(seed):
        country = countries[plan.country]
        zh, en = AUTHORITY_NAMES[plan.kind]
        authority = create_record(
            Authority, country=country, name_zh="（演示）" + zh.format(country=country.name_zh),
            name_en="(Demo) " + en.format(country=country.name_en), networks=[networks[n] for n in plan.networks],
        )  # fmt: skip
        for name, role, channel in plan.people:
            number += 1
            create_record(
                ContactPerson, authority=authority, name=name, role=role, channel=channel, languages="English",
                phone=f"+1 555 01{number:02d}", email=f"contact{number}@example.org",
                secure_address=f"demo-{number}@secure.example.org", time_zone=TIME_ZONES[plan.country],
            )  # fmt: skip
