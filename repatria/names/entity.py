"""The person screened or listed, read from a FollowTheMoney entity (the format partners' tools speak)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DOCUMENT_NOISE", "Entity", "EntityError", "normalise_document"]

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DOCUMENT_NOISE = ("-", ".", "/")  # besides white space: what a document number is compared without
_DOCUMENT_NOISE = re.compile(r"[\s" + re.escape("".join(DOCUMENT_NOISE)) + "]")
_GENDERS = {"male": "male", "m": "male", "female": "female", "f": "female", "男": "male", "女": "female"}


class EntityError(ValueError):
    """An entity that cannot be read: the message (English) names the field; ``code`` names the rule broken and
    ``params`` the values involved, for saying it in another language."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code, self.params = code, params


def normalise_document(number: str) -> str:
    """A document number as compared: upper case, without spaces, hyphens, dots or slashes."""
    return _DOCUMENT_NOISE.sub("", number).upper()


@dataclass(frozen=True)
class Entity:
    id: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @classmethod
    def from_ftm(cls, data: Mapping[str, Any], *, default_id: str = "") -> Entity:
        """Read ``{"id", "schema", "properties": {"name", "alias", "birthDate", "gender", "nationality",
        "passportNumber", "idNumber"}}``; raises EntityError for what cannot be a person."""
        if not isinstance(data, Mapping):
            raise EntityError("not_object", "an entity must be a JSON object")
        schema = data.get("schema", "Person")
        if schema not in ("Person", "LegalEntity", "Thing"):
            raise EntityError("schema", f"schema {schema!r}: only Person entities can be screened", schema=str(schema))
        props = data.get("properties") or {}
        if not isinstance(props, Mapping):
            raise EntityError("properties", "properties must be an object of lists")
        names = _strings(props, "name") + _strings(props, "alias")
        if not names:
            raise EntityError("no_name", "a person needs at least one name (properties.name)")
        dates = _strings(props, "birthDate")
        for date in dates:
            if not _DATE_RE.match(date):
                raise EntityError("birth_date", f"birthDate {date!r}: use YYYY, YYYY-MM or YYYY-MM-DD", date=date)
        return cls(
            id=str(data.get("id") or default_id),
            names=tuple(dict.fromkeys(names)),
            birth_dates=tuple(dict.fromkeys(dates)),
            genders=tuple(dict.fromkeys(_GENDERS.get(g.lower(), g.lower()) for g in _strings(props, "gender"))),
            nationalities=tuple(dict.fromkeys(n.lower() for n in _strings(props, "nationality"))),
            documents=tuple(
                dict.fromkeys(
                    normalise_document(n) for n in _strings(props, "passportNumber") + _strings(props, "idNumber")
                )
            ),
        )

    def to_ftm(self) -> dict[str, Any]:
        props = {"name": list(self.names), "birthDate": list(self.birth_dates), "gender": list(self.genders)}
        props |= {"nationality": list(self.nationalities), "idNumber": list(self.documents)}
        return {"id": self.id, "schema": "Person", "properties": {k: v for k, v in props.items() if v}}


def _strings(props: Mapping[str, Any], key: str) -> list[str]:
    values = props.get(key) or []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable) or not all(isinstance(v, str | int) for v in values):
        raise EntityError("not_strings", f"properties.{key} must be a list of strings", field=key)
    return [str(v).strip() for v in values if str(v).strip()]
