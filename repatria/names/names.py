"""A personal name made comparable across scripts and romanisations, and the comparison of two names.

A name becomes a sequence of *words*, each a sequence of *slots*: one slot per Chinese character or per syllable of
a romanised Chinese name, one per other word. A slot holds its simplified character (if written in characters) and
every Latin spelling it may have, each with the systems that spell it so: 楊秀珠, "Yang Xiuzhu", "Yang Hsiu-chu" and
"YEUNG Sau Chu" all become three slots whose spellings meet. Run-together syllables are split ("xiuzhu" -> xiu,
zhu). Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from .chinese import compact_han, latin_tokens, pinyin_parts, script_of
from .romanise import CANTONESE, CUSTOMARY, PINYIN, SYSTEM_NAMES, WADE_GILES, char_spellings, jyutping, syllable_systems

__all__ = ["Name", "compare_names", "given_key", "prepare_name", "similarity_bound"]

# A character that differs but sounds the same (杨秀珠 and 杨修竹) is likely another person: part credit only.
HOMOPHONE = 0.3
# A word one side has and the other lacks that is not a Chinese syllable ("David" Zhang Wei): an adopted or middle
# name, a small deduction rather than a missing part.
EXTRA_WORD = 0.05
# Words not of Chinese syllables may differ by spelling ("Aleksandr", "Alexander"): counted by edit similarity.
SPELLING_FLOOR = 0.75
SAME_SKELETON = 0.85
# The same syllables in another order (吴军华 / "Huajun Wu") are another name; surname first or last is the same.
WRONG_ORDER = 0.5
# A surname in one system and the given name in another ("Lin Liu" for 刘莲: pinyin, then Cantonese) is unusual.
MIXED_SYSTEMS = 0.1
_ANY_SYSTEM = -1


@dataclass(frozen=True, slots=True)
class Slot:
    han: str  # simplified character, "" for a name written in letters
    spellings: frozenset[str]
    systems: Mapping[str, int] = field(default_factory=dict)  # spelling -> system bits, for a character
    surname: bool = False
    sound: str = ""  # the index key of a word that is not Chinese: its consonants, so that spellings meet
    given_length: int = 0  # the characters of the given name it is in (a name in letters is looked for at its length)

    def index_keys(self) -> frozenset[str]:
        """What the index files the slot under. A character: itself ("h:"), and each spelling as a surname ("s:") or
        in a given name of so many characters ("g2:"). A slot in letters: its spelling ("l:") and, for a foreign
        word, its sound."""
        if self.han:
            part = SURNAME_KEY if self.surname else given_key(self.given_length)
            return frozenset({HAN_KEY + self.han, *(part + s for s in self.spellings)})
        return self.letters_keys()

    def letters_keys(self) -> frozenset[str]:
        """The keys of names written in letters that this slot may meet."""
        keys = {LETTERS_KEY + s for s in self.spellings}
        return frozenset(keys | {self.sound} if self.sound else keys)

    def query_keys(self) -> frozenset[str]:
        """What a query's character looks for: the same character, or its spellings in a name written in letters.
        (A query in letters is looked for as a surname and given name: see the index.)"""
        return frozenset({HAN_KEY + self.han} | self.letters_keys()) if self.han else self.letters_keys()


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
    slots: tuple[Slot, ...] = ()
    word_starts: frozenset[int] = frozenset()  # slot positions where a word begins
    # The same letters read as foreign words only, for comparing with a name in another script ("Minho" is not
    # min-ho beside 김민호); None when that is how the name was read anyway.
    plain: Name | None = None
    # Keys of the other reading of its letters (as foreign words, or as Chinese syllables), so that the index finds
    # the name from a query read either way.
    other_keys: frozenset[str] = frozenset()
    all_chinese: bool = False  # every word Chinese: none of them is excused as an adopted name
    written: frozenset[str] = frozenset()  # every character and spelling of its slots

    def index_keys(self) -> set[str]:
        return {key for slot in self.slots for key in slot.index_keys()} | self.other_keys


def _han_words(text: str) -> tuple[Word, ...]:
    simplified = compact_han(text)
    chars = [c for c in simplified if not c.isascii()]
    parts = [part for part in pinyin_parts(simplified) if part]
    if sum(len(part) for part in parts) != len(chars):  # letters or symbols mixed in: one word, char by char
        parts = [tuple(p for c in chars for p in (pinyin_parts(c) or [("",)])[0][:1])]
    cantonese = jyutping("".join(chars))
    words, position = [], 0
    for number, part in enumerate(parts):
        surname = number == 0 and len(parts) > 1
        slots = []
        for pinyin in part:
            char = chars[position]
            systems = char_spellings(char, pinyin, cantonese[position], surname=surname) if pinyin else {}
            slots.append(Slot(char, frozenset(systems), systems, surname, given_length=0 if surname else len(part)))
            position += 1
        words.append(Word(tuple(slots), True))
    return tuple(words)


@functools.lru_cache(maxsize=1 << 16)
def _segment(token: str) -> tuple[str, ...] | None:
    """The Chinese syllables that spell the token ("xiuzhu" -> xiu, zhu), or None. Of the ways to cut it, the one
    with the fewest syllables, then the most pinyin syllables: "sima" is si-ma, not the Cantonese sim-a. A cut with
    a syllable starting with a vowel inside the word is no Chinese name (pinyin would write "Xi'an"; "Juergen" is
    not ju-er-gen)."""
    best = _cuts(token)
    return best[1] if best and not best[0][1] else None


@functools.lru_cache(maxsize=1 << 16)
def _cuts(token: str) -> tuple[tuple[int, int, int], tuple[str, ...]] | None:
    systems = syllable_systems(token)
    best = ((1, 0, 0 if systems & PINYIN else 1), (token,)) if systems else None
    for end in range(min(len(token) - 1, 6), 0, -1):
        head, rest = token[:end], _cuts(token[end:])
        head_systems = syllable_systems(head)
        if not head_systems or rest is None:
            continue
        (count, vowels, other), syllables = rest
        cost = (count + 1, vowels + (syllables[0][0] in "aeiou"), other + (0 if head_systems & PINYIN else 1))
        if best is None or cost < best[0]:
            best = (cost, (head, *syllables))
    return best


# Words are separated by spaces and commas; hyphens and apostrophes also separate syllables ("Hsiu-chu", "Xi'an").
_WORDS_RE = re.compile(r"[\s,;/]+")
_SYLLABLE_BREAK_RE = re.compile("[-\u2010-\u2015'\u2018\u2019\u02bc]+")


def _foreign_word(pieces: list[str]) -> Word:
    joined = "".join(pieces)
    return Word((Slot("", frozenset((joined,)), sound=_SOUND_KEY + _skeleton(joined)),), False)


# English first names Chinese people adopt that would otherwise be cut into syllables (Susan: su-san, Helen: he-le-n).
WESTERN_GIVEN_NAMES = frozenset(
    """aaron adam alan albert alex alice amanda amy andrew andy angela angel anna anne annie anthony ben benjamin
    betty bill bob brian bruce carmen carol catherine cathy charles charlie cherry chris christina christine cindy
    claire daniel danny david dennis diana edward elaine eric esther eva evelyn frank fred gary george grace hannah
    harry helen henry ian irene jack jackie james jane janet jason jean jeff jennifer jenny jerry jessica jim jimmy
    joe john johnny joseph joyce judy julia julie justin karen kate katherine kathy kelly ken kenneth kevin kitty
    larry laura lawrence lily linda lisa louis lucy mandy margaret maria mark martin mary matthew michael michelle
    mike nancy nicholas nicole oliver patrick paul peggy peter philip rachel raymond richard robert roger ronald rose
    ruby sally sam samuel sandy sarah simon sophia stanley stella stephen steven sue susan sylvia terry thomas tim
    timothy tina tom tommy tony vincent vivian wendy william winnie yvonne""".split()  # noqa: SIM905 (a word list)
)


def _letter_word(word: str, *, chinese: bool = True) -> Word | None:
    pieces = [piece for part in _SYLLABLE_BREAK_RE.split(word) for piece in latin_tokens(part)]
    if not pieces:
        return None
    if len(pieces) == 1 and pieces[0] in WESTERN_GIVEN_NAMES:
        chinese = False
    syllables = [_segment(piece) if chinese and len(piece) <= 24 else None for piece in pieces]
    if all(syllables):
        return Word(tuple(Slot("", frozenset((s,))) for found in syllables for s in found), True)
    return _foreign_word(pieces)


def _letter_words(text: str, *, chinese: bool = True) -> tuple[Word, ...]:
    return tuple(word for raw in _WORDS_RE.split(text) if (word := _letter_word(raw, chinese=chinese)))


# Korean surnames as passports spell them (Revised Romanisation gives the first: 김 Gim, but passports say Kim).
_KOREAN_SURNAMES = {
    "김": "gim kim", "이": "i lee yi rhee", "박": "bak park pak", "최": "choe choi", "정": "jeong jung chung",
    "강": "gang kang", "조": "jo cho", "윤": "yun yoon", "장": "jang chang", "임": "im lim rim", "한": "han",
    "오": "o oh", "서": "seo suh", "신": "sin shin", "권": "gwon kwon", "황": "hwang", "안": "an ahn", "송": "song",
    "류": "ryu yoo yu", "전": "jeon jun chun", "홍": "hong", "고": "go ko", "문": "mun moon", "양": "yang",
    "손": "son sohn", "배": "bae", "백": "baek paik", "허": "heo huh", "유": "yu yoo", "남": "nam", "심": "sim shim",
    "노": "no noh roh", "하": "ha", "곽": "gwak kwak", "성": "seong sung", "차": "cha", "주": "ju joo", "우": "u woo",
    "구": "gu koo ku", "민": "min", "나": "na ra", "진": "jin chin", "지": "ji chi", "엄": "eom um", "변": "byeon byun",
    "채": "chae", "원": "won", "천": "cheon chun", "방": "bang", "공": "gong kong", "현": "hyeon hyun", "함": "ham",
}  # fmt: skip
_HANGUL_RE = re.compile("[\uac00-\ud7a3]")


def _hangul_words(text: str) -> tuple[Word, ...]:
    """A Korean name: the surname (first syllable) with its passport spellings, the given name as one word."""
    syllables = [c for c in text if not c.isspace()]
    surname = syllables[0]
    spellings = frozenset(_KOREAN_SURNAMES.get(surname, anyascii(surname).lower()).split())
    words = [Word((Slot("", spellings, sound=_SOUND_KEY + _skeleton(min(spellings))),), False)]
    given = [anyascii(c).lower() for c in syllables[1:]]
    return tuple(words + [_foreign_word(given)] if given else words)


def _name(text: str, words: tuple[Word, ...], system: str, plain: Name | None = None, other_keys=frozenset()) -> Name:
    slots = tuple(slot for word in words for slot in word.slots)
    starts, position = set(), 0
    for word in words:
        starts.add(position)
        position += len(word.slots)
    all_chinese = all(word.chinese for word in words)
    written = frozenset(x for slot in slots for x in (slot.han, *slot.spellings) if x)
    return Name(text, words, system, slots, frozenset(starts), plain, frozenset(other_keys), all_chinese, written)


@functools.lru_cache(maxsize=1 << 12)  # queries repeat little; the index keeps its own names
def prepare_name(text: str) -> Name:
    """The comparable form of a name in any script; other scripts than Chinese and Latin are transliterated."""
    script = script_of(text)
    if script == "Han":
        return _name(text, _han_words(text), "characters")
    if script == "Latn":
        words = _letter_words(text)
        if all(not w.chinese for w in words):
            return _name(text, words, "letters")
        plain = _name(text, _letter_words(text, chinese=False), "letters")
        return _name(text, words, "letters", plain, plain.index_keys())
    if _HANGUL_RE.search(text):
        return _name(text, _hangul_words(text), "transliterated")
    letters = anyascii(text)
    syllables = _name(letters, _letter_words(letters), "letters")  # as a query in letters may be read
    return _name(text, _letter_words(letters, chinese=False), "transliterated", other_keys=syllables.index_keys())


# ---- comparison ----------------------------------------------------------------------------------------------------

# Letters that spell the same sound in the transliterations of one name (Aleksandr, Alexander; Dmitriy, Dmitry).
# Greek (Giannis, Yannis; Konstantinou, Konstantinu), Russian (Fyodor, Fedor), Korean (Hyeon, Hyun), and the
# passports' umlauts (Jürgen, Juergen; Sørensen, Soerensen) too.
_SOUNDS = tuple(
    (re.compile(pattern), sound)
    for pattern, sound in (
        (r"gi(?=[aeiou])", "y"), (r"(?<=[bdfklmnprstvz])yo", "e"), (r"x", "ks"), (r"ph", "f"), (r"th", "t"),
        (r"ck", "k"), (r"[cq]", "k"), (r"kh", "h"), (r"ae", "a"), (r"oe", "o"), (r"ue", "u"),
        (r"o[uy]|eo|eu|oo", "u"), (r"w", "v"), (r"y", "i"),
    )
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)
def _sound(word: str) -> str:
    for pattern, sound in _SOUNDS:
        word = pattern.sub(sound, word)
    return _DOUBLED.sub(r"\1", word)


_SOUND_KEY = "~"  # sounds share the index with spellings; these prefixes keep them apart
HAN_KEY, LETTERS_KEY, SURNAME_KEY = "h:", "l:", "s:"


def given_key(length: int) -> str:
    """The index's prefix for a spelling in a given name of ``length`` characters."""
    return f"g{length}:"


_VOWELS_RE = re.compile("[aeiouy]+")


@functools.lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    """The first letter and the consonants of a word as it sounds: Alekseeva, Alexeeva -> alksv; Juergen, Jurgen."""
    sound = _sound(word)
    return sound[:1] + _DOUBLED.sub(r"\1", _VOWELS_RE.sub("", sound[1:]))


def _spelling_credit(a: Slot, b: Slot) -> float:
    """Credit for two foreign words by how alike they sound (the best of their spellings)."""
    return max(_word_credit(x, y) for x in a.spellings for y in b.spellings)


@functools.lru_cache(maxsize=1 << 16)
def _word_credit(x: str, y: str) -> float:
    if min(len(x), len(y)) < 4:
        return 0.0
    similarity = Levenshtein.normalized_similarity(_sound(x), _sound(y))
    if similarity < SAME_SKELETON and len(skeleton := _skeleton(x)) >= 3 and skeleton == _skeleton(y):
        return SAME_SKELETON  # the same consonants in the same order: Fedor, Fyodor
    return similarity if similarity >= SPELLING_FLOOR else 0.0


def _slot_credit(a: Slot, b: Slot) -> tuple[float, int]:
    """Credit for two slots, and the systems a character and a spelling agree by (``_ANY_SYSTEM`` otherwise)."""
    if a.han and b.han:
        if a.han == b.han:
            return 1.0, _ANY_SYSTEM
        return (HOMOPHONE, _ANY_SYSTEM) if not a.spellings.isdisjoint(b.spellings) else (0.0, 0)
    if a.han or b.han:
        han, letters = (a, b) if a.han else (b, a)
        bits = 0
        for spelling in letters.spellings:
            bits |= han.systems.get(spelling, 0)
        return (1.0, bits) if bits else (0.0, 0)
    return (1.0, _ANY_SYSTEM) if not a.spellings.isdisjoint(b.spellings) else (0.0, 0)


def _pair(listed: Slot, q_slots: tuple[Slot, ...], used: list[bool], order: list[int]) -> tuple[int, float, int]:
    """The unused query slot that best fits a listed slot, first found in ``order`` among equals:
    (position or -1, credit, systems)."""
    best, best_i, best_bits = 0.0, -1, 0
    for i in order:
        other = q_slots[i]
        if not used[i]:
            credit, bits = _slot_credit(other, listed)
            if credit > best:
                best, best_i, best_bits = credit, i, bits
                if credit == 1.0:
                    return best_i, best, best_bits
    if best_i < 0 and listed.sound:  # a foreign word: perhaps spelt otherwise
        for i, other in enumerate(q_slots):
            if not used[i] and other.sound:
                credit = _spelling_credit(other, listed)
                if credit > best:
                    best, best_i, best_bits = credit, i, _ANY_SYSTEM
    return best_i, best, best_bits


def _pairs(query: Name, listed: Name, start: int = 0) -> list[list]:
    """Each listed slot with its best query slot, trying the query's slots from ``start`` round to the end:
    [listed position, query position, credit, systems, surname]."""
    q_slots = query.slots
    order = [*range(start, len(q_slots)), *range(start)]
    used = [False] * len(q_slots)
    pairs = []
    for j, slot in enumerate(listed.slots):
        i, credit, bits = _pair(slot, q_slots, used, order)
        if i >= 0:
            used[i] = True
            pairs.append([j, i, credit, bits, slot.surname or q_slots[i].surname])
    return pairs


def _one_system(pairs: list[list]) -> int:
    """Keep the given-name syllables of the system most of them agree by ("Chen Leili" is not 李丽珍 read partly in
    Wade-Giles, partly in Cantonese); drop the others. Returns the system kept (0 if none was needed)."""
    given = [pair for pair in pairs if pair[3] != _ANY_SYSTEM and not pair[4]]
    if not given:
        return 0
    system = max((PINYIN, WADE_GILES, CANTONESE), key=lambda s: sum(1 for pair in given if pair[3] & s))
    for pair in given:
        if not pair[3] & system:
            pair[2] = 0.0
    return system


def _in_order(pairs: list[list], query: Name, listed: Name) -> bool:
    """Whether the query has the matched slots in the listed order, or with whole leading words (of both names)
    moved to the end: "Xiuzhu Yang" is 杨秀珠, "Lianglei Wu" is not 梁磊武."""
    positions = [pair[1] for pair in pairs]
    drops = [k for k in range(1, len(positions)) if positions[k] < positions[k - 1]]
    if not drops:
        return True
    if len(drops) > 1 or positions[-1] > positions[0]:
        return False
    k = drops[0]
    query_end = positions[-1] + 1
    query_boundary = query_end in query.word_starts or len(query.words) == 1
    return pairs[k][0] in listed.word_starts and query_boundary


def similarity_bound(query: Name, listed: Name) -> float:
    """The most ``compare_names`` can give the two names, cheaply: it earns at most one per query slot whose
    character or a spelling the listed name has (a homophone less), over at least the slots the longer name has."""
    if not (query.all_chinese and listed.all_chinese) or "transliterated" in (query.system, listed.system):
        return 1.0
    shared = min(_shared(query, listed), _shared(listed, query))  # slots pair one to one
    bound = shared / max(len(query.slots), len(listed.slots), 1)
    if "characters" not in (query.system, listed.system):  # also compared as whole words
        bound = max(bound, min(len(query.words), len(listed.words)) / max(len(query.words), len(listed.words), 1))
    return bound


def _shared(name: Name, other: Name) -> float:
    """The most the slots of ``name`` can earn against ``other``: one for each whose character or a spelling
    ``other`` has, a homophone's credit where both are characters and only the sound is shared."""
    written, by_character = other.written, other.system == "characters"
    shared = 0.0
    for slot in name.slots:
        if slot.han and by_character and slot.han in written:
            shared += 1.0
        elif not slot.spellings.isdisjoint(written):
            shared += HOMOPHONE if slot.han and by_character else 1.0
    return shared


def compare_names(query: Name, listed: Name) -> tuple[float, str]:
    """Similarity in [0, 1] of two prepared names, and how they were connected: "characters", "homophones",
    "pinyin", "wade-giles", "cantonese", "customary" (a surname's usual spelling), "letters" or "spelling" (similar
    but not the same letters).

    Each listed slot takes the best unused query slot. The score is the credit earned over the slots either side
    has, not counting whole words of non-Chinese syllables that only one side has (those cost ``EXTRA_WORD``).
    Two names in letters are also compared as foreign words ("Soren", cut so-ren, and "Soeren").
    """
    if "transliterated" in (query.system, listed.system):  # foreign names: letters are compared as words
        return _compare(query.plain or query, listed.plain or listed)
    found = _compare(query, listed)
    if found[0] < 1 and "characters" not in (query.system, listed.system) and (query.plain or listed.plain):
        # Words read as Chinese were not cut alike; none is excused (no "Guo" dropped from "Zhang Wei Guo").
        found = max(found, _compare(query.plain or query, listed.plain or listed, excuse=False))
    return found


def _compare(query: Name, listed: Name, *, excuse: bool = True) -> tuple[float, str]:
    pairs = _pairs(query, listed)
    if not _in_order(pairs, query, listed) and len(query.words) > 1:  # 魏伟林 and "Wei-Lin Wei": the other "wei"
        pairs = _pairs(query, listed, start=max(query.word_starts))
    system = _one_system(pairs)
    pairs = [pair for pair in pairs if pair[2] > 0]
    earned = sum(pair[2] for pair in pairs)
    if not earned:
        return 0.0, ""
    if len(pairs) == len(listed.slots) == len(query.slots):
        score = earned / len(pairs)
    else:
        score = _partial(pairs, earned, query, listed, excuse)
    if not _in_order(pairs, query, listed):
        score *= WRONG_ORDER
    if system and any(pair[4] and pair[3] != _ANY_SYSTEM and not pair[3] & (system | CUSTOMARY) for pair in pairs):
        score -= MIXED_SYSTEMS
    return max(0.0, min(1.0, score)), _via(pairs, system, query, listed)


def _partial(pairs: list[list], earned: float, query: Name, listed: Name, excuse: bool) -> float:
    l_matched = [False] * len(listed.slots)
    q_matched = [False] * len(query.slots)
    for pair in pairs:
        l_matched[pair[0]] = q_matched[pair[1]] = True
    l_missing, l_extra = _unmatched(listed.words, l_matched)
    q_missing, q_extra = _unmatched(query.words, q_matched)
    # Both sides have a part the other lacks: no excuses.
    if not excuse or ((l_missing or l_extra) and (q_missing or q_extra)):
        l_missing, q_missing = l_matched.count(False), q_matched.count(False)
        l_extra = q_extra = 0
    return earned / (len(pairs) + l_missing + q_missing) - EXTRA_WORD * (l_extra + q_extra)


def _unmatched(words: tuple[Word, ...], matched: list[bool]) -> tuple[int, int]:
    """(slots missing, extra words excused) of one side: a whole unmatched word that is not Chinese is excused, as an
    adopted or middle name."""
    missing = extra = position = 0
    for word in words:
        flags = matched[position : position + len(word.slots)]
        position += len(word.slots)
        lacking = flags.count(False)
        if lacking == len(flags) and not word.chinese:
            extra += 1
        else:
            missing += lacking
    return missing, extra


def _via(pairs: list[list], system: int, query: Name, listed: Name) -> str:
    """The least certain connection used names the whole match."""
    if any(pair[2] < 1 for pair in pairs):
        return "homophones" if query.system == listed.system == "characters" else "spelling"
    if system:
        return SYSTEM_NAMES[system]
    bits = [pair[3] for pair in pairs if pair[3] != _ANY_SYSTEM]
    if bits:  # only a surname was spelt: by its commonest system
        return SYSTEM_NAMES[next(s for s in sorted(SYSTEM_NAMES) if bits[0] & s)]
    return "characters" if "characters" in (query.system, listed.system) else "letters"
