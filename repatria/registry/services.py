"""Business rules of persons: names decide the display name and the search keys."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from repatria.core.services import RuleError

from .models import NameKind, Person, PersonName
from .names import detect_script, query_keys, search_keys


def refresh_names(person: Person) -> None:
    """Recompute the display name and search keys after any change of the person's names."""
    names = list(person.names.all())
    primary = next((n for n in names if n.kind == NameKind.PRIMARY), names[0] if names else None)
    person.display_name = primary.name if primary else ""
    person.search_text = search_keys(n.name for n in names)
    # Derived values, not an edit: written without counting a new version (the names themselves are logged).
    Person.objects.filter(pk=person.pk).update(display_name=person.display_name, search_text=person.search_text)


@transaction.atomic
def create_person(*, names: Iterable[tuple[str, str]], nationalities=(), **fields) -> Person:
    """Create a person from (name, kind) pairs; the first primary name is the one shown."""
    names = [(name.strip(), kind) for name, kind in names if name and name.strip()]
    if not any(kind == NameKind.PRIMARY for _name, kind in names):
        raise RuleError(_("A person needs a primary name."))
    person = Person(**fields)
    person.full_clean(exclude=["display_name"])
    person.save()
    person.nationalities.set(nationalities)
    PersonName.objects.bulk_create(
        PersonName(person=person, name=name, kind=kind, script=detect_script(name)) for name, kind in names
    )
    refresh_names(person)
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
