"""The Latin spellings a Chinese character is written with: Hanyu Pinyin, Wade-Giles and Hong Kong Cantonese.

Passports and foreign registers drop tone marks, apostrophes and umlauts, so every spelling here is plain lowercase
ASCII: 张 is "zhang" (pinyin), "chang" (Wade-Giles, as in Taiwan) and "cheung" or "tseung" (Cantonese, as in Hong
Kong). Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re

import opencc
import ToJyutping

from .chinese import reads_otherwise_as_surname

__all__ = [
    "CANTONESE",
    "CUSTOMARY",
    "PINYIN",
    "SYSTEM_NAMES",
    "WADE_GILES",
    "char_spellings",
    "jyutping",
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

# The Hong Kong government's romanisation, with the spellings actually met on identity cards (華 Wa or Wah, 周 Chau
# or Chow, 新 San or Sun).
_HK_INITIALS = {
    "b": ("p",), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t",), "t": ("t",), "n": ("n",), "l": ("l",),
    "g": ("k",), "k": ("k",), "ng": ("ng",), "h": ("h",), "gw": ("kw",), "kw": ("kw",), "w": ("w",),
    "z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("s", "sh"), "j": ("y",), "": ("",),
}  # fmt: skip
_HK_FINALS = {
    "aa": ("a", "ah"), "aai": ("ai",), "aau": ("au",), "aam": ("am",), "aan": ("an",), "aang": ("ang",), "aap": ("ap",),
    "aat": ("at",), "aak": ("ak",), "ai": ("ai",), "au": ("au", "ow"), "am": ("am",), "an": ("an", "un"),
    "ang": ("ang",), "ap": ("ap",), "at": ("at",), "ak": ("ak",), "e": ("e",), "ei": ("ei", "ee"),
    "eng": ("eng", "ing"), "ek": ("ek",),
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
    return tuple(dict.fromkeys(i + f for i in _HK_INITIALS[initial] for f in _HK_FINALS[final]))


@functools.cache
def _s2hk() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


@functools.lru_cache(maxsize=1 << 16)
def jyutping(name: str) -> tuple[str, ...]:
    """The Cantonese reading (Jyutping) of each character of a name in simplified characters, "" where unknown.

    Read through the Hong Kong traditional form, in context: a simplified character may also be a traditional one
    of its own with another sound (达 is read as 達 daat6, not dai3; 胜 as 勝 sing3).
    """
    traditional = _s2hk().convert(name)
    if len(traditional) != len(name):
        traditional = name
    return tuple(reading or "" for _char, reading in ToJyutping.get_jyutping_list(traditional))


def cantonese_spellings(char: str, reading: str, *, every_reading: bool = False) -> tuple[str, ...]:
    """Hong Kong spellings of a character's Cantonese ``reading`` ("joeng4" -> "yeung"); with ``every_reading``,
    of all its readings too (surnames are often read otherwise: 单 sin6, "Shin", not daan1)."""
    readings = [reading] if reading else []
    if every_reading:
        traditional = _s2hk().convert(char)
        readings += [r for _char, found in ToJyutping.get_jyutping_candidates(traditional) for r in found]
    return tuple(dict.fromkeys(s for r in readings for s in _hk_spellings(r)))


# Common surnames' spellings that follow neither system: Hokkien and Teochew in South-East Asia (林 Lim, 陈 Tan),
# and habits of Hong Kong and Taiwan (李 Lee, 罗 Law, 胡 Woo).
_SURNAME_EXTRA = {
    "李": ("lee",), "林": ("lim",), "陈": ("tan", "chen"), "黄": ("ng", "wee", "wong"), "王": ("ong",),
    "吴": ("goh", "ng"), "郭": ("kwok", "koh"), "周": ("chow", "chou"), "刘": ("lau", "lao", "low"), "罗": ("law",),
    "胡": ("woo",), "徐": ("tsui", "chui", "hsu"), "许": ("hui", "koh"), "蔡": ("choi", "chua", "tsai"),
    "叶": ("yip", "yap", "yeh"), "余": ("yee", "yu"), "邓": ("tang",), "曾": ("tsang", "tseng"),
    "谢": ("tse", "seah"), "朱": ("chu", "choo"), "马": ("mah",), "潘": ("poon",), "袁": ("yuen",),
    "郑": ("cheng", "tay"), "高": ("ko", "koh"), "侯": ("how",), "卢": ("lo", "lou"), "伍": ("ng",),
}  # fmt: skip


PINYIN, WADE_GILES, CANTONESE, CUSTOMARY = 1, 2, 4, 8  # bits: which systems spell a character so
SYSTEM_NAMES = {PINYIN: "pinyin", WADE_GILES: "wade-giles", CANTONESE: "cantonese", CUSTOMARY: "customary"}


@functools.lru_cache(maxsize=1 << 15)
def char_spellings(char: str, pinyin: str, cantonese: str, *, surname: bool = False) -> dict[str, int]:
    """Every Latin spelling of a (simplified) character read as ``pinyin`` in Mandarin and ``cantonese`` (Jyutping)
    in Cantonese, with the systems that give it: pinyin
    with ü as "v", "u" and "yu" (吕 lv, lu, lyu), Wade-Giles and Cantonese. A surname also gets its customary
    spellings, and, when it is read otherwise as a surname (单 Shan, 区 Au), all of its Cantonese readings."""
    spellings: dict[str, int] = {}

    def add(spelling: str, system: int) -> None:
        spellings[spelling] = spellings.get(spelling, 0) | system

    for variant in (pinyin, pinyin.replace("v", "u"), pinyin.replace("v", "yu")):
        add(variant, PINYIN)
    add(wade_giles(pinyin), WADE_GILES)
    for spelling in cantonese_spellings(char, cantonese, every_reading=surname and reads_otherwise_as_surname(char)):
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
            for spelling, systems in char_spellings(char, pinyin, jyutping(char)[0]).items():
                found[spelling] = found.get(spelling, 0) | systems
    for spellings in _SURNAME_EXTRA.values():
        for spelling in spellings:
            found[spelling] = found.get(spelling, 0) | CUSTOMARY
    return found


def syllable_systems(token: str) -> int:
    """The systems in which the token is one syllable of Chinese (0: none)."""
    return _syllables().get(token, 0)
