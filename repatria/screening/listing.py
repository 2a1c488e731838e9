"""The registry as the engine's list: one in-process index of every person, kept in step with the database, and the
cards of the persons a dataset lists (what a partner may see of them, see cards.py).

Saves in this process update the index and the cards entry by entry (signals); changes made by other processes are
picked up by :func:`registry_index` from the persons' ``updated`` time (indexed), at most once a second. A change of
what lists a person or of what their card shows (a case's status or lead office, a membership, the office's names)
marks the persons concerned changed in the same way. The index covers everyone: what a user may see is decided by the
queryset the candidates are read through, and for partners by the cards' datasets, checked against the database for
the results they are given (see services.screen).

A change is stamped when it is written but seen by other processes only once its transaction commits, and on
PostgreSQL transactions commit in any order: an import stamps its first persons minutes before it commits, after
edits stamped since. So each look re-reads the persons stamped since the earlier of the latest stamp it has read and
the start of the oldest transaction then open (less a margin for the app servers' clocks), skipping those whose stamp
it has already read. On SQLite one transaction writes at a time, and what commits later is stamped later.
"""

from __future__ import annotations

import datetime
import gc
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from repatria.accounts.models import Organisation
from repatria.cases.models import Case, CasePerson
from repatria.names import Entity, Index
from repatria.names.entity import normalise_document
from repatria.registry.models import IdentityDocument, Person, PersonName

from .cards import Card
from .datasets import datasets_listing, open_memberships

__all__ = ["connect", "partner_cards", "read_persons", "registry_index"]

REFRESH_SECONDS = 1.0
# How much earlier than a change already read another may be stamped and still be new: the app servers' clocks differ
# (by milliseconds under NTP), and a change is stamped a moment before its transaction writes it.
CLOCK_MARGIN = datetime.timedelta(seconds=2)


def _open_cases(persons: QuerySet[Person] | None) -> dict[int, tuple[list[str], tuple[str, str, str | None]]]:
    """Of each person in a case that is not closed: the statuses of those cases, and the lead organisation of the
    most recent one, the office a partner calls (its Chinese and English names and its country)."""
    cases: dict[int, tuple[list[str], tuple[str, str, str | None]]] = {}
    office = "case__lead_organisation__"
    memberships = open_memberships(persons).values_list(
        "person", "case__status", f"{office}name_zh", f"{office}name_en", f"{office}country"
    )
    for pk, status, *contact in memberships:
        cases.setdefault(pk, ([], tuple(contact)))[0].append(status)
    return cases


def read_persons(persons: Iterable[int] | None = None) -> tuple[list[Entity], dict[str, Card]]:
    """The engine's view of the given persons (all when None): names, birth date, sex, nationalities, documents;
    and the cards of those a dataset lists, by the engine's ids."""
    people = Person.objects.all() if persons is None else Person.objects.filter(pk__in=list(persons))
    rows = people.values_list("pk", "sex", "birth_date", "display_name", "red_notice_number", "red_notice_withdrawn")
    names, countries, documents = defaultdict(list), defaultdict(list), defaultdict(list)
    of_them = {} if persons is None else {"person__in": people}
    named = PersonName.objects.filter(**of_them).values_list("person", "name", "kind").order_by("person", "pk")
    for pk, name, kind in named:
        names[pk].append((name, kind))
    through = Person.nationalities.through.objects.filter(**of_them)
    for pk, code in through.values_list("person", "country"):
        countries[pk].append(code.lower())
    for pk, number in IdentityDocument.objects.filter(**of_them).values_list("person", "number"):
        documents[pk].append(normalise_document(number))
    open_cases = _open_cases(None if persons is None else people)
    entities, cards = [], {}
    for pk, sex, birth_date, display_name, red_notice_number, withdrawn in rows.iterator(chunk_size=5000):
        if not names[pk]:
            continue
        entities.append(
            Entity(
                id=str(pk),
                names=tuple(name for name, _kind in names[pk]),
                birth_dates=(birth_date,) if birth_date else (),
                genders=(sex,) if sex in ("male", "female") else (),
                nationalities=tuple(countries[pk]),
                documents=tuple(documents[pk]),
            )
        )
        statuses, office = open_cases.get(pk, ((), None))
        if datasets := datasets_listing(statuses, red_notice_number, withdrawn):
            cards[str(pk)] = Card.of(
                caption=display_name, names=names[pk], birth_date=birth_date, nationalities=countries[pk],
                red_notice_number=red_notice_number, office=office, datasets=datasets,
            )  # fmt: skip
    return entities, cards


def _oldest_open_transaction() -> datetime.datetime | None:
    """On PostgreSQL, when the oldest transaction now open on the database began (those of the site's own role: the
    others' times are hidden); what it changes is stamped since."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(xact_start) FROM pg_stat_activity "
            "WHERE datname = current_database() AND backend_type = 'client backend'"
        )
        return cursor.fetchone()[0]


class _Listing:
    def __init__(self) -> None:
        self.index: Index | None = None
        self.cards: dict[str, Card] = {}
        self.lock = threading.RLock()
        self._forget_stamps()
        self.checked = 0.0

    def _forget_stamps(self) -> None:
        self.latest = None  # the latest ``updated`` time read
        self.since = None  # the next look reads the persons stamped after this time (all when None)
        self.stamps: dict[int, datetime.datetime] = {}  # the stamps read after ``since``, by person

    def _look(self) -> list[int]:
        """The persons whose changes committed since the last look (at the first, every person)."""
        open_since = _oldest_open_transaction()
        persons = Person.objects.all() if self.since is None else Person.objects.filter(updated__gt=self.since)
        stamps = dict(persons.order_by().values_list("pk", "updated"))
        changed = [pk for pk, stamp in stamps.items() if self.stamps.get(pk) != stamp]
        self.latest = max(filter(None, [*stamps.values(), self.latest]), default=None)
        horizon = min(filter(None, [self.latest, open_since]), default=None)
        self.since = horizon - CLOCK_MARGIN if horizon else None
        self.stamps = {pk: stamp for pk, stamp in stamps.items() if self.since is None or stamp > self.since}
        return changed

    def get(self, *, current: bool = False) -> Index:
        with self.lock:
            if self.index is None:
                self._look()
                entities, self.cards = read_persons()
                self.index = Index(entities)
                # Millions of long-lived objects: a full collection would walk them all (seconds, in the middle of
                # some request); frozen, the collector leaves them alone (reference counting still frees them).
                gc.freeze()
                self.checked = time.monotonic()
            elif current or time.monotonic() - self.checked >= REFRESH_SECONDS:
                self._catch_up()
            return self.index

    def _catch_up(self) -> None:
        # Persons deleted by another process stay until this one restarts: every caller reads its results through
        # a queryset of the persons that exist, so they are never answered with.
        if changed := self._look():
            self.refresh(changed)
        self.checked = time.monotonic()

    def refresh(self, persons: Iterable[int]) -> None:
        """Re-read these persons into the index and the cards (if built); those gone or without names leave."""
        with self.lock:
            if self.index is None:
                return
            persons = list(persons)
            entities, cards = read_persons(persons)
            for pk in persons:
                self.index.remove(str(pk))
                self.cards.pop(str(pk), None)
            for entity in entities:
                self.index.add(entity)
            self.cards.update(cards)

    def reset(self) -> None:
        with self.lock:
            self.index = None
            self.cards = {}
            self._forget_stamps()


LISTING = _Listing()


def registry_index(*, current: bool = False) -> Index:
    """The index of every person in the registry: up to date with this process's saves, and with other processes'
    as of a second ago, or (``current``) as of now, at the cost of a query."""
    return LISTING.get(current=current)


def partner_cards() -> Mapping[str, Card]:
    """The cards of the listed persons by the engine's ids, as of the index's last catch-up (call registry_index
    first for the registry as it is now)."""
    if LISTING.index is None:
        LISTING.get()
    return LISTING.cards


def _touch(person_ids: Iterable[int]) -> None:
    # Names, documents, nationalities and cases live in other tables: mark the persons changed for other
    # processes, and re-read them here once the transaction is committed.
    person_ids = list(person_ids)
    if person_ids:
        Person.objects.filter(pk__in=person_ids).update(updated=timezone.now())
        transaction.on_commit(lambda: LISTING.refresh(person_ids))


def _part_changed(sender, instance, **kwargs) -> None:
    _touch([instance.person_id])


def _person_changed(sender, instance, **kwargs) -> None:
    transaction.on_commit(lambda: LISTING.refresh([instance.pk]))


def _nationalities_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Person):
        _touch([instance.pk])


def _case_changed(sender, instance, raw=False, **kwargs) -> None:
    # Its status decides whether its persons are listed, its lead organisation is the office their cards name.
    if not raw:
        _touch(CasePerson.objects.filter(case=instance).values_list("person_id", flat=True))


def _office_renaming(sender, instance, raw=False, **kwargs) -> None:
    if not raw and not instance._state.adding:
        was = sender._base_manager.filter(pk=instance.pk).values_list("name_zh", "name_en", "country_id").first()
        instance._screening_contact_changed = was != (instance.name_zh, instance.name_en, instance.country_id)


def _office_renamed(sender, instance, raw=False, **kwargs) -> None:
    # The cards of the persons of the cases it leads name it as the office to call.
    if not raw and getattr(instance, "_screening_contact_changed", False):
        led = CasePerson.objects.filter(case__lead_organisation=instance).values_list("person_id", flat=True)
        _touch(led.distinct())


def _membership_moving(sender, instance, raw=False, **kwargs) -> None:
    # A membership given to another person unlists the one it leaves too.
    if not raw and not instance._state.adding:
        was = sender._base_manager.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        instance._screening_person_was = was


def _membership_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _touch({instance.person_id, getattr(instance, "_screening_person_was", None)} - {None})


def connect() -> None:
    """Keep the index and the cards in step with saves and deletions of persons and the records their screening
    reads."""
    for model in (PersonName, IdentityDocument):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"screening-{model.__name__}-save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"screening-{model.__name__}-delete")
    post_save.connect(_person_changed, sender=Person, dispatch_uid="screening-person-save")
    post_delete.connect(_person_changed, sender=Person, dispatch_uid="screening-person-delete")
    m2m_changed.connect(_nationalities_changed, sender=Person.nationalities.through, dispatch_uid="screening-nat")
    post_save.connect(_case_changed, sender=Case, dispatch_uid="screening-case-save")
    pre_save.connect(_office_renaming, sender=Organisation, dispatch_uid="screening-office-renaming")
    post_save.connect(_office_renamed, sender=Organisation, dispatch_uid="screening-office-renamed")
    pre_save.connect(_membership_moving, sender=CasePerson, dispatch_uid="screening-membership-moving")
    post_save.connect(_membership_changed, sender=CasePerson, dispatch_uid="screening-membership-save")
    post_delete.connect(_membership_changed, sender=CasePerson, dispatch_uid="screening-membership-delete")
