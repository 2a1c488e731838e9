"""The grants as an authentication backend, in NetBox's manner: it signs no one in, it answers what a user may do.

Grants are ObjectPermission rows (see accounts.grants for the defaults). For a user, a record type and an
action, the grants that apply are OR-ed: one without constraints opens every record, none closes them all.
`restriction` gives that as one filter, which core's `restrict` asks of every configured backend (as Django's
`with_perm` does), so core never imports accounts; `has_perm` answers Django's "app.action_model" questions.
"""

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.backends import BaseBackend
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from .models import ObjectPermission


def _tokens(user) -> dict[str, object]:
    organisation = user.organisation
    return {
        "$organisation": organisation.pk if organisation else None,
        "$province": organisation.province_id if organisation else None,
    }


def _substitute(constraint: dict, tokens: dict) -> Q:
    return Q(
        **{field: tokens.get(value, value) if isinstance(value, str) else value for field, value in constraint.items()}
    )


Grant = tuple[set[int], set[str], object]  # (content type ids, actions, constraints)


@dataclass(frozen=True)
class _Row:
    grant: Grant
    roles: list[str]
    agency_types: list[str]
    users: set[int]

    def held_by(self, user) -> bool:
        if user.pk in self.users:
            return True
        if user.role not in self.roles:
            return False
        return not self.agency_types or (
            user.organisation is not None and user.organisation.agency_type in self.agency_types
        )


def _enabled_grants() -> list[_Row]:
    """Every enabled grant with the roles (and agency types) and the users it is given to."""
    rows = ObjectPermission.objects.filter(enabled=True).prefetch_related("object_types", "users")
    return [
        _Row(({ct.pk for ct in row.object_types.all()}, set(row.actions), row.constraints), row.roles,
             row.agency_types, {u.pk for u in row.users.all()})
        for row in rows
    ]  # fmt: skip


def _hold(user, grants: list[_Row]) -> None:
    user._grants = [row.grant for row in grants if row.held_by(user)]


def _user_grants(user) -> list[Grant]:
    """The user's enabled grants, read once per request."""
    if getattr(user, "_grants", None) is None:
        _hold(user, _enabled_grants())
    return user._grants


def _target(perm: str) -> tuple[type[Model], str] | None:
    """The model and action of a permission named "app_label.action_modelname", or None for any other name."""
    app_label, _, codename = perm.partition(".")
    action, _, model_name = codename.rpartition("_")  # model names have no underscore; actions may
    try:
        return apps.get_model(app_label, model_name), action
    except (LookupError, ValueError):
        return None


class ObjectPermissionBackend(BaseBackend):
    """The user's grants: what they may do with which records (authentication is left to the other backends)."""

    def load_grants(self, users: Iterable) -> None:
        """Read the grants once for many users (every officer told of a case) rather than once for each."""
        grants = _enabled_grants()
        for user in users:
            _hold(user, grants)

    def restriction(self, user_obj, model: type[Model], action: str) -> Q | None:
        """The filter admitting the records of a type the user may act on: Q() every record, None not one."""
        if not user_obj.is_authenticated:
            return None
        if user_obj.is_superuser:
            return Q()
        content_type = ContentType.objects.get_for_model(model)
        tokens = _tokens(user_obj)
        filters: list[Q] = []
        for types, actions, granted in _user_grants(user_obj):
            if content_type.pk not in types or action not in actions:
                continue
            if not granted:
                return Q()
            filters += [_substitute(c, tokens) for c in (granted if isinstance(granted, list) else [granted])]
        return functools.reduce(operator.or_, filters) if filters else None

    def has_perm(self, user_obj, perm: str, obj: Model | None = None) -> bool:
        """Any grant of the action on the type, or, given a record, one that reaches it. Inactive users hold
        none, as with Django's own backend."""
        target = _target(perm)
        if target is None or not user_obj.is_active:
            return False
        model, action = target
        admitted = self.restriction(user_obj, model, action)
        if admitted is None or (obj is not None and not isinstance(obj, model)):
            return False
        if obj is None or not admitted:
            return True
        return model._base_manager.filter(admitted, pk=obj.pk).exists()
