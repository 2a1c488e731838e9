"""The Latin spellings a Chinese character is written with: Hanyu Pinyin, Wade-Giles and Hong Kong Cantonese.

Passports and foreign registers drop tone marks, apostrophes and umlauts, so every spelling here is plain lowercase
ASCII: 张 is "zhang" (pinyin), "chang" (Wade-Giles, as in Taiwan) and "cheung" or "tseung" (Cantonese, as in Hong
Kong). Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re

import ToJyutping

from .chinese import reads_otherwise_as_surname

__all__ = [
    "CANTONESE",
    "CUSTOMARY",
    "PINYIN",
    "SYSTEM_NAMES",
    "WADE_GILES",
    "char_spellings",
    "syllable_systems",
    "wade_giles",
]

# ---- Wade-Giles, derived from the pinyin syllable -------------------------------------------------------------------

_WG_INITIALS = {
    "zh": "ch", "ch": "ch", "sh": "sh", "b": "p", "p": "p", "m": "m", "f": "f", "d": "t", "t": "t", "n": "n",
    "l": "l", "g": "k", "k": "k", "h": "h", "j": "ch", "q": "ch", "x": "hs", "r": "j", "z": "ts", "c": "ts",
    "s": "s", "y": "y", "w": "w",
}  # fmt: skip
_WG_WHOLE = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih", "ri": "jih", "er": "erh",
    "yi": "i", "you": "yu", "ye": "yeh", "yan": "yen", "yong": "yung", "yue": "yueh", "yuan": "yuan", "yu": "yu",
    "yun": "yun", "e": "o", "ge": "ko", "ke": "ko", "he": "ho", "guo": "kuo", "kuo": "kuo", "huo": "huo",
    "shuo": "shuo", "gui": "kuei", "kui": "kuei",
}  # fmt: skip
_WG_FINALS = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"), ("uo", "o"))


@functools.lru_cache(maxsize=2048)
def wade_giles(pinyin: str) -> str:
    """Wade-Giles spelling of a toneless pinyin syllable ("xiu" -> "hsiu", "zhong" -> "chung"), as passports write
    it: without apostrophes or umlauts (ü, written "v" in pinyin, becomes "u")."""
    if pinyin in _WG_WHOLE:
        return _WG_WHOLE[pinyin]
    initial = next((i for i in ("zh", "ch", "sh") if pinyin.startswith(i)), pinyin[:1])
    if initial not in _WG_INITIALS:
        return pinyin.replace("v", "u")
    final = pinyin[len(initial) :]
    for old, new in _WG_FINALS:
        if final.endswith(old):
            final = final[: -len(old)] + new
            break
    return _WG_INITIALS[initial] + final.replace("v", "u")


# ---- Hong Kong Cantonese, from Jyutping ----------------------------------------------------------------------------

# The Hong Kong government's romanisation, with the spellings actually met on identity cards.
_HK_INITIALS = {
    "b": ("p",), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t",), "t": ("t",), "n": ("n",), "l": ("l",),
    "g": ("k",), "k": ("k",), "ng": ("ng",), "h": ("h",), "gw": ("kw",), "kw": ("kw",), "w": ("w",),
    "z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("s", "sh"), "j": ("y",), "": ("",),
}  # fmt: skip
_HK_FINALS = {
    "aa": ("a",), "aai": ("ai",), "aau": ("au",), "aam": ("am",), "aan": ("an",), "aang": ("ang",), "aap": ("ap",),
    "aat": ("at",), "aak": ("ak",), "ai": ("ai",), "au": ("au",), "am": ("am",), "an": ("an",), "ang": ("ang",),
    "ap": ("ap",), "at": ("at",), "ak": ("ak",), "e": ("e",), "ei": ("ei", "ee"), "eng": ("eng",), "ek": ("ek",),
    "i": ("i", "ee"), "iu": ("iu",), "im": ("im",), "in": ("in",), "ing": ("ing",), "ip": ("ip",), "it": ("it",),
    "ik": ("ik",), "o": ("o", "oh"), "oi": ("oi", "oy"), "ou": ("o", "ou"), "on": ("on",), "ong": ("ong",),
    "ot": ("ot",), "ok": ("ok",), "u": ("u", "oo"), "ui": ("ui", "ooi"), "un": ("un", "oon"), "ung": ("ung",),
    "ut": ("ut",), "uk": ("uk",), "oe": ("oe",), "oeng": ("eung",), "oek": ("euk",), "eoi": ("ui", "eui"),
    "eon": ("un", "eun"), "eot": ("ut",), "yu": ("u", "ue", "yu"), "yun": ("un", "uen", "yun"), "yut": ("ut", "uet"),
    "m": ("m",), "ng": ("ng",),
}  # fmt: skip
# Whole syllables the government spells their own way: 李 lei5 "Lee", 子 zi2 "Tsz", 思 si1 "Sze", 余 jyu4 "Yu".
_HK_WHOLE = {
    "lei": ("lee", "li", "lei"), "zi": ("tsz", "chi", "tsze"), "ci": ("tsz", "chi", "tsze"), "si": ("sze", "si", "shi"),
    "jyu": ("yu", "yue"), "ji": ("yee", "yi"), "jyun": ("yuen", "yuan", "yun"), "wu": ("wu", "woo"),
    "lou": ("lo", "law", "lou"), "ng": ("ng", "eng"), "hou": ("ho", "hou"),
}  # fmt: skip
_JYUTPING_RE = re.compile(r"^(gw|kw|ng|[bpmfdtnlgkhwzcsj]?)([a-z]+)[1-6]$")


@functools.lru_cache(maxsize=4096)
def _hk_spellings(jyutping: str) -> tuple[str, ...]:
    toneless = jyutping.rstrip("123456")
    if toneless in _HK_WHOLE:
        return _HK_WHOLE[toneless]
    found = _JYUTPING_RE.match(jyutping)
    if not found or found.group(2) not in _HK_FINALS:
        return (toneless,)
    initial, final = found.groups()
    if initial == "j" and final.startswith("y"):
        initial = ""  # "jyut" is written "yuet", not "yyuet"
    return tuple(dict.fromkeys(i + f for i in _HK_INITIALS[initial] for f in _HK_FINALS[final]))


@functools.lru_cache(maxsize=1 << 15)
def cantonese_spellings(char: str, *, every_reading: bool = False) -> tuple[str, ...]:
    """Hong Kong spellings of one character's Cantonese reading ("杨" -> "yeung"); with ``every_reading``, of all
    its readings (surnames are often read in a way other than the everyday one: 曾 "Tsang")."""
    if every_reading:
        readings = [r for _char, found in ToJyutping.get_jyutping_candidates(char) for r in found]
    else:
        readings = [r for _char, r in ToJyutping.get_jyutping_list(char) if r]
    return tuple(dict.fromkeys(s for reading in readings for s in _hk_spellings(reading)))


# Common surnames' spellings that follow neither system: Hokkien and Teochew in South-East Asia (林 Lim, 陈 Tan),
# and habits of Hong Kong and Taiwan (李 Lee, 罗 Law, 胡 Woo).
_SURNAME_EXTRA = {
    "李": ("lee",), "林": ("lim",), "陈": ("tan", "chen"), "黄": ("ng", "wee", "wong"), "王": ("ong",),
    "吴": ("goh", "ng"), "郭": ("kwok", "koh"), "周": ("chow", "chou"), "刘": ("lau", "lao"), "罗": ("law",),
    "胡": ("woo",), "徐": ("tsui", "chui", "hsu"), "许": ("hui", "koh"), "蔡": ("choi", "chua", "tsai"),
    "叶": ("yip", "yap", "yeh"), "余": ("yee", "yu"), "邓": ("tang",), "曾": ("tsang", "tseng"),
    "谢": ("tse", "seah"), "朱": ("chu", "choo"), "马": ("mah",), "潘": ("poon",), "袁": ("yuen",),
    "郑": ("cheng", "tay"), "高": ("ko", "koh"),
}  # fmt: skip


PINYIN, WADE_GILES, CANTONESE, CUSTOMARY = 1, 2, 4, 8  # bits: which systems spell a character so
SYSTEM_NAMES = {PINYIN: "pinyin", WADE_GILES: "wade-giles", CANTONESE: "cantonese", CUSTOMARY: "customary"}


@functools.lru_cache(maxsize=1 << 15)
def char_spellings(char: str, pinyin: str, *, surname: bool = False) -> dict[str, int]:
    """Every Latin spelling of a (simplified) character read as ``pinyin``, with the systems that give it: pinyin
    with ü as "v", "u" and "yu" (吕 lv, lu, lyu), Wade-Giles and Cantonese. A surname also gets its customary
    spellings, and, when it is read otherwise as a surname (单 Shan, 区 Au), all of its Cantonese readings."""
    spellings: dict[str, int] = {}

    def add(spelling: str, system: int) -> None:
        spellings[spelling] = spellings.get(spelling, 0) | system

    for variant in (pinyin, pinyin.replace("v", "u"), pinyin.replace("v", "yu")):
        add(variant, PINYIN)
    add(wade_giles(pinyin), WADE_GILES)
    for spelling in cantonese_spellings(char, every_reading=surname and reads_otherwise_as_surname(char)):
        add(spelling, CANTONESE)
    for spelling in _SURNAME_EXTRA.get(char, ()) if surname else ():
        add(spelling, CUSTOMARY)
    return spellings


@functools.cache
def _syllables() -> dict[str, int]:
    """Every syllable of the four systems, with the systems it belongs to, from the common CJK characters."""
    from pypinyin import Style, lazy_pinyin  # only here: the inventory is built once

    chars = [chr(code) for code in range(0x4E00, 0x9FA6)]
    found: dict[str, int] = {}
    readings = lazy_pinyin(chars, style=Style.NORMAL, errors=lambda c: [""] * len(c))
    for char, pinyin in zip(chars, readings, strict=True):
        if pinyin.isascii() and pinyin.isalpha():
            for spelling, systems in char_spellings(char, pinyin).items():
                found[spelling] = found.get(spelling, 0) | systems
    for spellings in _SURNAME_EXTRA.values():
        for spelling in spellings:
            found[spelling] = found.get(spelling, 0) | CUSTOMARY
    return found


def syllable_systems(token: str) -> int:
    """The systems in which the token is one syllable of Chinese (0: none)."""
    return _syllables().get(token, 0)
