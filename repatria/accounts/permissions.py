"""Need-to-know: which records of a type a user may act on, as a queryset filter.

Grants are ObjectPermission rows (see accounts.grants for the defaults). For a user, a record type and an
action, the grants that apply are OR-ed: one without constraints opens every record, none closes them all.
One restriction serves every place a record can leak: pages, exports, search, autocomplete, dashboards and the
timeline of a related record all filter through `restrict`.
"""

import functools
import operator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from .models import ObjectPermission, Role

# Roles that work in the registry pages; partners use the API and auditors the logs only.
OFFICER_ROLES = {Role.ADMIN, Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER}


def is_officer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in OFFICER_ROLES)


def reads_audit(user) -> bool:
    """The audit trail is read by auditors and central administrators."""
    return user.is_authenticated and (user.is_superuser or user.role in (Role.AUDITOR, Role.ADMIN))


def manages_tokens(user) -> bool:
    """Partners' API tokens are issued and revoked by central administrators."""
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)


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


def _user_grants(user) -> list[tuple[set[int], set[str], object]]:
    """The user's enabled grants as (content type ids, actions, constraints), read once per request."""
    cached = getattr(user, "_grants", None)
    if cached is None:
        rows = ObjectPermission.objects.filter(enabled=True).prefetch_related("object_types", "users")
        cached = [
            ({ct.pk for ct in row.object_types.all()}, set(row.actions), row.constraints)
            for row in rows
            if user.role in row.roles or any(u.pk == user.pk for u in row.users.all())
        ]
        user._grants = cached
    return cached


def constraints(user, model: type[Model], action: str) -> list[Q] | None:
    """The filters a user's grants put on a record type for an action, any of which admits a record.

    None means every record; an empty list, none.
    """
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    content_type = ContentType.objects.get_for_model(model)
    tokens = _tokens(user)
    filters: list[Q] = []
    for types, actions, granted in _user_grants(user):
        if content_type.pk not in types or action not in actions:
            continue
        if not granted:
            return None
        filters += [_substitute(c, tokens) for c in (granted if isinstance(granted, list) else [granted])]
    return filters


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The records of the queryset the user may act on.

    One subquery admits them (measured faster than one per constraint: the timelines' and the dashboard's
    queries stop early on their date index), and relations across rows add no duplicates.
    """
    filters = constraints(user, queryset.model, action)
    if filters is None:
        return queryset
    if not filters:
        return queryset.none()
    admitted = queryset.model._base_manager.filter(functools.reduce(operator.or_, filters)).values("pk")
    return queryset.filter(pk__in=admitted)


def can(user, model: type[Model], action: str) -> bool:
    """Whether the user holds any grant of the action on the type (to offer an "add" button, say)."""
    return constraints(user, model, action) != []


def allows(user, obj: Model, action: str) -> bool:
    return restrict(type(obj)._base_manager.filter(pk=obj.pk), user, action).exists()
