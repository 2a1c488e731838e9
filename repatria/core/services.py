"""What every app's services share."""

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)


class RuleError(ValidationError):
    """A business rule refused the change; the message is already in the user's language."""


class KeptError(RuleError):
    """A business rule keeps the record: it is not deleted (the API answers 409, as for a record still referred to)."""


def _split_many_to_many(model: type[Model], fields: dict) -> tuple[dict, dict]:
    names = {f.name for f in model._meta.many_to_many}
    return {k: v for k, v in fields.items() if k not in names}, {k: v for k, v in fields.items() if k in names}


def create_record(model: type[M], *, exclude: Iterable[str] = (), **fields) -> M:
    """A record with no business rule of its own, checked by the model's validation as a form would check it."""
    plain, many = _split_many_to_many(model, fields)
    obj = model(**plain)
    obj.full_clean(exclude=list(exclude))
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)
    return obj


def change_record(obj: M, *, exclude: Iterable[str] = (), **fields) -> M:
    """Change a record's fields (many-to-many ones too) and save it, after the model's validation."""
    plain, many = _split_many_to_many(type(obj), fields)
    for name, value in plain.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=list(exclude))
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)
    return obj


def lock_as_seen(record: M, state: str) -> M:
    """The record's row, locked to the end of the transaction, if nobody has saved it since the caller read it
    (`record.version` is the version the user saw): a move of its `state` (a status, a stage) from an older version
    is refused, as every other edit is."""
    current = type(record)._base_manager.select_for_update().get(pk=record.pk)
    if current.version != record.version:
        now = getattr(current, f"get_{state}_display")()
        raise RuleError(
            _("Someone else changed %(record)s while you were looking at it (it is now “%(state)s”). Nothing was "
              "saved: look at it again.") % {"record": current, "state": now}
        )  # fmt: skip
    return current
