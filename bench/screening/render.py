"""Names written the ways partners and foreign registers write them, INDEPENDENTLY of the engine's own code.

Nothing here imports ``repatria.names``: the pinyin comes from pypinyin with our own table of surname readings,
Wade-Giles from pypinyin's ``Style.WADEGILES`` with apostrophes and umlauts dropped as on Taiwanese passports, Hong
Kong Cantonese from ToJyutping's Jyutping and the table below (the Hong Kong government's spellings as met on
identity cards), traditional characters from OpenCC ``s2t``; Russian, Greek and Korean names from their own tables.
Each function that makes a choice takes the ``random.Random`` it draws from, so a seed gives the same queries.
"""

from __future__ import annotations

import functools
import random
import unicodedata

import name_tables
import opencc
import ToJyutping
from pypinyin import Style, lazy_pinyin
from pypinyin.style import convert as convert_style

# ---- Chinese ----------------------------------------------------------------------------------------------------

COMPOUND = ("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "夏侯", "慕容", "公孙", "令狐", "尉迟")
# The surnames read otherwise than the character alone: (toneless pinyin, with tone mark, Jyutping as a surname).
SURNAME_READINGS = {
    "曾": ("zeng", "Zēng", "zang1"),
    "单": ("shan", "Shàn", "sin6"),
    "仇": ("qiu", "Qiú", "kau4"),
    "区": ("ou", "Ōu", "au1"),
    "查": ("zha", "Zhā", "caa4"),
    "解": ("xie", "Xiè", "haai6"),
    "覃": ("qin", "Qín", "tam4"),
    "乐": ("yue", "Yuè", "lok6"),
    "朴": ("piao", "Piáo", "pok3"),
}
TRICKY_SURNAMES = tuple(SURNAME_READINGS)


def split(name: str) -> tuple[str, str]:
    if name[:2] in COMPOUND and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


@functools.lru_cache(maxsize=1 << 17)
def syllables(name: str, style: str = "plain") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surname syllables, given-name syllables): "plain" toneless with ü as "v", or "tone" with marks."""
    surname, given = split(name)
    if surname in SURNAME_READINGS:
        family = (SURNAME_READINGS[surname][0 if style == "plain" else 1].lower(),)
    else:
        family = tuple(lazy_pinyin(surname, style=Style.NORMAL if style == "plain" else Style.TONE, v_to_u=False))
    pinyin_style = Style.NORMAL if style == "plain" else Style.TONE
    rest = tuple(lazy_pinyin(given, style=pinyin_style)) if given else ()
    return family, rest


def _join(parts: tuple[str, ...], umlaut: str) -> str:
    return "".join(parts).replace("v", umlaut).replace("ü", "ü" if umlaut == "ü" else umlaut)


def pinyin(name: str, umlaut: str = "u") -> tuple[str, str]:
    """(Surname, Given) in Hanyu Pinyin, capitalised; ü written ``umlaut`` (passports write "yu", others "u")."""
    family, given = syllables(name)
    return _join(family, umlaut).capitalize(), _join(given, umlaut).capitalize()


def pinyin_tones(name: str) -> tuple[str, str]:
    family, given = syllables(name, "tone")
    return "".join(family).capitalize(), "".join(given).capitalize()


def wade_giles_syllable(syllable: str) -> str:
    """Wade-Giles of a toneless pinyin syllable, without apostrophes or umlauts (as passports in Taiwan print it)."""
    spelled = convert_style(syllable, Style.WADEGILES, strict=False)
    if syllable.endswith("ai") and spelled.endswith("ei"):
        spelled = spelled[:-2] + "ai"  # pypinyin 0.55 writes 海 hai, 爱 ai, 来 lai as "hei", "ei", "lei"
    return spelled.replace("'", "").replace("’", "").replace("v", "u").replace("ü", "u")


def wade_giles(name: str) -> tuple[str, list[str]]:
    """(Surname, [given syllables]) in Wade-Giles."""
    family, given = syllables(name)
    return "".join(wade_giles_syllable(s) for s in family).capitalize(), [wade_giles_syllable(s) for s in given]


def jyutping(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surname, given) Jyutping syllables, toneless; the surname read as a surname."""
    surname, given = split(name)
    family = (SURNAME_READINGS[surname][2][:-1],) if surname in SURNAME_READINGS else _literary(surname)
    return family, _literary(given) if given else ()


# Colloquial finals and their literary counterparts (平 peng4 / ping4, 生 saang1 / sang1): names take the literary one.
_LITERARY = (("eng", "ing"), ("ek", "ik"), ("aang", "ang"), ("aak", "ak"))


# Given-name characters whose commonest reading in ToJyutping is not the one names use.
_NAME_READINGS = {"胜": "sing", "达": "daat"}


def _literary(chars: str) -> tuple[str, ...]:
    """Toneless Jyutping of each character, the literary reading when it has a colloquial one too."""
    out = []
    for char, found in ToJyutping.get_jyutping_candidates(chars):
        if char in _NAME_READINGS:
            out.append(_NAME_READINGS[char])
            continue
        readings = [r.rstrip("123456") for r in found] or [""]
        chosen = readings[0]
        for colloquial, literary in _LITERARY:
            if chosen.endswith(colloquial):
                alternative = chosen[: -len(colloquial)] + literary
                if alternative in readings:
                    chosen = alternative
                break
        out.append(chosen)
    return tuple(out)


# The Hong Kong government's romanisation of Jyutping, with the spellings actually met (first = commonest).
_HK_INITIAL = {
    "b": ("p",), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t",), "t": ("t",), "n": ("n",), "l": ("l",),
    "g": ("k",), "k": ("k",), "ng": ("ng",), "h": ("h",), "gw": ("kw",), "kw": ("kw",), "w": ("w",),
    "z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("s", "sh"), "j": ("y",), "": ("",),
}  # fmt: skip
_HK_FINAL = {
    "aa": ("a", "ah"), "aai": ("ai",), "aau": ("au",), "aam": ("am",), "aan": ("an",), "aang": ("ang",),
    "aap": ("ap",), "aat": ("at",), "aak": ("ak",), "ai": ("ai",), "au": ("au", "ow"), "am": ("am",), "an": ("an",),
    "ang": ("ang",), "ap": ("ap",), "at": ("at",), "ak": ("ak",), "e": ("e",), "ei": ("ei", "ee"), "eng": ("eng",),
    "ek": ("ek",), "i": ("i", "ee"), "iu": ("iu",), "im": ("im",), "in": ("in",), "ing": ("ing",), "ip": ("ip",),
    "it": ("it",), "ik": ("ik",), "o": ("o", "oh"), "oi": ("oi", "oy"), "ou": ("o",), "on": ("on",), "ong": ("ong",),
    "ot": ("ot",), "ok": ("ok",), "u": ("u", "oo"), "ui": ("ui", "ooi"), "un": ("oon", "un"), "ung": ("ung",),
    "ut": ("ut",), "uk": ("uk",), "oe": ("oe",), "oeng": ("eung",), "oek": ("euk",), "eoi": ("ui",),
    "eon": ("un",), "eot": ("ut",), "yu": ("u", "ue"), "yun": ("uen", "un"), "yut": ("uet", "ut"),
}  # fmt: skip
_HK_WHOLE = {
    "lei": ("lee", "li"), "zi": ("tsz", "chi"), "ci": ("tsz", "chi"), "si": ("sze", "si"), "ji": ("yee", "yi"),
    "jyu": ("yu", "yue"), "jyun": ("yuen",), "wu": ("wu", "woo"), "ng": ("ng",), "m": ("m",), "lou": ("lo", "law"),
    "hou": ("ho",), "jan": ("yan", "yun"), "jat": ("yat",), "zan": ("chun", "chan"), "can": ("chan",),
}  # fmt: skip
_HK_SH_FINALS = ("eoi", "eon", "ing", "yu", "oeng", "ik", "ek", "in", "it", "ui", "eot")
# z and c are written "ts" before these finals (曾 Tsang, 徐 Tsui, 谢 Tse, 曹 Tso), "ch" before the others (陈 Chan).
_HK_TS_FINALS = ("ang", "e", "eoi", "o", "ou", "ap", "at", "ak")


def hk_options(toneless: str) -> tuple[str, ...]:
    """Every Hong Kong spelling of one toneless Jyutping syllable, the commonest first."""
    if toneless in _HK_WHOLE:
        return _HK_WHOLE[toneless]
    initial = next((i for i in ("gw", "kw", "ng") if toneless.startswith(i) and len(toneless) > 2), toneless[:1])
    if initial not in _HK_INITIAL:
        initial = ""
    final = toneless[len(initial) :]
    if final not in _HK_FINAL:
        return (toneless,)
    if initial == "j" and final.startswith("y"):
        return tuple("y" + f for f in _HK_FINAL[final])  # jyut -> "yuet"
    if initial == "s" and final in _HK_SH_FINALS:
        heads: tuple[str, ...] = ("sh", "s")
    elif initial in ("z", "c") and final in _HK_TS_FINALS:
        heads = ("ts", "ch")
    else:
        heads = _HK_INITIAL[initial]
    return tuple(dict.fromkeys(h + f for h in heads for f in _HK_FINAL[final]))


def hk_syllable(toneless: str, rng: random.Random | None = None) -> str:
    """One Jyutping syllable as the Hong Kong government spells it; with ``rng``, one of the spellings met: the
    commonest (the initial's and the final's first) three times in four."""
    options = hk_options(toneless)
    if rng is None or len(options) == 1:
        return options[0]
    return options[0] if rng.random() < 0.75 else rng.choice(options[1:])


def cantonese_syllables(name: str, rng: random.Random | None = None) -> tuple[list[str], list[str]]:
    """([surname syllables], [given syllables]) in Hong Kong spelling, lowercase."""
    family, given = jyutping(name)
    return [hk_syllable(s, rng) for s in family], [hk_syllable(s, rng) for s in given]


def cantonese(name: str, rng: random.Random | None = None) -> tuple[str, list[str]]:
    """(Surname, [given syllables]) in Hong Kong spelling."""
    family, given = cantonese_syllables(name, rng)
    return "".join(family).capitalize(), given


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(name: str) -> str:
    """Traditional characters, keeping the surnames that s2t would turn into other words (于 is not 於 in a name,
    nor 朴 樸)."""
    surname, given = split(name)
    if surname not in name_tables.unchanged_in_traditional() | {"朴"}:
        surname = _s2t().convert(surname)
    return surname + _s2t().convert(given)


def fold(text: str) -> str:
    """Lowercase ASCII letters only: what a name key compares."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isascii() and c.isalpha())


def fold_keep_spaces(text: str) -> str:
    """Without diacritics, as a register that cannot print them writes the name (Müller -> Muller, Søren -> Soren)."""
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# ---- Russian, Greek and Korean ------------------------------------------------------------------------------------

_ICAO = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "ie",
            "y",
            "_",
            "e",
            "iu",
            "ia",
        ),  # fmt: skip
        strict=True,
    )
)
_POPULAR = _ICAO | {"й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ъ": "_", "х": "kh"}


def cyrillic_latin(text: str, system: str, rng: random.Random | None = None) -> str:
    """Russian in Latin: "icao" (passports since 2013: Aleksei, Iuliia) or "popular" (Alexey, Yulia)."""
    table = _ICAO if system == "icao" else _POPULAR
    words = []
    for word in text.split():
        lower = word.lower()
        if system == "popular":
            lower = lower.replace("ий", "iy").replace("ей", "ey").replace("кс", "x").replace("ия", "ia")
        out = "".join(table.get(c, c) for c in lower).replace("_", "")
        if system == "popular" and rng is not None and rng.random() < 0.3:
            out = out.replace("iy", "y").replace("ey", "ei")  # Dmitry, Aleksei
        words.append(out.capitalize())
    return " ".join(words)


_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f",
    "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip


def greek_latin(text: str, system: str) -> str:
    """Greek in Latin: "elot" (ELOT 743, passports: Papadopoulos) or "phonetic" (Papadopulos, Hristos)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    if system == "elot":
        plain = plain.replace("ου", "ou").replace("αυ", "av").replace("ευ", "ev").replace("γγ", "ng")
    else:
        plain = plain.replace("ου", "u").replace("αυ", "av").replace("ευ", "ev").replace("χ", "h").replace("γι", "y")
    return " ".join("".join(_GREEK.get(c, c) for c in w).capitalize() for w in plain.split())


# Korean: (Hangul, customary passport spelling, Revised Romanisation).
KOREAN_SURNAMES = (
    ("김", "Kim", "Gim"), ("이", "Lee", "I"), ("박", "Park", "Bak"), ("최", "Choi", "Choe"), ("정", "Jung", "Jeong"),
    ("강", "Kang", "Gang"), ("조", "Cho", "Jo"), ("윤", "Yoon", "Yun"), ("장", "Jang", "Jang"), ("임", "Lim", "Im"),
)  # fmt: skip
KOREAN_SYLLABLES = (
    ("민", "Min", "Min"), ("준", "Joon", "Jun"), ("서", "Seo", "Seo"), ("지", "Ji", "Ji"), ("현", "Hyun", "Hyeon"),
    ("우", "Woo", "U"), ("수", "Soo", "Su"), ("영", "Young", "Yeong"), ("진", "Jin", "Jin"), ("호", "Ho", "Ho"),
    ("성", "Sung", "Seong"), ("훈", "Hoon", "Hun"), ("은", "Eun", "Eun"), ("혜", "Hye", "Hye"), ("연", "Yeon", "Yeon"),
)  # fmt: skip
