"""The screening evaluation set: a synthetic list of persons and queries in every variant kind, with the truth.

    python bench/screening/dataset.py --listed 100000 --out var/screening-eval   # writes list.jsonl, queries.jsonl

Deterministic by seed: the same arguments give the same files. Every name is synthetic (drawn from the demo
generator's surname frequencies and given-name characters, never one of its blocked names). Queries are written by
``render`` (pypinyin, ToJyutping, OpenCC and our own tables), never by the engine's own romanisation; the kinds of
issue 17 by ``variants`` (random typing and scanning errors from ``typos``, the published romanisation tables of
``romanisations``, pycantonese and cantonese-romanisation, which the engine does not use).

Positive kinds (the query is a listed person, written another way) and hard negatives (the query is nobody on the
list; any match flagged for it is a false positive), each negative written in one of the name kinds so that it
counts toward that kind's precision. A flagged listed person other than the expected one counts as a false positive
unless it is a *namesake*: the same name in the query's own writing system (same characters; same pinyin, Wade-Giles
or Jyutping syllables) with no birth date or sex that contradicts the query, i.e. somebody the query cannot tell apart.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import itertools
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import name_tables  # noqa: E402
import render  # noqa: E402
import variants  # noqa: E402
from pypinyin import lazy_pinyin  # noqa: E402

DEFAULT_SEED = 2026
DEFAULT_LISTED = 100_000

# Positive kinds, in the order of the tables; "system" is how a namesake is recognised.
KINDS = {
    "characters": "simplified characters as listed (sometimes a space after the surname)",
    "traditional": "traditional characters (OpenCC s2t)",
    "pinyin": "Hanyu Pinyin: Zhang Weiguo, ZHANG Weiguo, ZHANG WEIGUO",
    "pinyin_surnames": "pinyin of the surnames read otherwise: 曾 Zeng 单 Shan 仇 Qiu 区 Ou 查 Zha 解 Xie 覃 Qin "
    "乐 Yue 朴 Piao",
    "compound_surname": "compound surnames in pinyin (欧阳 Ouyang, 司马 Sima, 诸葛 Zhuge, 上官 Shangguan …): "
    "Ouyang Ming, Ou-Yang Ming, Ou Yang Ming, Ming Ouyang",
    "tone_marks": "pinyin with tone marks and diacritics: Zhāng Wěiguó, LǙ Lì",
    "wade_giles": "Wade-Giles as in Taiwan (no apostrophes or umlauts): Chang Hsiu-chu, CHANG, HSIU-CHU",
    "cantonese": "Hong Kong Cantonese: CHEUNG Sau Chu, Cheung Sau-chu, Sau Chu Cheung",
    "surname_last": "surname last: Weiguo Zhang, Wei-Guo Zhang, WEIGUO ZHANG",
    "spacing": "spaces, hyphens, run-together syllables, capitals: ZHANG WEI GUO, zhangweiguo, Zhang Wei-Guo, "
    "ZHANG, Weiguo",
    "western_name": "an adopted Western first name: David Zhang Wei, David Wei Zhang, ZHANG Wei David, "
    "David Cheung Sau-chu",
    "common_name": "a name shared by many listed persons, with the full birth date that tells them apart",
    "latin_foreign": "non-Chinese names in Latin letters: order, capitals, diacritics (Müller, Mueller, Muller)",
    "other_script": "Russian, Greek and Korean names in another script or transliteration than the list's",
    "document": "passport or identity-card number only (the name a new, unrelated one), written with spaces or hyphens",
}
NAME_KINDS = ("characters", "traditional", "pinyin", "tone_marks", "wade_giles", "cantonese", "surname_last", "spacing")
NEGATIVES = {
    "neg_birth_year": "a listed person's name with a birth date of another year (no namesake born that year)",
    "neg_one_syllable": "one syllable changed (Zhang Wei / Zhang Wen / Wang Wei) into a name nobody on the list has",
    "neg_common_name": "a name shared by many listed persons, with a birth date none of them has",
}
# Issue 17's kinds (typing and reading errors, the romanisations met abroad) and their hard negatives: asked by
# ``generate(..., independent=True)``, after the kinds above so that those keep their queries and ids.
INDEPENDENT_KINDS = variants.KINDS
INDEPENDENT_NEGATIVES = {
    "neg_typo": "one letter changed into another real name nobody on the list has (Zhang Wei / Zhang Wen, Lin / Lian), "
    "as typed or scanned: the same edit distance as a typo, but somebody else",
    "neg_romanised": "one syllable changed into a name nobody on the list has, written in one of the romanisations of "
    "issue 17 (Wade-Giles with marks, Tongyong, MPS II, Jyutping, Yale, dialect surnames, Palladius, MRZ …)",
}
ALL_KINDS = KINDS | INDEPENDENT_KINDS
ALL_NEGATIVES = NEGATIVES | INDEPENDENT_NEGATIVES
# The kinds each hard negative is written in (and counts toward the precision of).
NEGATIVE_KINDS = {"neg_typo": variants.TYPO_KINDS, "neg_romanised": variants.ROMANISED_KINDS}
# What a query knows of the birth date: the share of each precision.
DATE_MODES = (("full", 45), ("month", 10), ("year", 20), ("none", 25))
LISTED_PRECISION = (("day", 70), ("year", 20), ("month", 10))
# A positive query that fits more listed persons than this (namesakes it cannot tell apart, itself included) is not
# asked: its honest answer is the crowd, not one person.
MAX_NAMESAKES = 5
CHINESE_SHARE = 0.9
PASSPORT_SPELLING_SHARE = 0.85  # listed persons with their pinyin as the passport spells it
TRADITIONAL_ALIAS_SHARE = 0.10
FOREIGN_NATIONALITY_SHARE = 0.15
FOREIGN_NATIONALITIES = ("us", "ca", "au", "nz", "sg", "gb", "th", "my")
# Rare surnames of the variant kinds, weighted up so that a list holds enough of them to sample (weights as in
# tables.SURNAMES: % of the population).
EXTRA_SURNAMES = (
    ("单", 0.08), ("仇", 0.05), ("区", 0.05), ("查", 0.05), ("解", 0.05), ("乐", 0.05), ("朴", 0.05),
    ("东方", 0.02), ("皇甫", 0.02), ("夏侯", 0.02), ("慕容", 0.02), ("公孙", 0.02), ("令狐", 0.02),
)  # fmt: skip
BOOSTED = {"欧阳": 0.10, "司马": 0.06, "诸葛": 0.06, "上官": 0.06, "司徒": 0.04, "覃": 0.19, "曾": 0.64}

# Non-Chinese persons: Latin-script names (some with diacritics), Russian, Greek and Korean.
FOREIGN_SCRIPTS = (("Latn", 50), ("Cyrl", 30), ("Grek", 10), ("Hang", 10))
LATIN_FIRST_MALE = (
    "Hans", "Jürgen", "Stefan", "Pierre", "François", "Jérôme", "José", "Andrés", "Luca", "Marco", "Thomas",
    "James", "Robert", "Mark", "Brian", "Søren", "Lars", "Piotr", "Tomáš", "Miguel", "Sébastien", "Matteo",
)  # fmt: skip
LATIN_FIRST_FEMALE = (
    "Anna", "Sophie", "Chloé", "Inés", "María", "Giulia", "Laura", "Sarah", "Karin", "Zoë", "Agnès", "Lucía",
)  # fmt: skip
LATIN_SURNAMES = (
    "Müller", "Schröder", "Weiß", "Köhler", "Dupont", "Lefèvre", "Girard", "Bonnet", "García", "Martínez",
    "Fernández", "López", "Núñez", "Rossi", "Bianchi", "Ricci", "Esposito", "Smith", "Brown", "Taylor", "Wilson",
    "Walker", "Novák", "Dvořák", "Kowalski", "Wiśniewski", "Nagy", "Horváth", "Jensen", "Sørensen", "Öztürk",
    "Yılmaz", "Ferreira", "Gonçalves", "Peeters", "Janssens", "Lindqvist", "Åberg", "O'Brien", "MacLeod",
)  # fmt: skip
RUSSIAN_FIRST_MALE = (
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Николай", "Юрий", "Евгений", "Михаил", "Игорь", "Олег", "Александр",
    "Вячеслав", "Максим", "Константин", "Григорий", "Фёдор",
)  # fmt: skip
RUSSIAN_FIRST_FEMALE = ("Наталья", "Екатерина", "Юлия", "Татьяна", "Ольга", "Ксения", "Анастасия", "Мария")
RUSSIAN_SURNAMES = (
    "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв",
    "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров",
    "Михайлов", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев", "Ковалёв", "Ильин", "Гусев",
    "Кудрявцев", "Баранов", "Куликов", "Алексеев", "Степанов", "Яковлев", "Сорокин", "Захаров", "Борисов", "Щукин",
)  # fmt: skip
GREEK_FIRST_MALE = ("Γιώργος", "Νίκος", "Δημήτρης", "Κώστας", "Γιάννης", "Χρήστος", "Παναγιώτης", "Βασίλης")
GREEK_FIRST_FEMALE = ("Μαρία", "Ελένη", "Κατερίνα", "Σοφία", "Δέσποινα")
GREEK_SURNAMES = (
    "Παπαδόπουλος", "Παπαδάκης", "Γεωργίου", "Οικονόμου", "Νικολάου", "Βασιλείου", "Κωνσταντίνου", "Ιωάννου",
    "Δημητρίου", "Αλεξίου", "Μαυρίδης", "Χατζηδάκης", "Σταματόπουλος", "Αθανασίου",
)  # fmt: skip
FOREIGN_NATIONALITY = {"Latn": ("de", "fr", "es", "it", "us", "gb", "pl", "cz", "tr"), "Cyrl": ("ru",)}
FOREIGN_NATIONALITY |= {"Grek": ("gr", "cy"), "Hang": ("kr",)}
# Surnames for the new names of the "document" kind: on nobody's list entry.
NEW_SURNAMES = ("Whitfield", "Ashcombe", "Delacroix-Ward", "Thornbury", "Vandermeer", "Ellingsworth", "Marchetti")


@dataclass
class Person:
    id: str
    script: str  # "Han", "Latn", "Cyrl", "Grek", "Hang"
    name: str  # the name in its own script (characters for a Chinese person)
    names: tuple[str, ...]  # as the registry holds them
    sex: str
    born: datetime.date  # the true date
    birth_date: str  # as listed: YYYY-MM-DD, YYYY-MM or YYYY
    nationalities: tuple[str, ...]
    passport: str = ""
    id_number: str = ""
    latin: str = ""  # a foreign person's Latin spelling (ICAO, ELOT, customary Korean, or the Latin name itself)
    native_only: bool = False  # a foreign person listed only in their own script
    latin_only: bool = False  # … only in Latin letters

    def to_ftm(self) -> dict:
        props: dict[str, list[str]] = {"name": [self.names[0]], "gender": [self.sex], "birthDate": [self.birth_date]}
        if len(self.names) > 1:
            props["alias"] = list(self.names[1:])
        props["nationality"] = list(self.nationalities)
        if self.passport:
            props["passportNumber"] = [self.passport]
        if self.id_number:
            props["idNumber"] = [self.id_number]
        return {"id": self.id, "schema": "Person", "properties": props}


@dataclass
class Query:
    id: str
    kind: str  # the variant kind its name is written in
    negative: str  # "" for a positive, else the NEGATIVES key
    expected: str  # the listed person's id ("" for a negative)
    names: tuple[str, ...]
    system: str  # "chars", "latin" (Chinese syllables in letters), "foreign", "" (no namesakes: document)
    key: str  # the name's key in that system: simplified characters, sorted folded syllables, folded words
    birth_date: str = ""
    date_mode: str = "none"
    gender: str = ""
    nationality: str = ""
    documents: tuple[str, ...] = ()
    note: str = ""  # how it was made ("张伟 -> 张文", "popular transliteration")

    def to_ftm(self) -> dict:
        props: dict[str, list[str]] = {"name": list(self.names)}
        if self.birth_date:
            props["birthDate"] = [self.birth_date]
        if self.gender:
            props["gender"] = [self.gender]
        if self.nationality:
            props["nationality"] = [self.nationality]
        if self.documents:
            props["idNumber"] = list(self.documents)
        return {"id": self.id, "schema": "Person", "properties": props}


@dataclass
class Dataset:
    seed: int
    persons: list[Person]
    queries: list[Query]
    by_id: dict[str, Person] = field(default_factory=dict)
    namesakes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    keys: dict[str, dict] = field(default_factory=dict)  # person id -> system -> key (a set of keys for "latin")
    crowded: int = 0  # positive queries not asked (more than MAX_NAMESAKES namesakes)

    def is_namesake(self, query: Query, person_id: str) -> bool:
        """Whether the listed person has the query's name in its system and nothing that contradicts it."""
        keys = self.keys.get(person_id, {}).get(query.system)
        if (
            not query.system
            or keys is None
            or (query.key not in keys if isinstance(keys, frozenset) else keys != query.key)
        ):
            return False
        person = self.by_id[person_id]
        if query.gender and query.gender != person.sex:
            return False
        return dates_compatible(query.birth_date, person.birth_date)


# What a matcher answers, ours and each peer's alike (evaluate.py judges them, peers.py runs the peers).
@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    flagged: bool


Results = dict[str, list[Hit]]  # query id -> results, best first


def dates_compatible(a: str, b: str) -> bool:
    """Whether two (partial) ISO dates may be the same day."""
    if not a or not b:
        return True
    size = min(len(a), len(b))
    return a[:size] == b[:size]


# ---- drawing -------------------------------------------------------------------------------------------------------


class Weighted:
    def __init__(self, pairs) -> None:
        self.items = [item for item, _w in pairs]
        self.cumulative = list(itertools.accumulate(w for _i, w in pairs))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _surname_weights() -> list[tuple[str, float]]:
    weights = dict(name_tables.surnames())
    weights.update(dict(EXTRA_SURNAMES))
    weights.update(BOOSTED)
    return list(weights.items())


class Names:
    """Chinese names by surname frequency and the demo's given-name characters; never a blocked name."""

    def __init__(self) -> None:
        self.surnames = Weighted(_surname_weights())
        self.given = {"male": Weighted(name_tables.male_given()), "female": Weighted(name_tables.female_given())}
        self.single = name_tables.single_given_share()

    def draw(self, rng: random.Random, sex: str) -> str:
        while True:
            name = self.surnames.draw(rng) + self.given[sex].draw(rng)
            if rng.random() >= self.single:
                name += self.given[sex].draw(rng)
            if not name_tables.is_blocked(name):
                return name


def _date(rng: random.Random) -> datetime.date:
    start = datetime.date(1945, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(1985, 12, 31).toordinal()))


def _partial(day: datetime.date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]


def _id_card(rng: random.Random, born: datetime.date) -> str:
    area = rng.choice(("110105", "310104", "440106", "330106", "320102", "350203", "510104", "420106"))
    body = f"{area}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _foreign_person(rng: random.Random, pid: str, sex: str, born: datetime.date, listed_date: str) -> Person:
    script = Weighted(FOREIGN_SCRIPTS).draw(rng)
    male = sex == "male"
    if script == "Latn":
        name = f"{rng.choice(LATIN_FIRST_MALE if male else LATIN_FIRST_FEMALE)} {rng.choice(LATIN_SURNAMES)}"
        latin = name
    elif script == "Cyrl":
        surname = rng.choice(RUSSIAN_SURNAMES) + ("" if male else "а")
        name = f"{rng.choice(RUSSIAN_FIRST_MALE if male else RUSSIAN_FIRST_FEMALE)} {surname}"
        latin = render.cyrillic_latin(name, "icao")
    elif script == "Grek":
        surnames = GREEK_SURNAMES if male else tuple(s for s in GREEK_SURNAMES if s.endswith("ου"))
        name = f"{rng.choice(GREEK_FIRST_MALE if male else GREEK_FIRST_FEMALE)} {rng.choice(surnames)}"
        latin = render.greek_latin(name, "elot")
    else:
        surname = rng.choice(render.KOREAN_SURNAMES)
        given = rng.sample(render.KOREAN_SYLLABLES, 2)
        name = surname[0] + given[0][0] + given[1][0]
        latin = f"{surname[1].upper()} {given[0][1]}{given[1][1].lower()}"
    native_only = latin_only = False
    if script == "Latn":
        names = (name,)
    else:
        roll = rng.random()
        native_only = roll < 0.15
        latin_only = 0.15 <= roll < 0.30 and script != "Hang"
        names = (name,) if native_only else (latin,) if latin_only else (name, latin)
    nationality = rng.choice(FOREIGN_NATIONALITY[script])
    return Person(pid, script, name, names, sex, born, listed_date, (nationality,), latin=latin,
                  native_only=native_only, latin_only=latin_only)  # fmt: skip


def generate_persons(listed: int, seed: int = DEFAULT_SEED) -> list[Person]:
    rng = random.Random(f"listed:{seed}")
    names = Names()
    precision = Weighted(LISTED_PRECISION)
    used_documents: set[str] = set()
    persons = []
    for i in range(listed):
        pid = f"L{i:06d}"
        sex = "male" if rng.random() < 0.8 else "female"
        born = _date(rng)
        listed_date = _partial(born, precision.draw(rng))
        if rng.random() < CHINESE_SHARE:
            name = names.draw(rng, sex)
            held = [name]
            if rng.random() < PASSPORT_SPELLING_SHARE:
                family, given = render.pinyin(name, umlaut="yu")
                held.append(f"{family.upper()} {given}".strip())
            if rng.random() < TRADITIONAL_ALIAS_SHARE and render.traditional(name) != name:
                held.append(render.traditional(name))
            nationalities = ("cn",)
            if rng.random() < FOREIGN_NATIONALITY_SHARE:
                nationalities += (rng.choice(FOREIGN_NATIONALITIES),)
            person = Person(pid, "Han", name, tuple(held), sex, born, listed_date, nationalities)
        else:
            person = _foreign_person(rng, pid, sex, born, listed_date)
        roll = rng.random()
        if roll < 0.6:
            while not person.passport or person.passport in used_documents:
                letter = "E" if person.script == "Han" else rng.choice("KLMNPRTX")
                person.passport = f"{letter}{rng.randint(10_000_000, 99_999_999)}"
            used_documents.add(person.passport)
        if person.script == "Han" and (roll >= 0.6 or rng.random() < 0.3):
            while not person.id_number or person.id_number in used_documents:
                person.id_number = _id_card(rng, born)
            used_documents.add(person.id_number)
        persons.append(person)
    return persons


# ---- keys: what makes two names the same in one writing system -----------------------------------------------------


def latin_keys(name: str) -> frozenset[str]:
    """Every way the characters ``name`` is written in Latin letters, as sorted folded syllables ("wei zhang"): in
    pinyin (ü as u or yu), Wade-Giles, and every Hong Kong spelling of its Cantonese. A query written so cannot tell
    this person from the one it was made from."""
    family, given = render.syllables(name)
    plain = family + given
    found = set()
    for combo in itertools.product(*({s.replace("v", "u"), s.replace("v", "yu")} for s in plain)):
        found.add(" ".join(sorted(combo)))
    found.add(" ".join(sorted(render.wade_giles_syllable(s) for s in plain)))
    jf, jg = render.jyutping(name)
    for combo in itertools.product(*(render.hk_options(s) for s in jf + jg)):
        found.add(" ".join(sorted(combo)))
    return frozenset(found)


def cantonese_keys(name: str) -> dict[str, frozenset[str]]:
    """The keys of the Cantonese-based systems of issue 17: Jyutping, Yale, and every Southeast Asian spelling of the
    surname with the pinyin given name (黄 and 吴 are both "Ng": a query so written cannot tell them apart)."""
    found = {"sea": frozenset(_key(parts) for parts in variants.sea_spellings(name))}
    for system in ("jyutping", "yale"):
        parts = variants.cantonese_parts(name, system)
        found[system] = frozenset([_key(parts)] if parts else [])
    return found


def foreign_key(person: Person) -> str:
    return " ".join(sorted(render.fold(w) for w in person.latin.split()))


def _keys(persons: list[Person], independent: bool) -> tuple[dict[str, dict], dict[tuple[str, str], list[str]]]:
    keys: dict[str, dict] = {}
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for person in persons:
        if person.script == "Han":
            found = {"chars": person.name, "latin": latin_keys(person.name)}
            if independent:
                found |= cantonese_keys(person.name)
            index["chars", person.name].append(person.id)
            for system, held in found.items():
                for key in held if isinstance(held, frozenset) else ():
                    index[system, key].append(person.id)
        else:
            found = {"foreign": foreign_key(person)}
            index["foreign", found["foreign"]].append(person.id)
        keys[person.id] = found
    return keys, dict(index)


# ---- rendering a Chinese name in a kind ----------------------------------------------------------------------------


def _key(syllables) -> str:
    return " ".join(sorted(render.fold(s) for s in syllables))


def render_chinese(kind: str, name: str, sex: str, rng: random.Random) -> tuple[str, str, str, str] | None:
    """(text, system, key, note) of the characters ``name`` written as ``kind`` writes it; system "chars" (key: the
    simplified name) or "latin" (key: the sorted folded syllables written), or a Cantonese system of issue 17; None
    when the kind cannot write this name."""
    if kind in variants.KINDS:
        made = variants.render_kind(kind, name, rng)
        return None if made is None else (made[0], made[1], _key(made[2]), made[3])
    umlaut = rng.choice(("u", "yu", "ü"))
    family, given = render.pinyin(name, umlaut=umlaut)
    plain = [s.replace("v", "yu" if umlaut == "yu" else "u") for part in render.syllables(name) for s in part]
    pinyin_key = _key(plain)
    surname, given_chars = render.split(name)
    if kind in ("characters", "common_name_chars"):
        return (f"{surname} {given_chars}" if rng.random() < 0.2 else name), "chars", name, ""
    if kind == "traditional":
        return render.traditional(name), "chars", name, ""
    if kind in ("pinyin", "pinyin_surnames", "common_name_pinyin"):
        style = rng.choice(("title", "title", "passport", "upper"))
        text = {
            "title": f"{family} {given}",
            "passport": f"{family.upper()} {given}",
            "upper": f"{family} {given}".upper(),
        }
        return text[style].strip(), "latin", pinyin_key, style
    if kind == "compound_surname":
        syl, _ = render.syllables(name)
        head, tail = syl[0].capitalize(), syl[1].capitalize()
        style = rng.choice(("joined", "upper", "hyphen", "spaced", "last"))
        text = {
            "joined": f"{family} {given}", "upper": f"{family.upper()} {given}", "hyphen": f"{head}-{tail} {given}",
            "spaced": f"{head} {tail} {given}", "last": f"{given} {family}",
        }  # fmt: skip
        return text[style].strip(), "latin", pinyin_key, style
    if kind == "tone_marks":
        tfamily, tgiven = render.pinyin_tones(name)
        style = rng.choice(("title", "upper_surname", "last"))
        text = {
            "title": f"{tfamily} {tgiven}",
            "upper_surname": f"{tfamily.upper()} {tgiven}",
            "last": f"{tgiven} {tfamily}",
        }
        tone_key = _key(s for part in render.syllables(name, "tone") for s in part)
        return text[style].strip(), "latin", tone_key, style
    if kind == "wade_giles":
        wfamily, wgiven = render.wade_giles(name)
        hyphened = "-".join(wgiven).capitalize()
        style = Weighted((("hyphen", 50), ("passport", 25), ("joined", 15), ("last", 10))).draw(rng)
        text = {
            "hyphen": f"{wfamily} {hyphened}", "passport": f"{wfamily.upper()}, {hyphened.upper()}",
            "joined": f"{wfamily} {''.join(wgiven).capitalize()}", "last": f"{hyphened} {wfamily}",
        }  # fmt: skip
        wg_key = _key(render.wade_giles_syllable(s) for part in render.syllables(name) for s in part)
        return text[style].strip().rstrip(","), "latin", wg_key, style
    if kind == "cantonese":
        cfamily, cgiven = render.cantonese_syllables(name, rng)
        family_text = "".join(cfamily).capitalize()
        style = Weighted((("passport", 35), ("hyphen", 35), ("last", 15), ("comma", 15))).draw(rng)
        spaced = " ".join(s.capitalize() for s in cgiven)
        hyphened = "-".join(cgiven).capitalize()
        text = {
            "passport": f"{family_text.upper()} {spaced}", "hyphen": f"{family_text} {hyphened}",
            "last": f"{spaced} {family_text}", "comma": f"{family_text.upper()}, {hyphened}",
        }  # fmt: skip
        return text[style].strip().rstrip(","), "latin", _key(cfamily + cgiven), style
    if kind == "surname_last":
        syl = render.syllables(name)[1]
        style = rng.choice(("title", "hyphen", "upper", "upper_surname"))
        hyphened = "-".join(s.replace("v", "u").capitalize() for s in syl)
        text = {"title": f"{given} {family}", "hyphen": f"{hyphened} {family}", "upper": f"{given} {family}".upper(),
                "upper_surname": f"{given} {family.upper()}"}  # fmt: skip
        if style == "hyphen":
            pinyin_key = _key(render.syllables(name)[0] + tuple(s.replace("v", "u") for s in syl))
        return text[style].strip(), "latin", pinyin_key, style
    if kind == "spacing":
        syl = [s.replace("v", "u") for s in render.syllables(name)[1]]
        spaced = " ".join(s.capitalize() for s in syl)
        style = rng.choice(
            ("upper_spaced", "spaced", "lower_joined", "camel_joined", "hyphen", "comma", "double_space")
        )
        text = {
            "upper_spaced": f"{family} {spaced}".upper(), "spaced": f"{family} {spaced}",
            "lower_joined": f"{family}{given}".lower(), "camel_joined": f"{family}{given}",
            "hyphen": f"{family} {'-'.join(s.capitalize() for s in syl)}", "comma": f"{family.upper()}, {given}",
            "double_space": f"{family.lower()}  {given.lower()}",
        }  # fmt: skip
        if style in ("upper_spaced", "spaced", "hyphen"):
            pinyin_key = _key(render.syllables(name)[0] + tuple(syl))
        return text[style].strip().rstrip(","), "latin", pinyin_key, style
    if kind == "western_name":
        western = rng.choice(name_tables.western_male() if sex == "male" else name_tables.western_female())
        style = Weighted((("first", 35), ("western_order", 25), ("after", 15), ("cantonese", 25))).draw(rng)
        if style == "cantonese":
            cfamily, cgiven = render.cantonese_syllables(name, rng)
            text = f"{western} {''.join(cfamily).capitalize()} {'-'.join(cgiven).capitalize()}"
            return " ".join(text.split()), "latin", _key(cfamily + cgiven), style
        text = {"first": f"{western} {family} {given}", "western_order": f"{western} {given} {family}",
                "after": f"{family.upper()} {given} {western}"}  # fmt: skip
        return " ".join(text[style].split()), "latin", pinyin_key, style
    raise ValueError(kind)


def _reading(chars: str, surname: bool) -> str:
    """Toneless pinyin of a surname (read as a surname) or a given-name character, ü as "v"."""
    if surname and chars in render.SURNAME_READINGS:
        return render.SURNAME_READINGS[chars][0]
    return "".join(lazy_pinyin(chars))


# ---- queries -------------------------------------------------------------------------------------------------------


class QueryMaker:
    def __init__(self, persons: list[Person], seed: int, independent: bool = False) -> None:
        self.persons = persons
        self.by_id = {p.id: p for p in persons}
        self.keys, self.namesakes = _keys(persons, independent)
        self.seed = seed
        self.names = Names()
        self.counter = itertools.count(1)
        self.dates = Weighted(DATE_MODES)
        self.crowded = 0  # positive queries not asked: too many namesakes
        self.syllable_tables: dict[str, dict[str, list[str]]] = {}

    def _rng(self, what: str) -> random.Random:
        return random.Random(f"{what}:{self.seed}")

    def _date(self, rng: random.Random, born: datetime.date) -> tuple[str, str]:
        mode = self.dates.draw(rng)
        return ("", "none") if mode == "none" else (_partial(born, "day" if mode == "full" else mode), mode)

    def _query(self, kind: str, negative: str, expected: str, names, system: str, key: str, **extra) -> Query:
        return Query(f"Q{next(self.counter):06d}", kind, negative, expected, tuple(names), system, key, **extra)

    def _extras(self, rng: random.Random, person: Person) -> dict:
        return {
            "gender": person.sex if rng.random() < 0.5 else "",
            "nationality": rng.choice(person.nationalities) if rng.random() < 0.25 else "",
        }

    def _sample(self, rng: random.Random, pool: list[Person], count: int) -> list[Person]:
        return rng.sample(pool, min(count, len(pool)))

    def positives(self, kind: str, count: int) -> Iterator[Query]:
        rng = self._rng(f"positive:{kind}")
        chinese = [p for p in self.persons if p.script == "Han"]
        if kind == "pinyin_surnames":
            pool = [p for p in chinese if render.split(p.name)[0] in render.TRICKY_SURNAMES]
        elif kind == "compound_surname":
            pool = [p for p in chinese if render.split(p.name)[0] in render.COMPOUND]
        elif kind == "traditional":
            pool = [p for p in chinese if render.traditional(p.name) != p.name]
        elif kind == "common_name":
            pool = [p for p in chinese if len(self.namesakes["chars", p.name]) >= self.common_share]
        elif kind == "latin_foreign":
            pool = [p for p in self.persons if p.script == "Latn"]
        elif kind == "other_script":
            pool = [p for p in self.persons if p.script in ("Cyrl", "Grek", "Hang")]
        elif kind == "document":
            pool = [p for p in self.persons if p.passport or p.id_number]
        elif kind in variants.TYPO_KINDS:
            pool = self._typo_pool(rng, chinese, count)
        elif kind == "pinyin_umlaut":
            pool = [p for p in chinese if any("v" in s for part in render.syllables(p.name) for s in part)]
        elif kind == "sea_dialect":
            pool = [p for p in chinese if render.split(p.name)[0] in variants.rom.SEA_SURNAMES]
        else:
            pool = chinese
        made = 0
        for person in rng.sample(pool, len(pool)):
            if made >= count:
                return
            query = self._positive(kind, person, rng)
            if query is not None and self._crowd(query) <= MAX_NAMESAKES:
                made += 1
                yield query
            elif query is not None:
                self.crowded += 1

    def _typo_pool(self, rng: random.Random, chinese: list[Person], count: int) -> list[Person]:
        """Chinese persons, and Latin-script foreign ones for a FOREIGN_TYPO_SHARE of the queries (drawn twice the
        count: some draws are not asked)."""
        latin = [p for p in self.persons if p.script == "Latn"]
        foreign = min(len(latin), round(2 * count * variants.FOREIGN_TYPO_SHARE))
        return rng.sample(latin, foreign) + rng.sample(chinese, min(len(chinese), 2 * count - foreign))

    def _crowd(self, query: Query) -> int:
        """How many listed persons the query cannot tell apart (itself included)."""
        if not query.system:
            return 1
        count = 0
        for pid in self.namesakes.get((query.system, query.key), []):
            person = self.by_id[pid]
            if (not query.gender or query.gender == person.sex) and dates_compatible(
                query.birth_date, person.birth_date
            ):
                count += 1
        return count

    def _positive(self, kind: str, person: Person, rng: random.Random) -> Query | None:
        birth_date, mode = self._date(rng, person.born)
        extras = self._extras(rng, person)
        if kind == "common_name":
            sub = rng.choice(("common_name_chars", "common_name_pinyin"))
            text, system, key, note = render_chinese(sub, person.name, person.sex, rng)
            birth_date, mode = person.born.isoformat(), "full"
            rivals = [i for i in self.namesakes.get((system, key), []) if i != person.id]
            if any(dates_compatible(birth_date, self.by_id[i].birth_date) for i in rivals):
                return None  # the date does not tell them apart: no fair question
            return self._query(kind, "", person.id, [text], system, key, birth_date=birth_date, date_mode=mode,
                               note=note, **extras)  # fmt: skip
        if kind == "latin_foreign":
            text, note = self._latin_variant(person, rng)
            return self._query(kind, "", person.id, [text], "foreign", foreign_key(person), birth_date=birth_date,
                               date_mode=mode, note=note, **extras)  # fmt: skip
        if kind == "other_script":
            text, note = self._script_variant(person, rng)
            return self._query(kind, "", person.id, [text], "foreign", foreign_key(person), birth_date=birth_date,
                               date_mode=mode, note=note, **extras)  # fmt: skip
        if kind == "document":
            number = person.passport if person.passport and (not person.id_number or rng.random() < 0.5) else None
            number = number or person.id_number
            written = self._document_variant(number, rng)
            new_name = (
                f"{rng.choice(name_tables.western_male() if person.sex == 'male' else name_tables.western_female())}"
            )
            new_name += f" {rng.choice(NEW_SURNAMES)}"
            return self._query(kind, "", person.id, [new_name], "", "", birth_date=birth_date, date_mode=mode,
                               documents=(written,), note=f"document {written}", **extras)  # fmt: skip
        if kind in variants.TYPO_KINDS and person.script == "Latn":
            typed = variants.render_foreign(kind, person.name, rng)
            if typed is None:
                return None
            return self._query(kind, "", person.id, [typed[0]], "foreign", foreign_key(person), birth_date=birth_date,
                               date_mode=mode, note=typed[1], **extras)  # fmt: skip
        rendered = render_chinese(kind, person.name, person.sex, rng)
        if rendered is None:
            return None
        text, system, key, note = rendered
        return self._query(kind, "", person.id, [text], system, key, birth_date=birth_date,
                           date_mode=mode, note=note, **extras)  # fmt: skip

    @staticmethod
    def _latin_variant(person: Person, rng: random.Random) -> tuple[str, str]:
        first, last = person.name.split(" ", 1)
        icao = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "ø": "oe", "Ä": "AE", "Ö": "OE", "Ü": "UE",
                "Å": "AA", "Ø": "OE", "æ": "ae"}  # fmt: skip
        style = rng.choice(("surname_first", "upper_comma", "icao", "folded", "lower"))
        if style == "surname_first":
            return f"{last.upper()} {first}", style
        if style == "upper_comma":
            return f"{last.upper()}, {first.upper()}", style
        if style == "icao":
            return "".join(icao.get(c, c) for c in f"{first} {last}"), style
        if style == "folded":
            return render.fold_keep_spaces(f"{last} {first}").title(), style
        return f"{first} {last}".lower(), style

    @staticmethod
    def _script_variant(person: Person, rng: random.Random) -> tuple[str, str]:
        if person.latin_only:
            return person.name, "native script; listed in Latin only"
        if person.script == "Cyrl":
            other = render.cyrillic_latin(person.name, "icao" if person.native_only else "popular", rng)
            note = "ICAO; listed in Cyrillic only" if person.native_only else "popular transliteration"
        elif person.script == "Grek":
            other = render.greek_latin(person.name, "elot" if person.native_only else "phonetic")
            note = "ELOT; listed in Greek only" if person.native_only else "phonetic transliteration"
        else:
            surname = next(s for s in render.KOREAN_SURNAMES if s[0] == person.name[0])
            syllables = [next(s for s in render.KOREAN_SYLLABLES if s[0] == c) for c in person.name[1:]]
            if person.native_only or rng.random() < 0.5:
                given = f"{syllables[0][1]}-{syllables[1][1].lower()}"
                other, note = f"{surname[1]} {given}", "passport spelling, hyphenated"
                if person.native_only:
                    note += "; listed in Hangul only"
            else:
                other = f"{surname[2]} {syllables[0][2]}{syllables[1][2].lower()}"
                note = "Revised Romanisation"
        if rng.random() < 0.4:
            first, _sep, last = other.rpartition(" ")
            other = f"{last.upper()} {first}"
        return other, note

    @staticmethod
    def _document_variant(number: str, rng: random.Random) -> str:
        style = rng.choice(("plain", "lower", "spaced", "hyphen"))
        if style == "lower":
            return number.lower()
        if style == "spaced":
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        if style == "hyphen":
            return f"{number[:3]}-{number[3:]}"
        return number

    # -- hard negatives --

    def negatives(self, negative: str, count: int) -> Iterator[Query]:
        rng = self._rng(f"negative:{negative}")
        chinese = [p for p in self.persons if p.script == "Han"]
        if negative == "neg_common_name":
            chinese = [p for p in chinese if len(self.namesakes["chars", p.name]) >= self.common_share]
        made = attempts = 0
        while made < count and attempts < count * 50 and chinese:
            attempts += 1
            person = rng.choice(chinese)
            kind = rng.choice(NEGATIVE_KINDS.get(negative, NAME_KINDS))
            query = getattr(self, f"_{negative}")(person, kind, rng)
            if query is not None:
                made += 1
                yield query

    def _free(self, system: str, key: str, birth_date: str, gender: str) -> bool:
        """Whether nobody listed has this name in this system with a compatible birth date and sex."""
        for pid in self.namesakes.get((system, key), []):
            person = self.by_id[pid]
            if (not gender or gender == person.sex) and dates_compatible(birth_date, person.birth_date):
                return False
        return True

    def _neg_birth_year(self, person: Person, kind: str, rng: random.Random) -> Query | None:
        shift = rng.choice([-1, 1]) * rng.randint(1, 12)
        try:
            born = person.born.replace(year=person.born.year + shift)
        except ValueError:
            return None
        birth_date = born.isoformat() if rng.random() < 0.7 else str(born.year)
        text, system, key, note = render_chinese(kind, person.name, person.sex, rng)
        if not self._free(system, key, birth_date, ""):
            return None
        mode = "full" if len(birth_date) == 10 else "year"
        return self._query(kind, "neg_birth_year", "", [text], system, key, birth_date=birth_date, date_mode=mode,
                           note=f"{person.name} born {person.birth_date}, asked {birth_date}")  # fmt: skip

    def _neg_one_syllable(self, person: Person, kind: str, rng: random.Random) -> Query | None:
        surname, given = render.split(person.name)
        if rng.random() < 0.3:
            other = self.names.surnames.draw(rng)
            name = other + given
        else:
            position = rng.randrange(len(given))
            other = self.names.given[person.sex].draw(rng)
            name = surname + given[:position] + other + given[position + 1 :]
        if name == person.name or name_tables.is_blocked(name):
            return None
        if render.syllables(name) == render.syllables(person.name):
            return None  # a homophone is no syllable apart
        rendered = render_chinese(kind, name, person.sex, rng)
        if rendered is None or self.namesakes.get(rendered[1:3]):
            return None
        text, system, key, note = rendered
        roll = rng.random()
        birth_date, mode = (person.born.isoformat(), "full") if roll < 1 / 3 else ("", "none")
        if roll > 2 / 3:
            birth_date, mode = _date(rng).isoformat(), "full"
        return self._query(kind, "neg_one_syllable", "", [text], system, key, birth_date=birth_date, date_mode=mode,
                           note=f"{person.name} -> {name}")  # fmt: skip

    def _neg_romanised(self, person: Person, kind: str, rng: random.Random) -> Query | None:
        query = self._neg_one_syllable(person, kind, rng)
        if query is not None:
            query.negative = "neg_romanised"
        return query

    def _neg_typo(self, person: Person, kind: str, rng: random.Random) -> Query | None:
        """One letter of one syllable changed so that it spells another surname or given-name character of the
        name tables (张伟 Zhang Wei -> 张文 Zhang Wen): a real name nobody listed has, written as the kind types it."""
        name = self._one_letter_name(person, rng)
        if name is None or name_tables.is_blocked(name):
            return None
        umlaut = rng.choice(("u", "yu"))
        family, given = render.pinyin(name, umlaut=umlaut)
        key = _key(s.replace("v", umlaut) for part in render.syllables(name) for s in part)
        if self.namesakes.get(("latin", key)) or self.namesakes.get(("chars", name)):
            return None
        style = rng.choice(("upper", "comma") if kind == "ocr" else ("title", "passport", "upper"))
        text = {"title": f"{family} {given}", "passport": f"{family.upper()} {given}",
                "upper": f"{family} {given}".upper(), "comma": f"{family.upper()}, {given.upper()}"}[style]  # fmt: skip
        roll = rng.random()
        birth_date, mode = (person.born.isoformat(), "full") if roll < 0.5 else ("", "none")
        return self._query(kind, "neg_typo", "", [text.strip().rstrip(",")], "latin", key, birth_date=birth_date,
                           date_mode=mode, note=f"{person.name} -> {name}")  # fmt: skip

    def _one_letter_name(self, person: Person, rng: random.Random) -> str | None:
        surname, given = render.split(person.name)
        chars = [surname, *given]
        position = rng.randrange(len(chars))
        table = self._by_syllable("surname" if position == 0 else person.sex)
        own = _reading(chars[position], position == 0)
        near = [c for syllable, found in table.items() if variants.one_letter_apart(own, syllable) for c in found]
        if not near:
            return None
        chars[position] = rng.choice(sorted(near))
        return "".join(chars)

    def _by_syllable(self, which: str) -> dict[str, list[str]]:
        """The name tables' surnames (or one sex's given-name characters) by their toneless pinyin."""
        if which not in self.syllable_tables:
            items = self.names.surnames.items if which == "surname" else self.names.given[which].items
            found: dict[str, list[str]] = defaultdict(list)
            for chars in items:
                found[_reading(chars, which == "surname")].append(chars)
            self.syllable_tables[which] = dict(found)
        return self.syllable_tables[which]

    def _neg_common_name(self, person: Person, kind: str, rng: random.Random) -> Query | None:
        text, system, key, note = render_chinese(kind, person.name, person.sex, rng)
        for _attempt in range(20):
            birth_date = _date(rng).isoformat()
            if self._free(system, key, birth_date, ""):
                break
        else:
            return None
        shared = len(self.namesakes["chars", person.name])
        return self._query(kind, "neg_common_name", "", [text], system, key, birth_date=birth_date, date_mode="full",
                           note=f"{person.name} shared by {shared} listed persons")  # fmt: skip

    @property
    def common_share(self) -> int:
        return 5 if len(self.persons) >= 20_000 else 2


def generate(
    listed: int = DEFAULT_LISTED,
    per_kind: int = 300,
    negatives: int = 400,
    seed: int = DEFAULT_SEED,
    independent: bool = False,
) -> Dataset:
    """The list and the queries of issue 3's kinds, and with ``independent`` those of issue 17 after them."""
    persons = generate_persons(listed, seed)
    maker = QueryMaker(persons, seed, independent)
    queries: list[Query] = []
    for kinds, negative_kinds in ((KINDS, NEGATIVES), (INDEPENDENT_KINDS, INDEPENDENT_NEGATIVES))[: 1 + independent]:
        for kind in kinds:
            queries.extend(maker.positives(kind, per_kind))
        for negative in negative_kinds:
            queries.extend(maker.negatives(negative, negatives))
    return Dataset(seed, persons, queries, maker.by_id, maker.namesakes, maker.keys, maker.crowded)


def write(dataset: Dataset, out: Path) -> None:
    """list.jsonl and queries.jsonl as FollowTheMoney (for ``python -m repatria screen``) and truth.jsonl."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "list.jsonl").open("w", encoding="utf-8") as handle:
        for person in dataset.persons:
            handle.write(json.dumps(person.to_ftm(), ensure_ascii=False) + "\n")
    with (out / "queries.jsonl").open("w", encoding="utf-8") as handle:
        for query in dataset.queries:
            handle.write(json.dumps(query.to_ftm(), ensure_ascii=False) + "\n")
    with (out / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for q in dataset.queries:
            truth = {"id": q.id, "kind": q.kind, "negative": q.negative, "expected": q.expected, "note": q.note}
            handle.write(json.dumps(truth, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listed", type=int, default=DEFAULT_LISTED)
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--negatives", type=int, default=400)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path("var/screening-eval"))
    parser.add_argument("--issue3-only", action="store_true", help="without the kinds of issue 17")
    args = parser.parse_args(argv)
    dataset = generate(args.listed, args.per_kind, args.negatives, args.seed, independent=not args.issue3_only)
    write(dataset, args.out)
    print(f"{len(dataset.persons)} listed, {len(dataset.queries)} queries -> {args.out}")


if __name__ == "__main__":
    main()
