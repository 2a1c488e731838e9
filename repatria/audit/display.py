"""A change log entry as the user reads it: field labels, choice labels, yes/no, and related records by name.

The log stores column values (`owner_id: 1`, `True`); the history page shows "owner: 陈某某", "是". A related
record is named only when the viewer may see it (need-to-know): otherwise its id alone is shown, as stored. The
related records of a whole page are read at once, one query per record type.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from repatria.core.querysets import restrict

from .models import AuditEntry, EntryKind

# The history page's words for the change kinds ("created" elsewhere is the column "创建时间").
KIND_LABELS = {
    EntryKind.CREATE: pgettext_lazy("history", "Created"),
    EntryKind.UPDATE: pgettext_lazy("history", "Changed"),
    EntryKind.DELETE: pgettext_lazy("history", "Deleted"),
}
EMPTY = gettext_lazy("(empty)")

# The names of related records the viewer may see: by record type, then by id as text.
Names = dict[type[models.Model], dict[str, str]]


def _field(model: type[models.Model], column: str) -> models.Field | None:
    """The field stored under a column name (`owner_id`) or a many-to-many field's name."""
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == column or field.name == column:
            return field if isinstance(field, models.Field) else None
    return None


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _related_names(entries: Iterable[AuditEntry], model: type[models.Model], user) -> Names:
    """The names of the related records the entries mention that the user may see."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        for values in (entry.before or {}, entry.after or {}):
            for column, value in values.items():
                field = _field(model, column)
                if field is not None and field.is_relation and not _is_empty(value):
                    wanted[field.related_model].update(value if isinstance(value, list) else [value])
    names: Names = {}
    for related, pks in wanted.items():
        records = related._base_manager.filter(pk__in=pks)
        if hasattr(related._default_manager, "restrict"):  # reference data (countries, organisations) is seen by all
            records = restrict(records, user)
        names[related] = {str(record.pk): str(record) for record in records}
    return names


def shown(field: models.Field | None, value: Any, names: Names) -> str:
    if _is_empty(value):
        return str(EMPTY)
    if field is None:
        return str(value)
    if field.is_relation:
        seen = names.get(field.related_model, {})
        return ", ".join(seen.get(str(pk), f"#{pk}") for pk in (value if isinstance(value, list) else [value]))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _changes(entry: AuditEntry, model: type[models.Model], names: Names) -> list[dict[str, str]]:
    """One row per field of the entry: its label, and its value before and after, as the user reads them."""
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for column in dict.fromkeys([*before, *after]):
        field = _field(model, column)
        rows.append(
            {
                "label": str(field.verbose_name) if field is not None else column,
                "before": shown(field, before[column], names) if column in before else "",
                "after": shown(field, after[column], names) if column in after else "",
            }
        )
    return rows


def kind_label(entry: AuditEntry) -> str:
    return str(KIND_LABELS.get(entry.kind, entry.get_kind_display()))


def history(entries: Iterable[AuditEntry], model: type[models.Model], user) -> list[dict]:
    """Each entry of a record of `model` with its kind and its changes, as `user` reads them."""
    entries = list(entries)
    names = _related_names(entries, model, user)
    return [{"entry": entry, "kind": kind_label(entry), "changes": _changes(entry, model, names)} for entry in entries]
