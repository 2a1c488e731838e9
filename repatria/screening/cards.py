"""What a partner may see of a listed person, kept in memory beside the engine's index so that the match API answers
without reading the persons again: names, birth date, nationalities, red notice number and the office to call,
nothing of the case itself (shown as FollowTheMoney entities by api/yente_entities.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from repatria.registry.models import NameKind

__all__ = ["Card"]

SHOWN_NAMES = (NameKind.PRIMARY, NameKind.ROMANISATION)
ALIASES = (NameKind.ALIAS, NameKind.PREVIOUS)


@dataclass(frozen=True, slots=True)
class Card:
    """A listed person as a partner sees them, and the datasets that list them (see datasets.py)."""

    caption: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    birth_date: str
    nationalities: tuple[str, ...]
    red_notice_number: str
    office: tuple[str, str, str | None] | None  # Chinese and English names and country of the office to call
    datasets: frozenset[str]

    @classmethod
    def of(
        cls,
        *,
        caption: str,
        names: Iterable[tuple[str, str]],
        birth_date: str,
        nationalities: Iterable[str],
        red_notice_number: str,
        office: tuple[str, str, str | None] | None,
        datasets: Iterable[str],
    ) -> Card:
        """The card of a person from their (name, kind) pairs, in the order they were entered."""
        names = list(names)
        return cls(
            caption=caption,
            names=tuple(name for kind in SHOWN_NAMES for name, of_kind in names if of_kind == kind),
            aliases=tuple(name for kind in ALIASES for name, of_kind in names if of_kind == kind),
            birth_date=birth_date,
            nationalities=tuple(sorted(nationalities)),
            red_notice_number=red_notice_number,
            office=office,
            datasets=frozenset(datasets),
        )
