"""The registry as the engine's list: one in-process index of every person, kept in step with the database.

Saves in this process update the index entry by entry (signals); changes made by other processes are picked up by
:func:`registry_index` from the persons' ``updated`` time (indexed), at most once a second. The index covers
everyone: what a user may see is decided by the queryset the candidates are read through.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from repatria.registry.models import IdentityDocument, Person, PersonName

from .engine import Entity, Index
from .engine.entity import normalise_document

__all__ = ["connect", "person_entities", "registry_index"]

REFRESH_SECONDS = 1.0


def person_entities(persons: Iterable[int] | None = None) -> list[Entity]:
    """The engine's view of the given persons (all when None): names, birth date, sex, nationalities, documents."""
    people = Person.objects.all() if persons is None else Person.objects.filter(pk__in=list(persons))
    rows = people.values_list("pk", "sex", "birth_date")
    names, countries, documents = defaultdict(list), defaultdict(list), defaultdict(list)
    of_them = {} if persons is None else {"person__in": people}
    for pk, name in PersonName.objects.filter(**of_them).values_list("person", "name").order_by("person", "pk"):
        names[pk].append(name)
    through = Person.nationalities.through.objects.filter(**of_them)
    for pk, code in through.values_list("person", "country"):
        countries[pk].append(code.lower())
    for pk, number in IdentityDocument.objects.filter(**of_them).values_list("person", "number"):
        documents[pk].append(normalise_document(number))
    return [
        Entity(
            id=str(pk),
            names=tuple(names[pk]),
            birth_dates=(birth_date,) if birth_date else (),
            genders=(sex,) if sex in ("male", "female") else (),
            nationalities=tuple(countries[pk]),
            documents=tuple(documents[pk]),
        )
        for pk, sex, birth_date in rows.iterator(chunk_size=5000)
        if names[pk]
    ]


class _Listing:
    def __init__(self) -> None:
        self.index: Index | None = None
        self.lock = threading.RLock()
        self.seen = None  # latest ``updated`` time taken into the index
        self.checked = 0.0

    def get(self, *, current: bool = False) -> Index:
        with self.lock:
            if self.index is None:
                self.seen = Person.objects.aggregate(latest=Max("updated"))["latest"]
                self.index = Index(person_entities())
                self.checked = time.monotonic()
            elif current or time.monotonic() - self.checked >= REFRESH_SECONDS:
                self._catch_up()
            return self.index

    def _catch_up(self) -> None:
        # Persons deleted by another process stay until this one restarts: every caller reads its results through
        # a queryset of the persons that exist, so they are never answered with.
        changed = Person.objects.all() if self.seen is None else Person.objects.filter(updated__gt=self.seen)
        latest = changed.aggregate(latest=Max("updated"))["latest"]
        if latest is not None:
            self.refresh(changed.values_list("pk", flat=True))
        self.seen = latest or self.seen
        self.checked = time.monotonic()

    def refresh(self, persons: Iterable[int]) -> None:
        """Re-read these persons into the index (if it is built); those gone or without names leave it."""
        with self.lock:
            if self.index is None:
                return
            persons = list(persons)
            for pk in persons:
                self.index.remove(str(pk))
            for entity in person_entities(persons):
                self.index.add(entity)

    def reset(self) -> None:
        with self.lock:
            self.index = None


LISTING = _Listing()


def registry_index(*, current: bool = False) -> Index:
    """The index of every person in the registry: up to date with this process's saves, and with other processes'
    as of a second ago, or (``current``) as of now, at the cost of a query."""
    return LISTING.get(current=current)


def _touch(person_id: int) -> None:
    # Names, documents and nationalities live in other tables: mark the person changed for other processes, and
    # re-read them here once the transaction is committed.
    Person.objects.filter(pk=person_id).update(updated=timezone.now())
    transaction.on_commit(lambda: LISTING.refresh([person_id]))


def _part_changed(sender, instance, **kwargs) -> None:
    _touch(instance.person_id)


def _person_changed(sender, instance, **kwargs) -> None:
    transaction.on_commit(lambda: LISTING.refresh([instance.pk]))


def _nationalities_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Person):
        _touch(instance.pk)


def connect() -> None:
    """Keep the index in step with saves and deletions of persons and the records their screening reads."""
    for model in (PersonName, IdentityDocument):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"screening-{model.__name__}-save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"screening-{model.__name__}-delete")
    post_save.connect(_person_changed, sender=Person, dispatch_uid="screening-person-save")
    post_delete.connect(_person_changed, sender=Person, dispatch_uid="screening-person-delete")
    m2m_changed.connect(_nationalities_changed, sender=Person.nationalities.through, dispatch_uid="screening-nat")
