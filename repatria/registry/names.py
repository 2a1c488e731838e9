"""Search keys for personal names in any script.

A person is stored with one ``search_text`` string built by :func:`search_keys` from all of their names; what an
officer types is turned by :func:`query_keys` into a few normalised forms, any of which may occur as a substring of
that string. Chinese names are indexed by their simplified characters and by their pinyin in both name orders,
Latin-script names by their letters without diacritics, punctuation or spaces, in several token orders.

Pure Python: no Django imports, so the module can be used by scripts and data loaders as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from repatria.names.chinese import compact_han, latin_tokens, pinyin_parts, script_of

__all__ = ["query_keys", "search_keys"]

_WHITESPACE_RE = re.compile(r"\s+")


def _orders(tokens: list[str]) -> list[str]:
    """The tokens run together as given, with the first moved to the end and with the last moved to the front."""
    if len(tokens) < 2:
        return ["".join(tokens)] if tokens else []
    return ["".join(tokens), "".join(tokens[1:] + tokens[:1]), "".join(tokens[-1:] + tokens[:-1])]


def _other_key(name: str) -> str:
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFC", name).casefold())


def _name_keys(name: str) -> list[str]:
    script = script_of(name)
    if script == "Han":
        simplified = compact_han(name)
        pinyin = _orders(["".join(part) for part in pinyin_parts(simplified)])
        # ü is written v in pinyin keys, yu in passports (LYU) and often plain u: store all three.
        spellings = [key.replace("v", ü) for key in pinyin if "v" in key for ü in ("yu", "u")]
        return [simplified.lower(), *pinyin, *spellings]
    if script == "Latn":
        return _orders(latin_tokens(name))
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
    script = script_of(query)
    if script == "Han":
        simplified = compact_han(query)
        keys = [simplified.lower(), "".join(syllable for part in pinyin_parts(simplified) for syllable in part)]
    elif script == "Latn":
        keys = ["".join(latin_tokens(query))]
        if "u\u0308" in unicodedata.normalize("NFKD", query.casefold()):
            keys.append("".join(latin_tokens(query, umlaut="v")))
    else:
        keys = [_other_key(query)]
    return [key for key in dict.fromkeys(keys) if key]
