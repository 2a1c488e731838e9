"""Chinese personal names: simplified characters, surnames (compound ones too) and their Hanyu Pinyin reading.

Also the script of a name and the folding of Latin letters (case, diacritics, tone marks) that every comparison uses.
Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc
from pypinyin import Style, lazy_pinyin

__all__ = [
    "compact_han",
    "COMPOUND_SURNAMES",
    "detect_script",
    "fold_latin",
    "latin_tokens",
    "pinyin_parts",
    "pinyin_syllables",
    "reads_otherwise_as_surname",
    "script_of",
    "simplify_name",
    "surname_pinyin",
    "split_surname",
    "to_simplified",
]

# Single-character surnames whose reading as a surname differs from the reading pypinyin gives the character on its own
# (pypinyin 0.55 has no surname mode), or that pypinyin could read differently next to the given name. The surname is
# always converted on its own, so pypinyin's phrase table never joins it to the given name (薄田 -> "bo tian" while
# 薄 alone -> "bao"). Toneless, with ü written "v" as pypinyin does.
_SURNAME_PINYIN: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",),
    "单": ("shan",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "解": ("xie",),
    "覃": ("qin",),
    "乐": ("yue",),
    "朴": ("piao",),
    "盖": ("ge",),
    "召": ("shao",),
    "缪": ("miao",),
    "秘": ("bi",),
    "翟": ("zhai",),
    "祭": ("zhai",),
    "员": ("yun",),
    "任": ("ren",),
    "纪": ("ji",),
    "燕": ("yan",),
    "宁": ("ning",),
    "那": ("na",),
    "折": ("she",),
    "句": ("gou",),
    "柏": ("bai",),
    "沈": ("shen",),
    "华": ("hua",),
    "黑": ("he",),
    "郇": ("huan",),
    "靳": ("jin",),
    "冼": ("xian",),
    "殷": ("yin",),
    "薄": ("bo",),
    "卜": ("bu",),
    "长": ("chang",),
    "重": ("chong",),
    "种": ("chong",),
    "都": ("du",),
    "藏": ("zang",),
    "繁": ("po",),
    "能": ("nai",),
    "隗": ("wei",),
    "阚": ("kan",),
    "佴": ("nai",),
    "乜": ("nie",),
    "么": ("yao",),
    "洗": ("xian",),
    "角": ("jue",),
    "粘": ("nian",),
    "番": ("pan",),
    "蔚": ("yu",),
    # Compound surnames whose reading is not the everyday one (pypinyin 0.55 gets these right; pinned here).
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
}

# Two-character surnames. Rare ones that collide with a common single surname followed by a common given-name character
# (单于, 乐正, 宗政) are left out: 单 + 于芳 is far likelier than 单于 + 芳.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    {
        "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "夏侯", "慕容", "公孙",
        "令狐", "宇文", "长孙", "尉迟", "万俟", "澹台", "端木", "轩辕", "独孤", "南宫",
        "呼延", "赫连", "申屠", "西门", "东郭", "百里", "公冶", "太史", "钟离", "闾丘",
        "淳于", "拓跋", "鲜于", "司空", "左丘", "第五", "微生", "羊舌", "濮阳", "闻人",
    }
)  # fmt: skip

# Separators of transliterated foreign names written in characters (约翰·史密斯); such names have no Chinese surname.
_NAME_DOTS = "·•‧・･"
_NAME_DOTS_RE = re.compile(f"[{_NAME_DOTS}]+")
_HAN_RE = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")
_WHITESPACE_RE = re.compile(r"\s+")
# Hyphens, apostrophes and dots join the parts of a Latin token ("Xiu-Zhu", "Xi'an", "St. John" -> "st", "john").
_JOINERS_RE = re.compile("[-\u2010-\u2015'\u2018\u2019\u02bc`\u00b4.\u00b7]")
_TOKEN_RE = re.compile(r"[^\W_]+")
# Latin letters that have no decomposition under NFKD.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ŋ": "ng"}
)
_GIVEN_NAME_CACHE = 1 << 16


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified ones (OpenCC ``t2s``); other text is left alone."""
    return _t2s().convert(text) if text else text


def simplify_name(text: str) -> str:
    # OpenCC turns 乾 into 干 ("dry"); in names 乾 is the surname and the character qián,
    # which simplified Chinese keeps.
    if "乾" not in text:
        return to_simplified(text)
    return "乾".join(to_simplified(part) for part in text.split("乾"))


def script_of(name: str) -> str:
    """Han as soon as there is one Chinese character, else "Latn", "Cyrl" or "Zyyy" by the script of most letters."""
    if _HAN_RE.search(name):
        return "Han"
    latin = cyrillic = other = 0
    for ch in name:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x2B0 or 0x1E00 <= code <= 0x1EFF or 0xFF21 <= code <= 0xFF5A:
            latin += 1
        elif 0x400 <= code <= 0x52F or 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF or 0xA640 <= code <= 0xA69F:
            cyrillic += 1
        else:
            other += 1
    if latin > max(cyrillic, other) or (latin and latin == cyrillic > other):
        return "Latn"
    if cyrillic > other:
        return "Cyrl"
    return "Zyyy"


def detect_script(name: str) -> str:
    """ISO 15924 code of a name: "Hans", "Hant" (a character that OpenCC t2s changes), "Latn", "Cyrl" or "Zyyy"."""
    script = script_of(name)
    if script == "Han":
        return "Hant" if simplify_name(name) != name else "Hans"
    return script


def fold_latin(text: str, umlaut: str = "u") -> str:
    """Casefold and strip diacritics and tone marks (ü becomes ``umlaut``)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).replace("u\u0308", umlaut)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LATIN_EXTRA)


def latin_tokens(text: str, umlaut: str = "u") -> list[str]:
    """Folded Latin words; hyphens, apostrophes and dots join their parts ("Xiu-Zhu" -> "xiuzhu")."""
    return _TOKEN_RE.findall(_JOINERS_RE.sub("", fold_latin(text, umlaut)))


def _no_pinyin(chars: str) -> list[str]:
    # pypinyin's ``errors`` handler for characters without a reading: keep Latin letters and digits, drop the rest.
    return [token for token in latin_tokens(chars) if token.isascii()]


@functools.lru_cache(maxsize=_GIVEN_NAME_CACHE)
def _plain_pinyin(text: str) -> tuple[str, ...]:
    """pypinyin's phrase-aware reading of simplified ``text``."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors=_no_pinyin))


@functools.lru_cache(maxsize=4096)
def surname_pinyin(surname: str) -> tuple[str, ...]:
    """Pinyin syllables of a surname read as a surname (曾 zeng, not ceng)."""
    return _SURNAME_PINYIN.get(surname) or tuple(lazy_pinyin(surname, style=Style.NORMAL, errors=_no_pinyin))


def _split(name: str) -> tuple[str, str]:
    # ``name`` is simplified and without whitespace.
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


def pinyin_parts(simplified: str) -> list[tuple[str, ...]]:
    """Pinyin of a simplified name without whitespace, grouped by name part (surname, given name, ...)."""
    if _NAME_DOTS_RE.search(simplified):
        parts = [_plain_pinyin(part) for part in _NAME_DOTS_RE.split(simplified) if part]
    else:
        surname, given = _split(simplified)
        parts = [surname_pinyin(surname), _plain_pinyin(given)] if given else [surname_pinyin(surname)]
    return [part for part in parts if part]


def compact_han(name: str) -> str:
    """Simplified characters of a name, without whitespace."""
    return simplify_name(_WHITESPACE_RE.sub("", name))


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name) of a name in Chinese characters, recognising compound surnames such as 欧阳.

    Whitespace is dropped; the parts keep the script of the input. A name written with interpuncts (约翰·史密斯) has no
    Chinese surname and is returned as ``("", name)``.
    """
    name = _WHITESPACE_RE.sub("", name)
    if not name or _NAME_DOTS_RE.search(name):
        return "", name
    head = simplify_name(name[:2])
    if len(name) > 2 and len(head) == 2 and head in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def pinyin_syllables(name: str) -> list[str]:
    """Toneless lowercase pinyin syllables of a Chinese name, surname read as a surname ("lv" for 吕).

    Latin letters and digits inside the name are kept as they are (lowercased); other characters are dropped.
    """
    simplified = compact_han(name)
    if not simplified:
        return []
    return [syllable for part in pinyin_parts(simplified) for syllable in part]


def reads_otherwise_as_surname(char: str) -> bool:
    """Whether the character has a reading of its own as a surname (曾 zeng, 单 shan)."""
    return char in _SURNAME_PINYIN
