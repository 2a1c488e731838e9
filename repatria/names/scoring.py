"""The score of a listed person against a query: names first, then birth date, sex, nationality and documents.

Every feature adds an explanation a person can read, in ``Result.explanations``:
``{"name": {"score": 1.0, "detail": "杨秀珠 ≈ YEUNG Sau Chu via Cantonese", "code": "cantonese"}, ...}``. The
``code`` lets a page say the same in its own language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .entity import Entity
from .names import Name, compare_names, prepare_name, similarity_bound

__all__ = [
    "DEFAULT_THRESHOLD",
    "Evidence",
    "Facts",
    "Prepared",
    "Result",
    "bound",
    "explain",
    "facts",
    "prepare",
    "result",
    "score",
    "weigh",
]

DEFAULT_THRESHOLD = 0.7
# A name agreeing in full is worth NAME_WEIGHT; partial agreement is squared, so that one syllable in three
# (张伟 / 张伟国) cannot be made up for by the other evidence.
NAME_WEIGHT = 0.8
# (adjustment, code, detail) by how the birth dates relate.
BIRTH_DATE = {
    "agrees": (0.15, "birth date agrees"),
    "month": (0.10, "birth year and month agree"),
    "year": (0.07, "birth year agrees"),
    "day_differs": (-0.15, "birth day differs"),
    "month_differs": (-0.25, "birth month differs"),
    "contradicts": (-0.40, "birth year differs"),
}
GENDER_DIFFERS = -0.10
NATIONALITY_SHARED = 0.03  # a different one proves nothing: fugitives take other citizenships
DOCUMENT_FLOOR = 0.92  # an identical document number is enough on its own
_VIA = {
    "characters": "in characters",
    "homophones": "sounds alike, other characters",
    "pinyin": "via pinyin",
    "wade-giles": "via Wade-Giles",
    "cantonese": "via Cantonese",
    "customary": "via a customary spelling",
    "letters": "same letters",
    "spelling": "similar spelling",
}


@dataclass(frozen=True)
class Prepared:
    """An entity with its names ready for comparison (done once per listed person). ``names`` leaves out the
    romanisations of its names in characters (the passport's "YANG Xiuzhu" beside 杨秀珠): they add nothing to a
    comparison, nor to the index, which files the characters under all their spellings."""

    entity: Entity
    names: tuple[Name, ...]


def prepare(entity: Entity, names: Callable[[str], Name] = prepare_name) -> Prepared:
    """The entity with its names prepared by ``names`` (the index passes one that shares a name among namesakes)."""
    names = tuple(map(names, entity.names))
    han = [name for name in names if name.system == "characters"]
    kept = tuple(
        name for name in names if name.system == "characters" or not any(compare_names(name, h)[0] == 1.0 for h in han)
    )
    return Prepared(entity, kept)


@dataclass
class Result:
    id: str
    score: float
    match: bool
    explanations: dict[str, dict[str, Any]] = field(default_factory=dict)
    entity: Entity | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "match": self.match, "explanations": self.explanations}


def _best_name(query: Prepared, listed: Prepared, memo: dict) -> tuple[float, str, str, str]:
    best = (0.0, "", "", "")
    for q in query.names:
        for name in listed.names:
            key = (id(q), id(name))  # namesakes share one Name object in the index
            found = memo.get(key)
            if found is None:
                found = memo[key] = compare_names(q, name)
            if found[0] > best[0]:
                best = (found[0], found[1], q.text, name.text)
                if found[0] == 1.0 and found[1] == "characters":
                    return best
    return best


def _date_relation(query: tuple[str, ...], listed: tuple[str, ...]) -> str | None:
    """How the two sets of (partial) ISO dates relate, the best pair deciding; None when a side has none."""
    if not query or not listed:
        return None
    order = ("agrees", "month", "year", "day_differs", "month_differs", "contradicts")
    best = len(order) - 1
    for a in query:
        for b in listed:
            if a[:4] != b[:4]:
                continue
            if len(a) == len(b) == 10:
                relation = "agrees" if a == b else ("day_differs" if a[:7] == b[:7] else "month_differs")
            elif len(a) >= 7 and len(b) >= 7:
                relation = "month" if a[:7] == b[:7] else "month_differs"
            else:
                relation = "year"
            best = min(best, order.index(relation))
    return order[best]


@dataclass(slots=True)
class Evidence:
    """What one listed person has in common with the query, and the score it makes."""

    listed: Prepared
    total: float
    name: tuple[float, str, str, str]  # similarity, how, query name, listed name
    known: Facts


@dataclass(slots=True)
class Facts:
    """What the query and a listed person have in common besides their names (cheap to read)."""

    adjustment: float
    birth_date: str | None
    gender_differs: bool
    nationalities: set[str]
    documents: set[str]


def facts(q: Entity, e: Entity) -> Facts:
    relation = _date_relation(q.birth_dates, e.birth_dates)
    adjustment = BIRTH_DATE[relation][0] if relation else 0.0
    gender_differs = bool(q.genders and e.genders and not set(q.genders) & set(e.genders))
    shared = set(q.nationalities) & set(e.nationalities) if q.nationalities else set()
    adjustment += GENDER_DIFFERS * gender_differs + NATIONALITY_SHARED * bool(shared)
    documents = set(q.documents) & set(e.documents) if q.documents else set()
    return Facts(adjustment, relation, gender_differs, shared, documents)


def _total(similarity: float, known: Facts) -> float:
    total = NAME_WEIGHT * similarity * similarity + known.adjustment
    if known.documents:
        total = max(total, DOCUMENT_FLOOR + 0.08 * similarity)
    return round(max(0.0, min(1.0, total)), 4)


def bound(query: Prepared, listed: Prepared, known: Facts) -> float:
    """The most ``weigh`` can give, without comparing the names letter by letter."""
    similarity = max((similarity_bound(q, name) for q in query.names for name in listed.names), default=0.0)
    return _total(similarity, known)


def weigh(query: Prepared, listed: Prepared, memo: dict | None = None, known: Facts | None = None) -> Evidence:
    """The evidence and score of ``listed`` against ``query`` (``memo`` keeps name comparisons across persons)."""
    known = known or facts(query.entity, listed.entity)
    name = _best_name(query, listed, {} if memo is None else memo)
    return Evidence(listed, _total(name[0], known), name, known)


def explain(evidence: Evidence) -> dict[str, dict[str, Any]]:
    """Per-feature explanations: ``detail`` a sentence in English, ``code`` and ``values`` for saying it otherwise."""
    similarity, via, q_name, l_name = evidence.name
    if similarity:
        detail = f"{q_name} = {l_name}" if similarity == 1 and via == "letters" else f"{q_name} ≈ {l_name} {_VIA[via]}"
        explanations = {
            "name": {"score": round(similarity, 3), "detail": detail, "code": via, "values": [q_name, l_name]}
        }
    else:
        explanations = {"name": {"score": 0.0, "detail": "names differ", "code": "differs"}}
    known = evidence.known
    if known.birth_date:
        adjustment, detail = BIRTH_DATE[known.birth_date]
        explanations["birth_date"] = {"score": adjustment, "detail": detail, "code": known.birth_date}
    if known.gender_differs:
        explanations["gender"] = {"score": GENDER_DIFFERS, "detail": "sex differs", "code": "differs"}
    for feature, label, shared, weight in (
        ("nationality", "nationality", known.nationalities, NATIONALITY_SHARED),
        ("document", "document number", known.documents, DOCUMENT_FLOOR),
    ):
        if shared:
            values = sorted(shared)
            detail = f"{label} agrees: {', '.join(values)}"
            explanations[feature] = {"score": weight, "detail": detail, "code": "agrees", "values": values}
    return explanations


def result(evidence: Evidence, threshold: float = DEFAULT_THRESHOLD) -> Result:
    entity = evidence.listed.entity
    return Result(entity.id, evidence.total, evidence.total >= threshold, explain(evidence), entity)


def score(query: Prepared, listed: Prepared, threshold: float = DEFAULT_THRESHOLD) -> Result:
    """Score ``listed`` against ``query``; ``match`` when the score reaches ``threshold``."""
    return result(weigh(query, listed), threshold)
