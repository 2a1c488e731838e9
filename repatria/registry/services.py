"""Business rules of persons: names decide the display name and the search keys."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from repatria.core.services import RuleError, change_record
from repatria.screening.engine.chinese import detect_script

from .models import NameKind, Person, PersonName
from .names import query_keys, search_keys


def refresh_names(person: Person) -> None:
    """Recompute the display name and search keys after any change of the person's names."""
    names = list(person.names.all())
    primary = next((n for n in names if n.kind == NameKind.PRIMARY), names[0] if names else None)
    person.display_name = primary.name if primary else ""
    person.search_text = search_keys(n.name for n in names)
    # Derived values, not an edit: written without counting a new version (the names themselves are logged).
    Person.objects.filter(pk=person.pk).update(display_name=person.display_name, search_text=person.search_text)


def _clean_names(names: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The names without blanks; there must be a primary one."""
    names = [(name.strip(), kind) for name, kind in names if name and name.strip()]
    if not any(kind == NameKind.PRIMARY for _name, kind in names):
        raise RuleError(_("A person needs a primary name."))
    return names


@transaction.atomic
def create_person(*, names: Iterable[tuple[str, str]], nationalities=(), **fields) -> Person:
    """Create a person from (name, kind) pairs; the first primary name is the one shown."""
    names = _clean_names(names)
    person = Person(**fields)
    person.full_clean(exclude=["display_name"])
    person.save()
    person.nationalities.set(nationalities)
    PersonName.objects.bulk_create(
        PersonName(person=person, name=name, kind=kind, script=detect_script(name)) for name, kind in names
    )
    refresh_names(person)
    return person


@transaction.atomic
def set_names(person: Person, names: Iterable[tuple[str, str]]) -> None:
    """Make the person's names exactly these (name, kind) pairs: names kept stay as they are, each other
    removal or addition is a change of its own in the audit trail."""
    wanted = _clean_names(names)
    kept = set()
    for current in list(person.names.all()):
        key = (current.name, current.kind)
        if key in wanted and key not in kept:
            kept.add(key)
        else:
            current.delete()
    for name, kind in dict.fromkeys(wanted):
        if (name, kind) not in kept:
            PersonName.objects.create(person=person, name=name, kind=kind, script=detect_script(name))
    refresh_names(person)


@transaction.atomic
def change_person(person: Person, *, names: Iterable[tuple[str, str]] | None = None, **fields) -> Person:
    """Change a person's particulars and, when given, their names (the same rules as at creation)."""
    change_record(person, exclude=["display_name"], **fields)
    if names is not None:
        set_names(person, names)
    return person


def search(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Persons any of whose names matches what was typed, in any script or romanisation."""
    keys = query_keys(query)
    if not keys:
        return queryset
    condition = Q()
    for key in keys:
        condition |= Q(search_text__contains=key)
    return queryset.filter(condition)
