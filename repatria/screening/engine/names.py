"""A personal name made comparable across scripts and romanisations, and the comparison of two names.

A name becomes a sequence of *words*, each a sequence of *slots*: one slot per Chinese character or per syllable of
a romanised Chinese name, one per other word. A slot holds its simplified character (if written in characters) and
every Latin spelling it may have, so 楊秀珠, "Yang Xiuzhu", "Yang Hsiu-chu" and "YEUNG Sau Chu" all become three
slots whose spellings meet. Run-together syllables are split ("xiuzhu" -> xiu, zhu); the order of the words is free
(surname first or last). Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from .chinese import compact_han, latin_tokens, pinyin_parts, script_of, split_surname
from .romanise import char_spellings, is_syllable, spelling_system

__all__ = ["Name", "NameMatch", "compare_names", "prepare_name"]

# A character that differs but sounds the same (杨秀珠 and 杨修竹) is likely another person: part credit only.
HOMOPHONE = 0.6
# A word one side has and the other lacks that is not a Chinese syllable ("David" Zhang Wei): an adopted or middle
# name, a small deduction rather than a missing part.
EXTRA_WORD = 0.05
# Words not of Chinese syllables may differ by spelling ("Aleksandr", "Alexander"): counted by edit similarity.
SPELLING_FLOOR = 0.75


@dataclass(frozen=True, slots=True)
class Slot:
    han: str  # simplified character, "" for a name written in letters
    spellings: frozenset[str]
    pinyin: str = ""  # the reading the spellings come from, for a character

    def index_keys(self) -> frozenset[str]:
        """What the index files the slot under: its character and spellings."""
        return self.spellings | {self.han} if self.han else self.spellings


@dataclass(frozen=True, slots=True)
class Word:
    slots: tuple[Slot, ...]
    chinese: bool  # written in characters, or made of Chinese syllables only


@dataclass(frozen=True, slots=True)
class Name:
    """A name ready for comparison; ``system`` says how it was read ("characters", "letters", "transliterated")."""

    text: str
    words: tuple[Word, ...]
    system: str

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(slot for word in self.words for slot in word.slots)

    def index_keys(self) -> set[str]:
        return {key for slot in self.slots for key in slot.index_keys()}


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: float
    query: str
    listed: str
    via: str  # see compare_names


def _han_words(text: str) -> tuple[Word, ...]:
    simplified = compact_han(text)
    surname, _given = split_surname(simplified)
    parts = pinyin_parts(simplified)
    chars = [c for c in simplified if not c.isspace() and not c.isascii()]
    syllables = [s for part in parts for s in part]
    if len(chars) != len(syllables):  # letters or symbols mixed in: read character by character
        syllables = [s for c in chars for s in (pinyin_parts(c)[0] if pinyin_parts(c) else ("",))][: len(chars)]
    sizes = [len(part) for part in parts] if sum(len(p) for p in parts) == len(chars) else [len(chars)]
    slots = [
        Slot(c, char_spellings(c, p, surname=i < len(surname)) if p else frozenset(), p)
        for i, (c, p) in enumerate(zip(chars, syllables, strict=True))
    ]
    words, start = [], 0
    for size in sizes:
        words.append(Word(tuple(slots[start : start + size]), True))
        start += size
    return tuple(w for w in words if w.slots)


@functools.lru_cache(maxsize=1 << 16)
def _segment(token: str) -> tuple[str, ...] | None:
    """The fewest Chinese syllables that spell the token ("xiuzhu" -> xiu, zhu), or None."""
    if is_syllable(token):
        return (token,)
    best: tuple[str, ...] | None = None
    for end in range(min(len(token) - 1, 6), 0, -1):
        head = token[:end]
        if is_syllable(head):
            rest = _segment(token[end:])
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = (head, *rest)
    return best


def _letter_words(text: str) -> tuple[Word, ...]:
    words = []
    for token in latin_tokens(text):
        syllables = _segment(token) if len(token) <= 24 else None
        if syllables:
            words.append(Word(tuple(Slot("", frozenset((s,))) for s in syllables), True))
        else:
            words.append(Word((Slot("", frozenset((token,))),), False))
    return tuple(words)


@functools.lru_cache(maxsize=1 << 17)
def prepare_name(text: str) -> Name:
    """The comparable form of a name in any script; other scripts than Chinese and Latin are transliterated."""
    script = script_of(text)
    if script == "Han":
        return Name(text, _han_words(text), "characters")
    if script == "Latn":
        return Name(text, _letter_words(text), "letters")
    return Name(text, _letter_words(anyascii(text)), "transliterated")


def _slot_credit(a: Slot, b: Slot) -> tuple[float, str]:
    if a.han and b.han:
        if a.han == b.han:
            return 1.0, "characters"
        return (HOMOPHONE, "homophones") if a.spellings & b.spellings else (0.0, "")
    shared = a.spellings & b.spellings
    if not shared:
        return 0.0, ""
    if a.han or b.han:
        han = a if a.han else b
        return 1.0, spelling_system(han.han, han.pinyin, min(shared))
    return 1.0, "letters"


# Letters that spell the same sound in the transliterations of one name (Aleksandr, Alexander; Dmitriy, Dmitry).
_SOUNDS = (("x", "ks"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("kh", "h"))
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)
def _sound(word: str) -> str:
    for letters, sound in _SOUNDS:
        word = word.replace(letters, sound)
    return _DOUBLED.sub(r"\1", word)


def _spelling_credit(a: Slot, b: Slot) -> float:
    (x,), (y,) = tuple(a.spellings), tuple(b.spellings)
    if min(len(x), len(y)) < 4:
        return 0.0
    similarity = Levenshtein.normalized_similarity(_sound(x), _sound(y))
    return similarity if similarity >= SPELLING_FLOOR else 0.0


def compare_names(query: Name, listed: Name) -> tuple[float, str]:
    """Similarity in [0, 1] of two prepared names, and how they were connected: "characters", "homophones",
    "pinyin", "wade-giles", "cantonese", "customary" (a surname's usual spelling), "letters" or "spelling" (similar
    but not the same letters).

    Each listed slot takes the best unused query slot. The score is the credit earned over the slots either side
    has, not counting whole words of non-Chinese syllables that only one side has (those cost ``EXTRA_WORD``).
    """
    q_slots = query.slots
    used = [False] * len(q_slots)
    earned, via = 0.0, set()
    l_matched: list[bool] = []
    for slot in listed.slots:
        best, best_i, best_via = 0.0, -1, ""
        for i, other in enumerate(q_slots):
            if used[i]:
                continue
            credit, how = _slot_credit(other, slot)
            if credit > best:
                best, best_i, best_via = credit, i, how
                if credit == 1.0:
                    break
        if best_i < 0 and not slot.han:
            for i, other in enumerate(q_slots):
                if not used[i] and not other.han and len(other.spellings) == 1 and len(slot.spellings) == 1:
                    credit = _spelling_credit(other, slot)
                    if credit > best:
                        best, best_i, best_via = credit, i, "spelling"
        if best_i >= 0:
            used[best_i] = True
            earned += best
            via.add(best_via)
        l_matched.append(best_i >= 0)
    if earned == 0.0:
        return 0.0, ""
    l_missing, l_extra = _unmatched(listed.words, l_matched)
    q_missing, q_extra = _unmatched(query.words, used)
    if (l_missing or l_extra) and (q_missing or q_extra):  # both sides have a part the other lacks: no excuses
        l_missing, q_missing = l_matched.count(False), used.count(False)
        l_extra = q_extra = 0
    score = earned / (sum(l_matched) + l_missing + q_missing) - EXTRA_WORD * (l_extra + q_extra)
    return max(0.0, min(1.0, score)), _describe(via)


def _unmatched(words: tuple[Word, ...], matched: list[bool]) -> tuple[int, int]:
    """(slots missing, extra words excused) of one side: a whole unmatched word that is not a Chinese syllable is
    excused, as an adopted or middle name."""
    missing = extra = position = 0
    for word in words:
        flags = matched[position : position + len(word.slots)]
        position += len(word.slots)
        lacking = flags.count(False)
        if lacking == len(flags) and not (len(flags) == 1 and word.chinese):
            extra += 1
        else:
            missing += lacking
    return missing, extra


# The least certain connection used names the whole match.
_VIA_ORDER = ("homophones", "spelling", "customary", "cantonese", "wade-giles", "pinyin", "letters", "characters")


def _describe(via: set[str]) -> str:
    return next((how for how in _VIA_ORDER if how in via), "")
