"""Search keys for personal names in any script.

A person is stored with one ``search_text`` string built by :func:`search_keys` from all of their names; what an
officer types is turned by :func:`query_keys` into a few normalised forms, any of which may occur as a substring of
that string. Chinese names are indexed by their simplified characters and by their pinyin in both name orders,
Latin-script names by their letters without diacritics, punctuation or spaces, in several token orders.

Pure Python: no Django imports, so the module can be used by scripts and data loaders as well.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import opencc
from pypinyin import Style, lazy_pinyin

__all__ = ["detect_script", "pinyin_syllables", "query_keys", "search_keys", "split_surname", "to_simplified"]

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
_COMPOUND_SURNAMES: frozenset[str] = frozenset(
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


def _simplify_name(text: str) -> str:
    # OpenCC turns 乾 into 干 ("dry"); in names 乾 is the surname and the character qián,
    # which simplified Chinese keeps.
    if "乾" not in text:
        return to_simplified(text)
    return "乾".join(to_simplified(part) for part in text.split("乾"))


def _script(name: str) -> str:
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
    script = _script(name)
    if script == "Han":
        return "Hant" if _simplify_name(name) != name else "Hans"
    return script


def _fold_latin(text: str, umlaut: str = "u") -> str:
    """Casefold and strip diacritics and tone marks (ü becomes ``umlaut``)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).replace("u\u0308", umlaut)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LATIN_EXTRA)


def _latin_tokens(text: str, umlaut: str = "u") -> list[str]:
    return _TOKEN_RE.findall(_JOINERS_RE.sub("", _fold_latin(text, umlaut)))


def _no_pinyin(chars: str) -> list[str]:
    # pypinyin's ``errors`` handler for characters without a reading: keep Latin letters and digits, drop the rest.
    return [token for token in _latin_tokens(chars) if token.isascii()]


@functools.lru_cache(maxsize=_GIVEN_NAME_CACHE)
def _plain_pinyin(text: str) -> tuple[str, ...]:
    """pypinyin's phrase-aware reading of simplified ``text``."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors=_no_pinyin))


@functools.lru_cache(maxsize=4096)
def _surname_pinyin(surname: str) -> tuple[str, ...]:
    return _SURNAME_PINYIN.get(surname) or tuple(lazy_pinyin(surname, style=Style.NORMAL, errors=_no_pinyin))


def _split(name: str) -> tuple[str, str]:
    # ``name`` is simplified and without whitespace.
    if name[:2] in _COMPOUND_SURNAMES and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _pinyin_parts(simplified: str) -> list[tuple[str, ...]]:
    """Pinyin of a simplified name without whitespace, grouped by name part (surname, given name, ...)."""
    if _NAME_DOTS_RE.search(simplified):
        parts = [_plain_pinyin(part) for part in _NAME_DOTS_RE.split(simplified) if part]
    else:
        surname, given = _split(simplified)
        parts = [_surname_pinyin(surname), _plain_pinyin(given)] if given else [_surname_pinyin(surname)]
    return [part for part in parts if part]


def _compact_han(name: str) -> str:
    return _simplify_name(_WHITESPACE_RE.sub("", name))


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name) of a name in Chinese characters, recognising compound surnames such as 欧阳.

    Whitespace is dropped; the parts keep the script of the input. A name written with interpuncts (约翰·史密斯) has no
    Chinese surname and is returned as ``("", name)``.
    """
    name = _WHITESPACE_RE.sub("", name)
    if not name or _NAME_DOTS_RE.search(name):
        return "", name
    head = _simplify_name(name[:2])
    if len(name) > 2 and len(head) == 2 and head in _COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def pinyin_syllables(name: str) -> list[str]:
    """Toneless lowercase pinyin syllables of a Chinese name, surname read as a surname ("lv" for 吕).

    Latin letters and digits inside the name are kept as they are (lowercased); other characters are dropped.
    """
    simplified = _compact_han(name)
    if not simplified:
        return []
    return [syllable for part in _pinyin_parts(simplified) for syllable in part]


def _orders(tokens: list[str]) -> list[str]:
    """The tokens run together as given, with the first moved to the end and with the last moved to the front."""
    if len(tokens) < 2:
        return ["".join(tokens)] if tokens else []
    return ["".join(tokens), "".join(tokens[1:] + tokens[:1]), "".join(tokens[-1:] + tokens[:-1])]


def _other_key(name: str) -> str:
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFC", name).casefold())


def _name_keys(name: str) -> list[str]:
    script = _script(name)
    if script == "Han":
        simplified = _compact_han(name)
        pinyin = _orders(["".join(part) for part in _pinyin_parts(simplified)])
        # ü is written v in pinyin keys, yu in passports (LYU) and often plain u: store all three.
        spellings = [key.replace("v", ü) for key in pinyin if "v" in key for ü in ("yu", "u")]
        return [simplified.lower(), *pinyin, *spellings]
    if script == "Latn":
        return _orders(_latin_tokens(name))
    return [_other_key(name)]


def search_keys(names: Iterable[str]) -> str:
    """One lowercase, space-separated string of search keys for all of a person's names (see the module docstring)."""
    keys: dict[str, None] = {}
    for name in names:
        if name and not name.isspace():
            keys.update(dict.fromkeys(_name_keys(name)))
    keys.pop("", None)
    return " ".join(keys)


def query_keys(query: str) -> list[str]:
    """Normalised forms of what an officer typed; a person matches if any of them is a substring of its search keys.

    Chinese input gives its simplified characters and its pinyin, Latin input its letters run together (tone marks
    stripped; ü gives both a "u" and a "v" form so that "Lǚ" finds 吕), anything else its casefolded text.
    """
    if not query or query.isspace():
        return []
    script = _script(query)
    if script == "Han":
        simplified = _compact_han(query)
        keys = [simplified.lower(), "".join(syllable for part in _pinyin_parts(simplified) for syllable in part)]
    elif script == "Latn":
        keys = ["".join(_latin_tokens(query))]
        if "u\u0308" in unicodedata.normalize("NFKD", query.casefold()):
            keys.append("".join(_latin_tokens(query, umlaut="v")))
    else:
        keys = [_other_key(query)]
    return [key for key in dict.fromkeys(keys) if key]
