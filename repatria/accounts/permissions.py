"""Need-to-know: which records of a type a user may act on, as a queryset filter.

Grants are ObjectPermission rows (see accounts.grants for the defaults). For a user, a record type and an
action, the grants that apply are OR-ed: one without constraints opens every record, none closes them all.
One restriction serves every place a record can leak: pages, exports, search, autocomplete, dashboards and the
timeline of a related record all filter through `restrict`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from .models import ObjectPermission, Role

# Roles that work in the registry pages; partners use the API and auditors the logs only.
OFFICER_ROLES = {Role.ADMIN, Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER}
EVERYTHING = Q()
NOTHING = Q(pk__in=[])


def is_officer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in OFFICER_ROLES)


def reads_audit(user) -> bool:
    """The audit trail is read by auditors and central administrators."""
    return user.is_authenticated and (user.is_superuser or user.role in (Role.AUDITOR, Role.ADMIN))


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


def condition(user, model: type[Model], action: str) -> Q:
    """The filter a user's grants put on a record type for an action."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return EVERYTHING
    content_type = ContentType.objects.get_for_model(model)
    tokens = _tokens(user)
    result = None
    for types, actions, constraints in _user_grants(user):
        if content_type.pk not in types or action not in actions:
            continue
        if not constraints:
            return EVERYTHING
        for constraint in constraints if isinstance(constraints, list) else [constraints]:
            q = _substitute(constraint, tokens)
            result = q if result is None else result | q
    return NOTHING if result is None else result


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The records of the queryset the user may act on; constraints across relations add no duplicates."""
    q = condition(user, queryset.model, action)
    if q == EVERYTHING:
        return queryset
    if q == NOTHING:
        return queryset.none()
    return queryset.filter(pk__in=queryset.model._base_manager.filter(q).values("pk"))


def can(user, model: type[Model], action: str) -> bool:
    """Whether the user holds any grant of the action on the type (to offer an "add" button, say)."""
    return condition(user, model, action) != NOTHING


def allows(user, obj: Model, action: str) -> bool:
    return restrict(type(obj)._base_manager.filter(pk=obj.pk), user, action).exists()
