"""The engine described as yente describes its matching algorithms (`/api/algorithms`, and `matcher` and `features`
in a match answer), from the engine's own weights (repatria.names.scoring)."""

from __future__ import annotations

from typing import Any

from repatria.names import DEFAULT_THRESHOLD, Result, scoring

__all__ = ["ALGORITHM", "algorithm_docs", "explanations", "feature_docs", "features"]

ALGORITHM = "repatria-names"
DESCRIPTION = (
    "Repatria's name engine: names in Chinese characters, pinyin, Wade-Giles, Cantonese and customary spellings are "
    "compared through their readings; the best name's similarity s counts 0.8 × s², and the birth date, sex, "
    "nationality and document numbers add to it or take from it. A result is a match from the threshold "
    f"({DEFAULT_THRESHOLD} by default)."
)
# (description, coefficient) by feature: what the engine adds to the score for each.
FEATURES = {
    "name": (
        "Similarity of the closest pair of names, through their readings; it counts squared.",
        scoring.NAME_WEIGHT,
    ),
    "birth_date": ("Agreement of the birth dates: added when they agree, taken off when they differ.", 1.0),
    "gender": ("A different sex is taken off.", 1.0),
    "nationality": ("A shared nationality is added; a different one proves nothing.", 1.0),
    "document": ("An identical document number: the score is then at least this much.", 1.0),
}


def feature_docs(url: str) -> dict[str, dict[str, Any]]:
    """nomenklatura's FeatureDocs: description, coefficient and a link (`url`, the algorithms' page) per feature."""
    return {name: {"description": text, "coefficient": weight, "url": url} for name, (text, weight) in FEATURES.items()}


def algorithm_docs(url: str) -> dict[str, Any]:
    """nomenklatura's AlgorithmDocs: the engine takes no configuration."""
    return {"name": ALGORITHM, "description": DESCRIPTION, "config": {}, "features": feature_docs(url)}


def features(result: Result) -> dict[str, float]:
    """yente's `features`: each feature's score (0.0 for those that said nothing)."""
    return {name: float(result.explanations.get(name, {}).get("score", 0.0)) for name in FEATURES}


def explanations(result: Result) -> dict[str, dict[str, Any]]:
    """The engine's explanations, readable as they are (`detail`, `code`, `values`), with nomenklatura's FeatureResult
    fields beside them: the query's and the listed person's names that were compared."""
    shaped = {}
    for name, item in result.explanations.items():
        values = item.get("values") or []
        pair = {"query": values[0], "candidate": values[1]} if name == "name" and len(values) == 2 else {}
        shaped[name] = {**item, **pair}
    return shaped
