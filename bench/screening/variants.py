"""The kinds of issue 17: a Chinese name as a partner types or a scanner reads it, and in the romanisations met abroad.

Each is made by a method independent of the engine: random edits for the typing and reading errors (``typos``), the
standards' published tables and second libraries for the romanisations (``romanisations``). ``render`` gives the text
and what a namesake must share with it: a "latin" key (pinyin syllables) or a key in a Cantonese system of its own
("jyutping", "yale", "sea"), so that two persons the query cannot tell apart are not counted against the engine.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

import render
import romanisations as rom
import typos

KINDS = {
    "typo": "a typing error in a name as partners write it (QWERTY neighbour, dropped, doubled or swapped letter; "
    "two on names of 12 letters or more), in pinyin or a Latin-script foreign name: Zhang Weiguo -> Zhang Weigou",
    "ocr": "passport-scan confusions in the upper-case name (0/O, 1/I/l, 5/S, 8/B, rn/m …): ZHANG WEIGU0, LIN M1N",
    "space_hyphen": "a missing or extra space or hyphen: ZhangWeiguo, Zhang Wei guo, Zha-ng Weiguo",
    "pinyin_umlaut": "pinyin with ü written u, v, yu or ue: Lu Li, Lv Li, Lyu Li, Lue Li",
    "wade_giles_marks": "Wade-Giles with apostrophes and umlauts (Library of Congress table), in any capitals and "
    "hyphens, with or without the marks: Chou Ch'ing-p'ing, CHOU CH'ING P'ING, Hsü Yü-ch’ing",
    "tongyong": "Tongyong Pinyin (Taiwanese passports 2002-2008, MOE table): JHANG, WEI-GUO; Syu Jhih-ciang",
    "mps2": "MPS II (MOE table, 1986): Jang Wei-guo, Shiu Jr-chiang",
    "jyutping": "Jyutping without tones (pycantonese): Wong Wing-gwong",
    "yale_cantonese": "Yale Cantonese without tones (cantonese-romanisation): Wong Wing-gwong, Jau Ping",
    "macau": "Macau's Portuguese-based Cantonese spelling (from pycantonese's Jyutping): CHAN MENG KAM, Vong Kuok Vai",
    "sea_dialect": "Southeast Asian dialect surname (Hokkien, Teochew, Hakka …; Singapore, Malaysia, Indonesia, "
    "Thailand, the Philippines) and a pinyin given name: Tan Wei Ming, Oei Jianguo, Sae-Lim Jianguo",
    "palladius": "Russian Cyrillic by the Palladius system: Чжан Вэйго",
    "mrz": "the passport's machine-readable zone given as a name (ICAO 9303): ZHANG<<WEIGUO, P<CHNZHANG<<WEIGUO<<<…",
}
TYPO_KINDS = ("typo", "ocr", "space_hyphen")
ROMANISED_KINDS = tuple(k for k in KINDS if k not in TYPO_KINDS)
FOREIGN_TYPO_SHARE = 0.2  # typo-kind queries made from a Latin-script foreign person's name

Rendered = tuple[str, str, Sequence[str], str]  # text, system, key parts, note


def _pinyin_parts(name: str, umlaut: str) -> list[str]:
    return [s.replace("v", umlaut) for part in render.syllables(name) for s in part]


def _typed(name: str, rng: random.Random, styles: Sequence[str]) -> tuple[str, list[str], str]:
    """The pinyin a partner starts from, in one of ``styles``, and its key parts."""
    umlaut = rng.choice(("u", "yu"))
    family, given = render.pinyin(name, umlaut=umlaut)
    style = rng.choice(styles)
    text = {"title": f"{family} {given}", "passport": f"{family.upper()} {given}", "upper": f"{family} {given}".upper(),
            "comma": f"{family.upper()}, {given.upper()}"}[style]  # fmt: skip
    return text.strip().rstrip(","), _pinyin_parts(name, umlaut), style


def _given_forms(family: str, given: list[str], rng: random.Random, last: bool = True) -> tuple[str, str]:
    """The name with its given syllables hyphenated, spaced or joined, in a capitalisation, the surname first or
    (sometimes) last."""
    style = rng.choice(("hyphen", "hyphen", "spaced", "joined", "upper", "comma") + (("last",) if last else ()))
    hyphened = "-".join(given).capitalize() if given else ""
    text = {
        "hyphen": f"{family} {hyphened}", "spaced": f"{family} {' '.join(g.capitalize() for g in given)}",
        "joined": f"{family} {''.join(given).capitalize()}", "upper": f"{family} {hyphened}".upper(),
        "comma": f"{family.upper()}, {hyphened.upper()}", "last": f"{hyphened} {family}",
    }[style]  # fmt: skip
    return " ".join(text.split()).strip().rstrip(","), style


def _per_syllable(name: str, convert) -> tuple[str, list[str]]:
    family, given = render.syllables(name)
    return "".join(convert(s) for s in family).capitalize(), [convert(s) for s in given]


def _wade_giles_marks(name: str, rng: random.Random) -> Rendered:
    family, given = _per_syllable(name, rom.wade_giles)
    text, style = _given_forms(family, given, rng)
    marks = rng.choice(("both", "both", "no_umlaut", "no_apostrophe", "typographic"))
    if marks == "no_umlaut":
        text = text.replace("ü", "u").replace("Ü", "U")
    elif marks == "no_apostrophe":
        text = text.replace("'", "")
    elif marks == "typographic":
        text = text.replace("'", "’")
    return text, "latin", _pinyin_parts(name, "u"), f"{style}, {marks}"


def _table(name: str, rng: random.Random, convert) -> Rendered:
    family, given = _per_syllable(name, convert)
    text, style = _given_forms(family, given, rng)
    return text, "latin", _pinyin_parts(name, "u"), style


@functools.lru_cache(maxsize=1 << 14)
def cantonese_parts(name: str, system: str) -> tuple[str, ...] | None:
    """Toneless (surname syllables + given syllables) of ``name`` in Jyutping (pycantonese) or Yale; None when the
    library has no reading for a character."""
    traditional = render.traditional(name)  # both libraries read traditional characters
    readings = [rom.jyutping(c) or ("",) for c in traditional] if system == "jyutping" else None
    parts = [s for found in readings for s in found] if readings is not None else rom.yale(traditional)
    surname = render.split(name)[0]
    if system == "jyutping" and surname in render.SURNAME_READINGS:  # 曾 as a surname is zang, not cang
        parts[0] = render.SURNAME_READINGS[surname][2].rstrip("123456")
    if not all(parts):
        return None
    return tuple(parts)


def _cantonese(name: str, rng: random.Random, system: str) -> Rendered | None:
    parts = cantonese_parts(name, system)
    if parts is None:
        return None
    cut = len(render.split(name)[0])
    text, style = _given_forms("".join(parts[:cut]).capitalize(), list(parts[cut:]), rng)
    return text, system, parts, style


def _macau(name: str, rng: random.Random) -> Rendered | None:
    parts = cantonese_parts(name, "jyutping")
    if parts is None:
        return None
    surname = render.split(name)[0]
    cut = len(surname)
    family = rom.MACAU_SURNAMES.get(surname) or "".join(rom.macau(p) for p in parts[:cut]).capitalize()
    given = [rom.macau(p) for p in parts[cut:]]
    style = rng.choice(("upper", "upper", "spaced", "hyphen"))
    text = {
        "upper": f"{family} {' '.join(given)}".upper(), "spaced": f"{family} {' '.join(g.capitalize() for g in given)}",
        "hyphen": f"{family} {'-'.join(given).capitalize()}",
    }[style]  # fmt: skip
    return text, "jyutping", parts, style


def sea_spellings(name: str) -> list[tuple[str, ...]]:
    """Every (surname spelling, given pinyin syllables…) the table allows for ``name``: the "sea" keys."""
    surname, _given = render.split(name)
    places = rom.SEA_SURNAMES.get(surname, {})
    given = [s.replace("v", "u") for s in render.syllables(name)[1]]
    spellings = {s for found in places.values() for s in found}
    return [(s, *given) for s in sorted(spellings)]


def _sea(name: str, rng: random.Random) -> Rendered | None:
    found = rom.sea_surname(render.split(name)[0], rng)
    if found is None:
        return None
    spelling, place = found
    given = [s.replace("v", "u") for s in render.syllables(name)[1]]
    style = rng.choice(("spaced", "spaced", "hyphen", "joined", "upper"))
    text = {
        "spaced": f"{spelling} {' '.join(g.capitalize() for g in given)}",
        "hyphen": f"{spelling} {'-'.join(given).capitalize()}", "joined": f"{spelling} {''.join(given).capitalize()}",
        "upper": f"{spelling} {' '.join(given)}".upper(),
    }[style]  # fmt: skip
    return text, "sea", (spelling, *given), f"{place}, {style}"


def _palladius(name: str, rng: random.Random) -> Rendered:
    family, given = _per_syllable(name, rom.palladius)
    joined = "-".join(given) if rng.random() < 0.2 else "".join(given)
    return f"{family} {joined.capitalize()}".strip(), "latin", _pinyin_parts(name, "u"), "palladius"


def _mrz(name: str, rng: random.Random) -> Rendered:
    family, given = render.pinyin(name, umlaut="yu")  # Chinese passports write ü as YU (吕 LYU)
    split_given = rng.random() < 0.2
    parts = [s.replace("v", "yu") for s in render.syllables(name)[1]] if split_given else [given]
    whole = rng.random() < 0.6
    text = rom.mrz_name(family, [p for p in parts if p], whole_line=whole)
    return text, "latin", _pinyin_parts(name, "yu"), ("line" if whole else "field") + (", split" if split_given else "")


def _umlaut(name: str, rng: random.Random) -> Rendered:
    written = rng.choice(("u", "v", "yu", "ue"))
    family, given = render.syllables(name)

    def spell(syllables: tuple[str, ...]) -> str:
        return "".join(s.replace("v", "u" if written == "ue" and s.endswith("ve") else written) for s in syllables)

    text, style = _given_forms(spell(family).capitalize(), [spell((s,)) for s in given], rng, last=False)
    return text, "latin", _pinyin_parts(name, "yu" if written == "yu" else "u"), f"ü as {written}, {style}"


def render_kind(kind: str, name: str, rng: random.Random) -> Rendered | None:
    """The characters ``name`` written as ``kind`` writes it, or None when the kind cannot write it."""
    if kind in TYPO_KINDS:
        styles = ("upper", "comma") if kind == "ocr" else ("title", "passport", "upper")
        base, parts, style = _typed(name, rng, styles)
        text, note = getattr(typos, kind)(base, rng)
        return (text, "latin", parts, f"{style}: {note}") if note else None
    if kind == "pinyin_umlaut":
        return _umlaut(name, rng)
    if kind == "wade_giles_marks":
        return _wade_giles_marks(name, rng)
    if kind in ("tongyong", "mps2"):
        return _table(name, rng, getattr(rom, kind))
    if kind in ("jyutping", "yale_cantonese"):
        return _cantonese(name, rng, "jyutping" if kind == "jyutping" else "yale")
    if kind == "macau":
        return _macau(name, rng)
    if kind == "sea_dialect":
        return _sea(name, rng)
    if kind == "palladius":
        return _palladius(name, rng)
    if kind == "mrz":
        return _mrz(name, rng)
    raise ValueError(kind)


def render_foreign(kind: str, latin: str, rng: random.Random) -> tuple[str, str] | None:
    """A Latin-script foreign name with a typing or reading error: (text, note)."""
    style = rng.choice(("title", "upper") if kind != "ocr" else ("upper",))
    base = latin.upper() if style == "upper" else latin
    text, note = getattr(typos, kind)(base, rng)
    return (text, f"{style}: {note}") if note else None


def one_letter_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter substituted, dropped or added (Wei / Wen, Lin / Lian)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
