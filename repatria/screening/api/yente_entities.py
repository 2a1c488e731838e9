"""A listed person as a FollowTheMoney entity, as yente answers with one: only properties of FtM's model, and what is
not a property of a Person as entities of their own nested in it, each with its id, caption, schema and properties.

What a partner may see stays what the card holds (cards.py): names, birth date, nationalities, the red notice (a
`Sanction` nested under `sanctions`) and the office to call (an `Organization`, the object of an `UnknownLink` of
role "contact point", whose subject the person is, nested under `unknownLinkTo`, as yente nests the links of an
entity).
"""

from __future__ import annotations

import hashlib
from typing import Any

from repatria.screening.cards import Card

__all__ = ["CONTACT_ROLE", "ftm_dataset", "person_entity"]

CONTACT_ROLE = "contact point"
# FtM's topic for persons sought by law enforcement: everyone a dataset lists is a fugitive still to be brought back.
WANTED = "wanted"


def ftm_dataset(name: str) -> str:
    """A dataset's name as FollowTheMoney writes it (a slug with underscores: red_notices), for yente's clients."""
    return name.replace("-", "_")


def _entity(entity_id: str, schema: str, caption: str, properties: dict[str, list]) -> dict[str, Any]:
    """yente's entity shape; the other fields of its EntityResponse keep their defaults."""
    return {
        "id": entity_id,
        "caption": caption,
        "schema": schema,
        "properties": {name: values for name, values in properties.items() if values},
    }


def _red_notice(person_id: str, number: str) -> dict[str, Any]:
    props = {"authority": ["INTERPOL"], "program": ["Red Notice"], "authorityId": [number], "status": ["Active"]}
    return _entity(f"{person_id}-red-notice", "Sanction", "Red Notice", props)


def _office(person_id: str, office: tuple[str, str, str | None]) -> dict[str, Any]:
    name_zh, name_en, country = office
    # The card names the office, not its row: its id is made from what the partner sees of it.
    digest = hashlib.sha256(f"{name_zh}|{name_en}|{country or ''}".encode()).hexdigest()[:16]
    organisation = _entity(
        f"office-{digest}", "Organization", name_zh,
        {"name": [name for name in (name_zh, name_en) if name], "country": [country.lower()] if country else []},
    )  # fmt: skip
    link = {"role": [CONTACT_ROLE], "object": [organisation]}
    return _entity(f"{person_id}-contact-{digest}", "UnknownLink", CONTACT_ROLE, link)


def person_entity(person_id: str, card: Card, *, nested: bool = True) -> dict[str, Any]:
    """The person as a partner sees them, with (``nested``) the red notice and the office to call; `datasets` are
    the datasets that list them."""
    props: dict[str, list] = {
        "name": list(card.names),
        "alias": list(card.aliases),
        "birthDate": [card.birth_date] if card.birth_date else [],
        "nationality": list(card.nationalities),
        "topics": [WANTED],
    }
    if nested:
        props["sanctions"] = [_red_notice(person_id, card.red_notice_number)] if card.red_notice_number else []
        props["unknownLinkTo"] = [_office(person_id, card.office)] if card.office else []
    datasets = sorted(map(ftm_dataset, card.datasets))
    return {**_entity(person_id, "Person", card.caption, props), "datasets": datasets, "target": True}
