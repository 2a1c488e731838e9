"""Business rules of persons: names decide the display name and the search keys."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from repatria.core.services import RuleError, change_record
from repatria.names import Entity, Index, compare
from repatria.names.chinese import detect_script

from .models import NameKind, Person, PersonName, Whereabouts
from .names import query_keys, search_keys


@dataclass(frozen=True)
class Timeline:
    """What the registry needs of the timeline, which the cases app keeps above it and hands over in its ready()
    (as screening hands over the live index)."""

    for_person: Callable[[Person], QuerySet]  # the events of a person and of their cases
    whereabouts_recorded: Callable[..., Any]  # the (unsaved) event of a whereabouts recorded


_timeline: Timeline | None = None


def use_timeline(timeline: Timeline) -> None:
    global _timeline
    _timeline = timeline


def timeline() -> Timeline:
    if _timeline is None:
        raise RuntimeError("the cases app, which keeps the timeline, is not ready")
    return _timeline


@transaction.atomic
def record_whereabouts(*, person: Person, country, actor, **fields) -> Whereabouts:
    """Where a person is or was; it stands on the person's timeline and so on their cases'."""
    whereabouts = Whereabouts(person=person, country=country, **fields)
    whereabouts.full_clean()
    whereabouts.save()
    timeline().whereabouts_recorded(whereabouts, actor=actor).save()
    return whereabouts


@transaction.atomic
def end_open_whereabouts(person: Person, day: datetime.date) -> list[Whereabouts]:
    """The person's whereabouts still open on that day (no end, begun by then) end there: they came back."""
    ended = []
    for whereabouts in person.whereabouts.filter(date_to="", date_from__lte=day.isoformat()):
        ended.append(change_record(whereabouts, date_to=day.isoformat()))
    return ended


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


# Typed names longer than this are not given to the screening engine (the substring search still runs).
ENGINE_MAX_LENGTH = 100
# At most this many persons of one name are added from the engine (a very common name has more: the list then
# shows the first of them by the substring search, and a longer name narrows it).
ENGINE_MAX_HITS = 500

# The live index over every person. The screening app keeps it and hands it over in its ready(): screening builds on
# the registry, which therefore cannot import it. Until then (or without that app) the search finds by substring only.
_live_index: Callable[[], Index] | None = None


def use_live_index(provider: Callable[[], Index]) -> None:
    """Let the search ask ``provider()`` for the index over every person, as of now."""
    global _live_index
    _live_index = provider


def engine_matches(query: str) -> list[int]:
    """The persons whose names the screening engine scores as a full match for the typed name: other characters
    (楊/杨), pinyin, Wade-Giles, Cantonese and customary spellings; nobody for a surname alone."""
    text = " ".join(query.split())
    if _live_index is None or len(text) < 2 or len(text) > ENGINE_MAX_LENGTH:
        return []
    typed = Entity(id="", names=(text,))
    results = _live_index().match(typed, limit=ENGINE_MAX_HITS, threshold=1.0)
    hits = [int(r.id) for r in results if r.explanations.get("name", {}).get("score", 0) >= 1.0]
    if not hits:
        return []
    # The index may lag a save in another process by a second: each hit is confirmed against the names as stored.
    names: dict[int, list[str]] = {}
    for pk, name in PersonName.objects.filter(person__in=hits).values_list("person", "name"):
        names.setdefault(pk, []).append(name)
    return [
        pk
        for pk in hits
        if pk in names and compare(typed, Entity(id=str(pk), names=tuple(names[pk]))).explanations["name"]["score"] >= 1
    ]


def search(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Persons any of whose names matches what was typed, in any script or romanisation: a substring of their
    search keys, or a full match of the screening engine (so YEUNG Sau Lan and Yang Hsiu-lan find 杨秀兰)."""
    if not query_keys(query):
        return queryset
    condition = _substring_condition(query)
    found = engine_matches(query)
    if found:
        condition |= Q(pk__in=found)
    return queryset.filter(condition)


def _substring_condition(query: str) -> Q:
    condition = Q(pk__in=[])
    for key in query_keys(query):
        condition |= Q(search_text__contains=key)
    return condition


def substring_matches(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Persons one of whose search keys (characters, pinyin, letters) contains what was typed; none for nothing."""
    return queryset.filter(_substring_condition(query))
