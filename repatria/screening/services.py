"""Business rules of screening: a query against a dataset of the registry, its log, the alerts its matches raise
and their handling by the officers of the person's case.

A partner's query is logged (who, when, a hash of what) but not kept, except in the alerts it raises: an alert keeps
the screened person as the partner sent them, for the officers who must assess the match.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from repatria.cases import timeline
from repatria.cases.models import Case, Event, EventKind
from repatria.cases.officers import officers_of
from repatria.core import signals
from repatria.core.services import RuleError, lock_as_seen
from repatria.names import DEFAULT_THRESHOLD, Entity, EntityError, Result
from repatria.notifications.models import NotificationKind
from repatria.notifications.services import notify
from repatria.registry.models import Person

from . import webhooks
from .cards import Card
from .datasets import DATASETS, UnknownDataset, dataset_persons, datasets_listing, open_memberships
from .listing import partner_cards, registry_index
from .models import Alert, AlertStatus, ScreeningLog
from .outcomes import OUTCOMES  # the moves that settle an alert: the partner reads them

__all__ = [
    "DATASETS",
    "UnknownDataset",
    "acknowledge",
    "confirm",
    "current_case",
    "dataset_persons",
    "handle",
    "mark_false_positive",
    "query_hash",
    "raise_alerts",
    "screen",
]

A = AlertStatus
TRANSITIONS: dict[str, set[str]] = {
    A.NEW: {A.ACKNOWLEDGED, A.CONFIRMED, A.FALSE_POSITIVE},
    A.ACKNOWLEDGED: {A.CONFIRMED, A.FALSE_POSITIVE},
    A.CONFIRMED: set(),
    A.FALSE_POSITIVE: set(),
}


# The engine's refusals of an entity, by their codes, in the reader's language.
ENTITY_REFUSALS = {
    "not_object": gettext_lazy("an entity must be a JSON object"),
    "schema": gettext_lazy("schema “%(schema)s”: only Person entities can be screened"),
    "properties": gettext_lazy("“properties” must be an object of lists of strings"),
    "no_name": gettext_lazy("a person needs at least one name (properties.name)"),
    "birth_date": gettext_lazy("birthDate “%(date)s”: write it as YYYY, YYYY-MM or YYYY-MM-DD"),
    "not_strings": gettext_lazy("properties.%(field)s must be a list of strings"),
}


def entity_refusal(error: EntityError) -> str:
    """Why the engine cannot screen an entity, in the active language."""
    return str(ENTITY_REFUSALS[error.code]) % error.params


def query_hash(data: dict) -> str:
    """SHA-256 (hex) of the query as received, as canonical JSON: the log proves what was asked without keeping it."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _current_cases(person_ids: Iterable[int]) -> dict[int, Case]:
    """The most recent case that is not closed of each person who has one (one query): where their alerts go."""
    cases: dict[int, Case] = {}
    for membership in open_memberships(person_ids).select_related("case"):
        cases.setdefault(membership.person_id, membership.case)
    return cases


def current_case(person: Person | int) -> Case | None:
    """The most recent case the person is in that is not closed (None if none): the case an alert goes to."""
    person_id = person.pk if isinstance(person, Person) else person
    return _current_cases([person_id]).get(person_id)


def _listed_in(dataset: str, cards: Mapping[str, Card]) -> Callable[[set[str]], set[str]]:
    """The engine's candidates that the dataset lists, by their cards: no query, whatever their number."""

    def allowed(ids: set[str]) -> set[str]:
        return {i for i in ids if (card := cards.get(i)) is not None and dataset in card.datasets}

    return allowed


def _listed_now(results: list[Result], dataset: str) -> dict[int, tuple[Person, Case]]:
    """Of the results' persons, those the dataset lists in the database now, each with their current case (one
    query for the few results): the cards may lag behind a change another process has just committed."""
    if not results:
        return {}
    memberships = (
        open_memberships([int(r.id) for r in results])
        .select_related("case", "person")
        .only(*(f"person__{field}" for field in ("display_name", "red_notice_number", "red_notice_withdrawn")),
              "case__status", "case__opened_on")
    )  # fmt: skip
    found: dict[int, tuple[Person, Case]] = {}
    statuses = defaultdict(list)
    for membership in memberships:
        found.setdefault(membership.person_id, (membership.person, membership.case))
        statuses[membership.person_id].append(membership.case.status)
    return {
        pk: (person, case)
        for pk, (person, case) in found.items()
        if dataset in datasets_listing(statuses[pk], person.red_notice_number, person.red_notice_withdrawn)
    }


def screen(
    query: Entity,
    raw: dict,
    *,
    user,
    channel: str,
    dataset: str = "default",
    context: str = "",
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[ScreeningLog, list[Result]]:
    """Match one person against a dataset of the registry: log the query, raise an alert per match, and return the
    log and the `limit` best results (best first). `raw` is the query as received, for its hash and the alerts."""
    if dataset not in DATASETS:
        raise UnknownDataset(dataset)
    index = registry_index(current=True)  # a partner is answered, and alerts raised, on the registry as it is now
    found = index.match(query, limit=limit, threshold=threshold, allowed=_listed_in(dataset, partner_cards()))
    listed = _listed_now(found, dataset)
    results = [r for r in found if int(r.id) in listed]
    organisation = getattr(user, "organisation", None)
    log = ScreeningLog(
        user=user if getattr(user, "pk", None) else None,
        organisation=organisation,
        channel=channel,
        dataset=dataset,
        query_hash=query_hash(raw),
        context=context[:200],
        results=len(results),
        matches=sum(r.match for r in results),
    )
    matched = [(r, *listed[int(r.id)]) for r in results if r.match]
    if not matched:
        log.save()
        return log, results
    with transaction.atomic():
        log.save()
        _raise(log, matched, query=raw, context=context, raised_by=organisation)
    return log, results


def _timeline_event(alert: Alert, actor, when: datetime.datetime | None = None, **data) -> Event:
    """A line on the timeline of the alert's case (of the person when there is none), in each reader's language."""
    return timeline.build(
        EventKind.SCREENING_ALERT, case=alert.case, person=alert.person, actor=actor, when=when, alert=alert.pk, **data
    )


@transaction.atomic(savepoint=False)
def raise_alerts(log: ScreeningLog, results: Iterable[Result], *, query: dict, context: str, raised_by) -> list[Alert]:
    """One alert per matched person of the log (results that are not a match raise none; a person already alerted
    for this log is not alerted again), attached to the person's current case; each stands on its timeline."""
    matches = {int(result.id): result for result in results if result.match}
    if not matches:
        return []
    # Those deleted since the index was read raise nothing.
    persons = Person.objects.filter(pk__in=matches).exclude(alerts__log=log).only("display_name").in_bulk()
    cases = _current_cases(list(persons))
    matched = [(result, persons[pk], cases.get(pk)) for pk, result in matches.items() if pk in persons]
    return _raise(log, matched, query=query, context=context, raised_by=raised_by)


@transaction.atomic(savepoint=False)
def _raise(
    log: ScreeningLog, matched: list[tuple[Result, Person, Case | None]], *, query: dict, context: str, raised_by
) -> list[Alert]:
    """The alerts of the log's matches, each on the given case, with their audit entries and timeline events."""
    alerts = Alert.objects.bulk_create(
        Alert(
            person=person, case=case, log=log, raised_by=raised_by, score=result.score,
            explanations=result.explanations, query=query, context=context[:200], status=AlertStatus.NEW,
        )
        for result, person, case in matched
    )  # fmt: skip
    signals.records_created.send(Alert, records=alerts)  # bulk_create sends no post_save: the audit trail hears this
    partner = str(raised_by) if raised_by else ""
    Event.objects.bulk_create(
        _timeline_event(a, log.user, status=a.status, partner=partner, score=a.score, context=a.context) for a in alerts
    )
    _tell_officers(alerts)
    return alerts


def _tell_officers(alerts: list[Alert]) -> None:
    """The alerts on each case go, as one notice, to the bell of the case's officers: a query matching many persons
    of one case costs no more statements than one matching a single person."""
    persons: dict[int, list[str]] = defaultdict(list)
    for alert in alerts:
        if alert.case_id is not None:
            persons[alert.case_id].append(alert.person.display_name)
    for case in Case.objects.filter(pk__in=persons).only("number", "province", "lead_organisation"):
        notify(
            officers_of(case), kind=NotificationKind.ALERT, url=case.get_absolute_url(),
            message=gettext_noop("Screening alert on case %(number)s: %(person)s"),
            params={"number": case.number, "person": "、".join(persons[case.pk])},
        )  # fmt: skip


# The note that goes with one move of an alert; the alert keeps the notes of every move.
NOTE_MAX_LENGTH = 2000


def allowed_moves(alert: Alert) -> list[str]:
    """The statuses the alert may go to next, in lifecycle order."""
    return [s for s in AlertStatus.values if s in TRANSITIONS[alert.status]]


def _check_contact_point(contact_point, new: str, user) -> None:
    """A contact point goes with an outcome only, and must be one the officer may see."""
    if contact_point is None:
        return
    if new not in OUTCOMES:
        raise RuleError(_("A contact point is given to the partner with an outcome: confirmed or false positive."))
    people = Alert._meta.get_field("contact_point").related_model.objects  # cooperation sits above screening
    if not people.restrict(user, "view").filter(pk=contact_point.pk).exists():
        raise RuleError(_("Choose a contact point among those you may see."))


def _move(alert: Alert, new: str, user, note: str, happened_on: datetime.date | None, contact_point=None) -> Alert:
    """Change the alert's status if it may go there and nobody has changed it since the caller read it (the
    version the caller holds), on the day it happened (today when None); the row stays locked from the check to
    the save. An outcome is queued for the raising token's webhook in the same transaction."""
    MaxLengthValidator(NOTE_MAX_LENGTH)(note)
    _check_contact_point(contact_point, new, user)
    with transaction.atomic():
        current = lock_as_seen(alert, "status")
        if new not in TRANSITIONS[current.status]:
            labels = {"old": A(current.status).label, "new": A(new).label}
            raise RuleError(_("An alert cannot go from “%(old)s” to “%(new)s”.") % labels)
        raised = timezone.localdate(current.created)
        happened = timeline.happened_on(happened_on, earliest=raised, since=_("the alert was raised"))
        old = current.status
        current.status = new
        current.handled_by = user
        note = note.strip()
        if note:
            current.note = f"{current.note}\n\n{note}" if current.note else note
        if new in OUTCOMES:
            current.decided_on = happened_on or timezone.localdate()
            current.contact_point = contact_point
        current.save()
        _timeline_event(current, user, old=old, status=new, note=note, when=happened).save()
        if new in OUTCOMES:
            webhooks.queue_outcome(current)
    for field in ("status", "handled_by", "note", "decided_on", "contact_point", "version", "updated"):
        setattr(alert, field, getattr(current, field))
    return alert


def handle(
    alert: Alert, new: str, user, note: str = "", happened_on: datetime.date | None = None, contact_point=None
) -> Alert:
    """Any move an officer makes on the alert's page: acknowledge, confirm or reject, with a contact point for the
    partner on an outcome."""
    return _move(alert, new, user, note, happened_on, contact_point)


def acknowledge(alert: Alert, user, note: str = "", happened_on: datetime.date | None = None) -> Alert:
    """An officer has seen the alert and is looking into it."""
    return _move(alert, AlertStatus.ACKNOWLEDGED, user, note, happened_on)


def confirm(alert: Alert, user, note: str = "", happened_on: datetime.date | None = None, contact_point=None) -> Alert:
    """The screened person is the listed one; the partner may be given a contact point to call."""
    return _move(alert, AlertStatus.CONFIRMED, user, note, happened_on, contact_point)


def mark_false_positive(
    alert: Alert, user, note: str = "", happened_on: datetime.date | None = None, contact_point=None
) -> Alert:
    """The screened person is someone else."""
    return _move(alert, AlertStatus.FALSE_POSITIVE, user, note, happened_on, contact_point)
