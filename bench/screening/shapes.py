"""The ten Person cases of nomenklatura's own matcher tests, re-made as shapes with synthetic names.

nomenklatura's ``tests/matching/logic_v2/test_model_cases.py`` holds ten Person cases on names alone (its eleventh
swaps firstName and lastName properties, which a name-only pair cannot carry): each a query, a listed person and
whether they must match (score above 0.7). The repository holds no real person's name, so each case is kept as its
*shape* and drawn many times with synthetic names (random combinations of common given names and surnames, or
surnames built from stems), then scored pair by pair as ``python -m repatria screen-pairs`` scores them.

Tables: English nicknames from the common hypocorisms (as in the public nickname lists, e.g. carltonnorthern/
nicknames); the Latin spelling of the Russian query by the Duden (German) transliteration, which writes й as "j"
(Sergej) like the original case (whose names are real: not copied here); the Arabic names in Arabic script.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import typos

FIRST = ("Martin", "Oliver", "Henry", "Walter", "Arthur", "Victor", "Hugo", "Felix", "Simon", "Dennis", "Edgar",
         "Roland", "Leonard", "Gordon", "Harold", "Clara", "Helen", "Miriam", "Agnes", "Louise")  # fmt: skip
SURNAME_STEMS = ("Ash", "Brom", "Dal", "Hol", "Kess", "Lind", "Mar", "Ost", "Wend", "Thorn", "Ell", "Rad", "Gold")
SURNAME_ENDS = ("burg", "ford", "stein", "wick", "mann", "hausen", "field", "dorf", "well", "berg", "ton")
# Cross-language forms of one given name: nomenklatura holds "John Doe" and "Juan Doe" to be different persons.
OTHER_LANGUAGE = (("Peter", "Pedro"), ("Paul", "Pablo"), ("George", "Jorge"), ("Michael", "Miguel"),
                  ("Henry", "Enrique"), ("Charles", "Carlos"), ("Stephen", "Esteban"), ("Andrew", "Andres"),
                  ("Joseph", "Jose"), ("Anthony", "Antonio"))  # fmt: skip
SHORT_SURNAMES = ("Bell", "Ball", "Hall", "Hill", "Hull", "Wade", "Ward", "Wood", "Webb", "Hale", "Dunn", "Dean",
                  "Rees", "Ross", "Rose", "Moss", "Lamb", "Long", "Lord", "Ford", "Lane", "Lowe", "Love", "Kerr",
                  "Carr", "Parr", "Hunt", "Hart", "Nash", "Rich")  # fmt: skip
NICKNAMES = (("Ted", "Theodore"), ("Bill", "William"), ("Tony", "Anthony"), ("Bob", "Robert"), ("Dick", "Richard"),
             ("Jim", "James"), ("Peggy", "Margaret"), ("Kate", "Katherine"), ("Liz", "Elizabeth"),
             ("Mike", "Michael"), ("Chuck", "Charles"), ("Hank", "Henry"), ("Larry", "Lawrence"),
             ("Steve", "Stephen"), ("Andy", "Andrew"), ("Joe", "Joseph"), ("Ben", "Benjamin"), ("Sam", "Samuel"),
             ("Tom", "Thomas"), ("Nick", "Nicholas"), ("Fred", "Frederick"), ("Greg", "Gregory"),
             ("Jerry", "Gerald"), ("Matt", "Matthew"), ("Sandy", "Alexandra"), ("Becky", "Rebecca"))  # fmt: skip
CHINESE_SURNAMES = ("ZHANG", "WANG", "LI", "CHEN", "LIU", "ZHOU", "HUANG", "WU")
CHINESE_GIVEN = ("Weiguo", "Jianhua", "Xiaoming", "Guoqiang", "Lihua", "Haiyan", "Zhiyong", "Yuling")
RU_FIRST = ("Сергей", "Алексей", "Дмитрий", "Андрей", "Николай", "Евгений", "Михаил", "Олег", "Павел", "Григорий")
RU_PATRONYMIC_FROM = ("Виктор", "Иван", "Пётр", "Фёдор", "Борис", "Степан", "Тимофей", "Роман")
RU_SURNAMES = ("Лавренов", "Корнилов", "Сафронов", "Мельников", "Тихонов", "Журавлёв", "Ершов", "Щербаков")
# Duden transliteration of Russian (German): й j, ж sch, х ch, ц z, ч tsch, ш sch, щ schtsch, в w, з s, я ja, ю ju.
_DUDEN_LATIN = ("a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju", "ja")  # fmt: skip
DUDEN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _DUDEN_LATIN, strict=True))
RUN_FIRST = ("Rami", "Samir", "Karim", "Nabil", "Tarek", "Walid", "Fadi", "Ziad", "Hadi", "Bassel")
RUN_SURNAMES = ("Haddad", "Khoury", "Nassar", "Saleh", "Mansour", "Aziz", "Qasim", "Hamdan", "Sabbagh", "Tannous")
CENTRAL_FIRST = ("Askar", "Daniyar", "Yerlan", "Marat", "Timur", "Aidos", "Bolat", "Serik", "Kanat")
CENTRAL_SURNAMES = ("Akhmetbayev", "Serikbayev", "Zhumabayev", "Kassymov", "Sadykov", "Temirbekov", "Omarbekov")
ARABIC_FIRST = ("محمد", "أحمد", "خالد", "سعيد", "يوسف", "عمر", "علي", "حسن", "كريم", "طارق")
ARABIC_LAST = ("الحسيني", "العتيبي", "الخطيب", "النجار", "الحداد", "السيد", "المصري", "الشامي", "الزعبي", "القاسم")

SHAPES = {
    "same_name": (True, "the same name on both sides (John Doe / John Doe)"),
    "other_language_first": (False, "the given name in another language, the same surname (John Doe / Juan Doe)"),
    "typo_long_surname": (True, "one letter substituted in a long surname (Walter Wendford / Walter Webdford)"),
    "short_surname_other": (False, "another short surname two letters away (John Doe / John Down)"),
    "dropped_letter_first": (True, "a letter dropped from the given name (Vicor Ashfield / Victor Ashfield)"),
    "latin_vs_cyrillic": (
        True,
        "Latin without the patronymic, a letter dropped, against Cyrillic with it "
        "(Oeg Tichonow / Олег Борисович Тихонов)",
    ),  # fmt: skip
    "run_together": (True, "given name and surname run together (Nabilhaddad / Nabil Haddad)"),
    "initial_vs_truncated": (
        False,
        "an initial and a surname against another given name and a truncated surname (D Omarbekov / Bolat Omar)",
    ),  # fmt: skip
    "nickname": (
        True,
        "an English nickname for the given name, also before a Chinese name (Ted Doe / Theodore Doe, "
        "Bill ZHANG Weiguo / William ZHANG Weiguo)",
    ),  # fmt: skip
    "other_arabic": (False, "two different names in Arabic script"),
}


@dataclass(frozen=True)
class Pair:
    shape: str
    matches: bool
    query: str
    listed: str

    def ftm(self, number: int) -> dict:
        def person(side: str, name: str) -> dict:
            return {"id": f"{side}{number}", "schema": "Person", "properties": {"name": [name]}}

        return {"left": person("q", self.query), "right": person("l", self.listed)}


def _surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_STEMS) + rng.choice(SURNAME_ENDS)


def _duden(text: str) -> str:
    return " ".join("".join(DUDEN.get(c, c) for c in word.lower()).capitalize() for word in text.split())


def _shape(shape: str, rng: random.Random) -> tuple[str, str]:
    first, surname = rng.choice(FIRST), _surname(rng)
    if shape == "same_name":
        return f"{first} {surname}", f"{first} {surname}"
    if shape == "other_language_first":
        pair = rng.choice(OTHER_LANGUAGE)
        return f"{pair[0]} {surname}", f"{pair[1]} {surname}"
    if shape == "typo_long_surname":
        return f"{first} {typos.edit(surname, rng, 'substitute')[0]}", f"{first} {surname}"
    if shape == "short_surname_other":
        own, other = rng.choice(_ALIKE)
        return f"{first} {own}", f"{first} {other}"
    if shape == "dropped_letter_first":
        given = rng.choice([f for f in FIRST if len(f) >= 5])
        i = rng.randrange(1, len(given) - 1)
        return f"{given[:i]}{given[i + 1 :]} {surname}", f"{given} {surname}"
    if shape == "latin_vs_cyrillic":
        given, family = rng.choice(RU_FIRST), rng.choice(RU_SURNAMES)
        patronymic = _patronymic(rng.choice(RU_PATRONYMIC_FROM))
        latin_given = _duden(given)
        i = rng.randrange(1, len(latin_given) - 1)
        return f"{latin_given[:i]}{latin_given[i + 1 :]} {_duden(family)}", f"{given} {patronymic} {family}"
    if shape == "run_together":
        given, family = rng.choice(RUN_FIRST), rng.choice(RUN_SURNAMES)
        return f"{given}{family.lower()}", f"{given} {family}"
    if shape == "initial_vs_truncated":
        family, given = rng.choice(CENTRAL_SURNAMES), rng.choice(CENTRAL_FIRST)
        initial = rng.choice([f[0] for f in CENTRAL_FIRST if f[0] != given[0]])
        return f"{initial} {family}", f"{given} {family[:4]}"
    if shape == "nickname":
        short, full = rng.choice(NICKNAMES)
        if rng.random() < 0.5:
            chinese = f"{rng.choice(CHINESE_SURNAMES)} {rng.choice(CHINESE_GIVEN)}"
            return f"{short} {chinese}", f"{full} {chinese}"
        return f"{short} {surname}", f"{full} {surname}"
    if shape == "other_arabic":
        left = f"{rng.choice(ARABIC_FIRST)} {rng.choice(ARABIC_LAST)}"
        first, last = left.split()
        others = [f for f in ARABIC_FIRST if f != first]
        return left, f"{rng.choice(others)} {rng.choice(others)} {rng.choice([s for s in ARABIC_LAST if s != last])}"
    raise ValueError(shape)


def _patronymic(father: str) -> str:
    """Сергей -> Сергеевич, Виктор -> Викторович, Пётр -> Петрович."""
    stem = father.replace("ё", "е")
    return stem[:-1] + "евич" if stem.endswith("й") else stem + "ович"


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


# Pairs of short surnames two letters apart, as Doe / Down (Ross / Rich, Hall / Hale): one letter apart would be a typo.
_ALIKE = tuple((a, b) for a in SHORT_SURNAMES for b in SHORT_SURNAMES if _distance(a, b) == 2)


def pairs(per_shape: int, seed: int) -> Iterator[Pair]:
    for shape, (matches, _description) in SHAPES.items():
        rng = random.Random(f"shape:{shape}:{seed}")
        for _ in range(per_shape):
            query, listed = _shape(shape, rng)
            yield Pair(shape, matches, query, listed)


def table(title: str, verdicts: dict[str, list[bool]], examples: dict[str, str]) -> str:
    """Per shape: the share of pairs judged as nomenklatura's test requires (match above the threshold or not)."""
    lines = [
        title,
        "",
        "| shape | must match | pairs | held | share | example |",
        "| --- | :---: | ---: | ---: | ---: | --- |",
    ]
    held_shapes = 0
    for shape, (matches, _description) in SHAPES.items():
        found = verdicts.get(shape, [])
        held = sum(found)
        held_shapes += bool(found) and held == len(found)
        share = held / len(found) if found else 0.0
        lines.append(
            f"| {shape} | {'yes' if matches else 'no'} | {len(found)} | {held} | {share:.3f} | {examples[shape]} |"
        )
    lines.append(f"\nShapes held on every pair: {held_shapes} of {len(SHAPES)}.")
    return "\n".join(lines)
