"""The score of a listed person against a query: names first, then birth date, sex, nationality and documents.

Every feature adds an explanation a person can read, in ``Result.explanations``:
``{"name": {"score": 1.0, "detail": "杨秀珠 ≈ YEUNG Sau Chu via Cantonese", "code": "cantonese"}, ...}``. The
``code`` lets a page say the same in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .entity import Entity
from .names import Name, compare_names, prepare_name

__all__ = ["DEFAULT_THRESHOLD", "Prepared", "Result", "prepare", "score"]

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
    """An entity with its names ready for comparison (done once per listed person)."""

    entity: Entity
    names: tuple[Name, ...]


def prepare(entity: Entity) -> Prepared:
    return Prepared(entity, tuple(prepare_name(name) for name in entity.names))


@dataclass
class Result:
    id: str
    score: float
    match: bool
    explanations: dict[str, dict[str, Any]] = field(default_factory=dict)
    entity: Entity | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "match": self.match, "explanations": self.explanations}


def _best_name(query: Prepared, listed: Prepared) -> tuple[float, str, str, str]:
    best = (0.0, "", "", "")
    for q in query.names:
        for name in listed.names:
            similarity, via = compare_names(q, name)
            if similarity > best[0]:
                best = (similarity, via, q.text, name.text)
                if similarity == 1.0 and via == "characters":
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


def score(query: Prepared, listed: Prepared, threshold: float = DEFAULT_THRESHOLD) -> Result:
    """Score ``listed`` against ``query``; ``match`` when the score reaches ``threshold``."""
    q, e = query.entity, listed.entity
    similarity, via, q_name, l_name = _best_name(query, listed)
    total = NAME_WEIGHT * similarity * similarity
    explanations: dict[str, dict[str, Any]] = {}
    if similarity:
        detail = f"{q_name} ≈ {l_name} {_VIA[via]}" if similarity < 1 or via != "letters" else f"{q_name} = {l_name}"
        explanations["name"] = {"score": round(similarity, 3), "detail": detail, "code": via}
    else:
        explanations["name"] = {"score": 0.0, "detail": "names differ", "code": "differs"}
    relation = _date_relation(q.birth_dates, e.birth_dates)
    if relation:
        adjustment, detail = BIRTH_DATE[relation]
        total += adjustment
        explanations["birth_date"] = {"score": adjustment, "detail": detail, "code": relation}
    if q.genders and e.genders and not set(q.genders) & set(e.genders):
        total += GENDER_DIFFERS
        explanations["gender"] = {"score": GENDER_DIFFERS, "detail": "sex differs", "code": "differs"}
    shared = set(q.nationalities) & set(e.nationalities)
    if shared:
        total += NATIONALITY_SHARED
        detail = "nationality agrees: " + ", ".join(sorted(shared))
        explanations["nationality"] = {"score": NATIONALITY_SHARED, "detail": detail, "code": "agrees"}
    documents = set(q.documents) & set(e.documents)
    if documents:
        total = max(total, DOCUMENT_FLOOR + 0.08 * similarity)
        detail = "document number agrees: " + ", ".join(sorted(documents))
        explanations["document"] = {"score": DOCUMENT_FLOOR, "detail": detail, "code": "agrees"}
    total = round(max(0.0, min(1.0, total)), 4)
    return Result(e.id, total, total >= threshold, explanations, e)
