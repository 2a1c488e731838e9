"""The list, indexed so that a query is compared with a handful of candidates instead of every listed person.

Each listed person is filed under the characters of their names, each spelling of a character as a surname or
a given name, the words of names written in letters (and their sound), and their document numbers. A query in
characters looks for its characters; a query in letters for its syllables as surname and given name (surname
first or last, a given name of as many characters), and for its words among names written in letters, all but
one when nobody has them all (an adopted first name, a misspelt word), and read as foreign words too ("Im Hojun"
is Korean). Each candidate's score is bounded cheaply first, and only those that could make the answer are
compared in full. Entries are added, replaced and removed one by one as the registry changes.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator

from .entity import Entity
from .names import SURNAME_KEY, Name, Slot, Word, given_key, prepare_name
from .romanise import syllable_systems
from .scoring import DEFAULT_THRESHOLD, Prepared, Result, bound, facts, prepare, result, weigh

__all__ = ["Index"]

# Below this a result is noise rather than a candidate worth a look.
MIN_SCORE = 0.2
# One-word fallbacks are tried only for words this rare (a surname alone is no lead).
RARE = 500
# Where a syllable in characters is filed: as a surname, in a given name of one to four characters.
_PARTS = (SURNAME_KEY, *map(given_key, range(1, 5)))


class Index:
    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._listed: dict[str, Prepared] = {}
        self._postings: defaultdict[str, set[str]] = defaultdict(set)
        self._documents: defaultdict[str, set[str]] = defaultdict(set)
        self._names: dict[str, Name] = {}  # one prepared Name per text: namesakes share it
        for entity in entities:
            self.add(entity)

    def __len__(self) -> int:
        return len(self._listed)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._listed

    def __iter__(self) -> Iterator[Entity]:
        return (prepared.entity for prepared in self._listed.values())

    def add(self, entity: Entity) -> None:
        """File the entity, replacing the one with the same id."""
        self.remove(entity.id)
        prepared = prepare(entity, self._name)
        self._listed[entity.id] = prepared
        for key in _keys(prepared):
            self._postings[key].add(entity.id)
        for number in entity.documents:
            self._documents[number].add(entity.id)
        self._slot_postings.cache_clear()

    def _name(self, text: str) -> Name:
        name = self._names.get(text)
        if name is None:
            name = self._names[text] = prepare_name(text)
        return name

    def remove(self, entity_id: str) -> None:
        prepared = self._listed.pop(entity_id, None)
        if prepared is None:
            return
        for key in _keys(prepared):
            self._discard(self._postings, key, entity_id)
        for number in prepared.entity.documents:
            self._discard(self._documents, number, entity_id)
        self._slot_postings.cache_clear()

    @staticmethod
    def _discard(postings: defaultdict[str, set[str]], key: str, entity_id: str) -> None:
        ids = postings.get(key)
        if ids is not None:
            ids.discard(entity_id)
            if not ids:
                del postings[key]

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 (cleared on every change; one index lives per process)
    def _slot_postings(self, keys: frozenset[str]) -> frozenset[str]:
        found: set[str] = set()
        for key in keys:
            found.update(self._postings.get(key, ()))
        return frozenset(found)

    def _word_postings(self, word: Word) -> frozenset[str]:
        postings = sorted((self._slot_postings(slot.query_keys()) for slot in word.slots), key=len)
        return _meet(postings) if postings else frozenset()

    def _by_words(self, name: Name, alone: bool = True) -> set[str]:
        """Persons filed under every word of the name; if nobody, under all words but one (one word ``alone`` only
        if few bear it)."""
        postings = sorted(((self._word_postings(word), word) for word in name.words), key=lambda p: len(p[0]))
        if len(postings) == 1:
            return set(postings[0][0])
        found = _common(postings)
        if not found:
            for subset in itertools.combinations(postings, len(postings) - 1):
                if len(subset) > 1 or (alone and self._bearers(*subset[0]) <= RARE):
                    found.update(_common(subset))
        return found

    def _bearers(self, postings: frozenset[str], word: Word) -> int:
        """About how many listed persons bear the word: a word of Chinese syllables is also borne by those whose
        characters spell it ("Li" is rare among names in letters only because Chinese names are filed by their
        characters)."""
        if not word.chinese:
            return len(postings)
        return len(postings) + min(
            sum(len(self._postings.get(part + spelling, ())) for spelling in slot.spellings for part in _PARTS)
            for slot in word.slots
        )

    def _as_chinese(self, name: Name) -> set[str]:
        """Persons in characters whose surname and given name the syllables of a name in letters may spell: the
        surname first or last, of one or two syllables. Other words (an adopted "David") are left out."""
        syllables = [next(iter(slot.spellings)) for slot in name.slots if _is_syllable(slot)]
        found: set[str] = set()
        for size in (1, 2):
            if len(syllables) <= size:
                break
            for surname, given in ((syllables[:size], syllables[size:]), (syllables[-size:], syllables[:-size])):
                keys = [SURNAME_KEY + s for s in surname] + [given_key(len(given)) + s for s in given]
                postings = sorted((self._slot_postings(frozenset((key,))) for key in keys), key=len)
                found.update(_meet(postings))
        return found

    def _name_candidates(self, name: Name) -> set[str]:
        if name.system == "characters":
            return self._by_words(name)
        found = self._by_words(name) | self._as_chinese(name)
        if name.plain:  # letters read as Chinese syllables may be a foreign name: "Im Hojun" (임호준)
            found |= self._by_words(name.plain, alone=False)  # whose "Im" alone is no lead
        return found

    def candidates(self, query: Prepared) -> set[str]:
        """Ids of the listed persons worth scoring against the query."""
        found: set[str] = set()
        for name in query.names:
            found |= self._name_candidates(name)
        for number in query.entity.documents:
            found |= self._documents.get(number, set())
        return found

    def match(
        self,
        query: Entity,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
        allowed: Callable[[set[str]], Collection[str]] | None = None,
    ) -> list[Result]:
        """The ``limit`` best-scoring listed persons, best first (ties by id), with ``match`` set at ``threshold``.
        ``allowed`` keeps, of the candidates' ids, those the caller may be answered with (a dataset, a user's reach)."""
        prepared, memo = prepare(query), {}
        candidates = self.candidates(prepared)
        if allowed is not None and candidates:
            candidates = allowed(candidates)
        hopeful = []  # candidates by the most they could score: most are ruled out before their names are compared
        for entity_id in candidates:
            listed = self._listed[entity_id]
            known = facts(prepared.entity, listed.entity)
            if (most := bound(prepared, listed, known)) >= MIN_SCORE:
                hopeful.append((most, listed, known))
        hopeful.sort(key=lambda h: (-h[0], h[1].entity.id))
        weighed, best = [], []  # best: a heap of the ``limit`` highest scores so far
        for most, listed, known in hopeful:
            if len(best) == limit and most < best[0]:  # a tie may still win by a smaller id
                break
            found = weigh(prepared, listed, memo, known)
            if found.total >= MIN_SCORE:
                weighed.append(found)
                (heapq.heappush if len(best) < limit else heapq.heappushpop)(best, found.total)
        weighed.sort(key=lambda w: (-w.total, w.listed.entity.id))
        return [result(w, threshold) for w in weighed[:limit]]


def _keys(prepared: Prepared) -> set[str]:
    return {key for name in prepared.names for key in name.index_keys()}


def _common(postings: Iterable[tuple[frozenset[str], Word]]) -> set[str]:
    """The persons in every one of the postings (given smallest first)."""
    return set(_meet([ids for ids, _word in postings]))


def _meet(postings: list[frozenset[str]]) -> frozenset[str]:
    """The persons in every one of the postings (given smallest first), pair by pair: ``a.intersection(b, c)``
    would first copy ``a``."""
    return functools.reduce(operator.and_, postings)


def _is_syllable(slot: Slot) -> bool:
    return len(slot.spellings) == 1 and bool(syllable_systems(next(iter(slot.spellings))))
