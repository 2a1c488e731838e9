"""The screening engine: persons compared across scripts and romanisations, pure Python (no Django import).

index = Index(Entity.from_ftm(line) for line in listed)
index.match(Entity.from_ftm(query), limit=10, threshold=DEFAULT_THRESHOLD)  # -> [Result], best first
compare(left, right)  # -> Result of one pair
"""

from .entity import Entity, EntityError
from .index import Index
from .scoring import DEFAULT_THRESHOLD, Result, prepare, score

__all__ = ["DEFAULT_THRESHOLD", "Entity", "EntityError", "Index", "Result", "compare"]


def compare(left: Entity, right: Entity, threshold: float = DEFAULT_THRESHOLD) -> Result:
    """Score ``right`` as a listed person against ``left`` as the query."""
    return score(prepare(left), prepare(right), threshold)
