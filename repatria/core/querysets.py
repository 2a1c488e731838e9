"""Need-to-know on every queryset: which records of a type a user may act on, asked of the configured backends.

The ground layer knows no grants: like Django's `with_perm`, it asks each authentication backend that answers
`restriction(user, model, action)` (accounts' ObjectPermissionBackend does) for a filter, and ORs them. One
restriction serves every place a record can leak: pages, exports, search, autocomplete, dashboards and the timeline
of a related record all filter through `restrict`.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_backends
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.fields.related import ForeignKey
from django.utils.html import format_html
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _


def restriction(user, model: type[models.Model], action: str) -> Q | None:
    """What the backends admit of a record type for an action: Q() every record, None not one."""
    admitted = None
    for backend in get_backends():
        if not hasattr(backend, "restriction"):
            continue
        granted = backend.restriction(user, model, action)
        if granted is None:
            continue
        if not granted:  # an empty Q admits everything (and would vanish from an OR)
            return Q()
        admitted = granted if admitted is None else admitted | granted
    return admitted


def restrict(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """The records of the queryset the user may act on.

    One subquery admits them (measured faster than one per constraint: the timelines' and the dashboard's
    queries stop early on their date index), and relations across rows add no duplicates.
    """
    admitted = restriction(user, queryset.model, action)
    if admitted is None:
        return queryset.none()
    if not admitted:
        return queryset
    return queryset.filter(pk__in=queryset.model._base_manager.filter(admitted).values("pk"))


def reach_fields(user, model: type[models.Model], action: str) -> set[str]:
    """The record's own fields the user's reach depends on (a case's province, say): where a save that would leave
    it is refused, the form marks them."""
    admitted = restriction(user, model, action)
    fields, pending = set(), [admitted] if admitted else []
    while pending:
        for child in pending.pop().children:
            if isinstance(child, Q):
                pending.append(child)
            else:
                fields.add(child[0].split("__")[0])
    return fields - {"pk", "id"}


def can(user, model: type[models.Model], action: str) -> bool:
    """Whether the user holds any grant of the action on the type (to offer an "add" button, say)."""
    return restriction(user, model, action) is not None


def allows(user, obj: models.Model, action: str) -> bool:
    return restrict(type(obj)._base_manager.filter(pk=obj.pk), user, action).exists()


def reaching(users: Iterable, obj: models.Model, action: str) -> list:
    """Those of the users whose grants reach the record, asked in one statement rather than one per user (a notice
    to every officer of a case); backends that can read many users' grants at once (`load_grants`) do so."""
    users = list(users)
    if not users:
        return []
    for backend in get_backends():
        if hasattr(backend, "load_grants"):
            backend.load_grants(users)
    records = type(obj)._base_manager
    checks = {}
    for user in users:
        admitted = restriction(user, type(obj), action)
        if admitted is not None:
            checks[f"user_{user.pk}"] = Exists(records.filter(admitted, pk=OuterRef("pk")))
    found = records.filter(pk=obj.pk).values(**checks).first() if checks else None
    return [user for user in users if found and found.get(f"user_{user.pk}")]


class RestrictedQuerySet(models.QuerySet):
    """`Model.objects.restrict(user, action)`: only the records the user's grants reach."""

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        return restrict(self, user, action)


def _shown(field: models.Field, value: Any) -> str:
    if isinstance(field, ForeignKey) and not isinstance(value, models.Model):
        value = field.related_model._base_manager.filter(pk=value).first() or value
    choices = dict(field.flatchoices) if field.choices else {}
    return str(choices.get(value, value))


def whom_to_ask(record: models.Model) -> str:
    """The organisation a user who may not see the record asks about it (RestrictedModel.whom_to_ask), by name."""
    return str(record.whom_to_ask() or _("the central coordination office"))


def clash(model: type[models.Model], user, values: dict[str, Any], *, instance: models.Model | None = None) -> str:
    """Why these field values cannot be saved when another record holds them, or "" when none does.

    The message links to that record only if the user may see it; otherwise it says no more than that the values are
    registered and which organisation to ask, so that a refusal never tells anyone what is outside their reach.
    """
    others = model._default_manager.filter(**values)
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    holder = others.first()
    if holder is None:
        return ""
    fields = [model._meta.get_field(name) for name in values]
    what = {
        "fields": capfirst(get_text_list([str(f.verbose_name) for f in fields], _("and"))),
        "values": " / ".join(_shown(f, values[f.name]) for f in fields),
    }
    visible = others.restrict(user, "view").first() if user is not None else None
    if visible is not None:
        return format_html(_("{fields} “{values}” is already registered: {record}."), record=link_to(visible), **what)
    text = _("{fields} “{values}” is already registered in a record outside what you may see; ask {organisation}.")
    return format_html(text, organisation=whom_to_ask(holder), **what)


def link_to(record: models.Model) -> str:
    """The record as a message names it (RestrictedModel.holder_label), linked to its page."""
    return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.holder_label())
