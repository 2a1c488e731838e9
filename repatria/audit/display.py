"""A change log entry as the user reads it: field labels, choice labels, yes/no, and related records by name.

The log stores column values (`owner_id: 1`, `True`); the history page shows "owner: 陈某某", "是". A related
record is named only when the viewer may see it (need-to-know): otherwise its id alone is shown, as stored.
"""

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


def _field(model: type[models.Model], column: str) -> models.Field | None:
    """The field stored under a column name (`owner_id`) or a many-to-many field's name."""
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == column or field.name == column:
            return field if isinstance(field, models.Field) else None
    return None


def _related(field: models.Field, pks: list, user) -> str:
    """The related records the user may see by name, the others by id."""
    model = field.related_model
    records = model._base_manager.filter(pk__in=pks)
    if hasattr(model._default_manager, "restrict"):  # reference data (countries, organisations) is seen by all
        records = restrict(records, user)
    names = {str(record.pk): str(record) for record in records}
    return ", ".join(names.get(str(pk), f"#{pk}") for pk in pks)


def shown(field: models.Field | None, value: Any, user) -> str:
    if value is None or value == "" or value == []:
        return str(EMPTY)
    if field is None:
        return str(value)
    if field.is_relation:
        return _related(field, value if isinstance(value, list) else [value], user)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def changes(entry: AuditEntry, model: type[models.Model], user) -> list[dict[str, str]]:
    """One row per field of the entry: its label, and its value before and after, as the user reads them."""
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for column in dict.fromkeys([*before, *after]):
        field = _field(model, column)
        rows.append(
            {
                "label": str(field.verbose_name) if field is not None else column,
                "before": shown(field, before[column], user) if column in before else "",
                "after": shown(field, after[column], user) if column in after else "",
            }
        )
    return rows


def kind_label(entry: AuditEntry) -> str:
    return str(KIND_LABELS.get(entry.kind, entry.get_kind_display()))
