"""Business rules of screening: a query against a dataset of the registry, its log, the alerts its matches raise
and their handling by the officers of the person's case.

A partner's query is logged (who, when, a hash of what) but not kept, except in the alerts it raises: an alert keeps
the screened person as the partner sent them, for the officers who must assess the match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.cases import timeline
from repatria.cases.models import Case, CaseStatus, EventKind
from repatria.core.services import RuleError
from repatria.registry.models import Person

from .engine import DEFAULT_THRESHOLD, Entity, EntityError, Result
from .listing import registry_index
from .models import Alert, AlertStatus, ScreeningLog

__all__ = [
    "DATASETS",
    "UnknownDataset",
    "acknowledge",
    "confirm",
    "current_case",
    "dataset_persons",
    "mark_false_positive",
    "query_hash",
    "raise_alerts",
    "screen",
]

# The cases whose persons are screened: those still to be brought back.
OPEN_CASES = (CaseStatus.AT_LARGE, CaseStatus.LOCATED)
DATASETS = {
    "default": gettext_lazy("persons of cases at large or located"),
    "red-notices": gettext_lazy("of those, the red-notice subjects"),
}

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


class UnknownDataset(LookupError):
    """A dataset name that is not one of DATASETS; the message is in the user's language."""

    def __init__(self, name: str):
        super().__init__(
            _("There is no dataset “%(name)s”: use one of %(names)s.") % {"name": name, "names": ", ".join(DATASETS)}
        )
        self.name = name


def query_hash(data: dict) -> str:
    """SHA-256 (hex) of the query as received, as canonical JSON: the log proves what was asked without keeping it."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dataset_persons(dataset: str) -> QuerySet[Person]:
    """The persons a dataset lists: `default`, persons of a case at large or located; `red-notices`, those of them
    with a red notice in force (a number, not withdrawn). Raises UnknownDataset for any other name."""
    if dataset not in DATASETS:
        raise UnknownDataset(dataset)
    persons = Person.objects.filter(case_memberships__case__status__in=OPEN_CASES)
    if dataset == "red-notices":
        persons = persons.exclude(red_notice_number="").filter(red_notice_withdrawn__isnull=True)
    return persons.distinct()


def current_case(person: Person | int) -> Case | None:
    """The most recent case the person is in that is not closed (None if none): the case an alert goes to."""
    person_id = person.pk if isinstance(person, Person) else person
    return (
        Case.objects.filter(memberships__person_id=person_id)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-opened_on", "-pk")
        .first()
    )


def _within(persons: QuerySet[Person]) -> Callable[[set[str]], set[str]]:
    """The engine's candidates that are among ``persons`` (and still exist), a query per thousand candidates."""

    def allowed(ids: set[str]) -> set[str]:
        ordered = sorted(ids, key=int)
        kept: set[str] = set()
        for start in range(0, len(ordered), 1000):
            chunk = [int(i) for i in ordered[start : start + 1000]]
            kept.update(str(pk) for pk in persons.filter(pk__in=chunk).values_list("pk", flat=True))
        return kept

    return allowed


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
    persons = dataset_persons(dataset)
    index = registry_index(current=True)  # a partner is answered, and alerts raised, on the registry as it is now
    results = index.match(query, limit=limit, threshold=threshold, allowed=_within(persons))
    organisation = getattr(user, "organisation", None)
    with transaction.atomic():
        log = ScreeningLog.objects.create(
            user=user if getattr(user, "pk", None) else None,
            organisation=organisation,
            channel=channel,
            dataset=dataset,
            query_hash=query_hash(raw),
            context=context[:200],
            results=len(results),
            matches=sum(r.match for r in results),
        )
        raise_alerts(log, results, query=raw, context=context, raised_by=organisation)
    return log, results


def _on_timeline(alert: Alert, actor, **data) -> None:
    """A line on the timeline of the alert's case (of the person when there is none), in each reader's language."""
    timeline.record(
        EventKind.SCREENING_ALERT, case=alert.case, person=alert.person, actor=actor, alert=alert.pk, **data
    )


@transaction.atomic
def raise_alerts(log: ScreeningLog, results: Iterable[Result], *, query: dict, context: str, raised_by) -> list[Alert]:
    """One alert per matched person of the log (results that are not a match raise none; a person already alerted
    for this log is not alerted again), attached to the person's current case; each stands on its timeline."""
    matches = {int(result.id): result for result in results if result.match}
    if not matches:
        return []
    persons = Person.objects.in_bulk(matches)  # those deleted since the index was read raise nothing
    raised = set(Alert.objects.filter(log=log, person__in=matches).values_list("person_id", flat=True))
    alerts = []
    for person_id, result in matches.items():
        if person_id not in persons or person_id in raised:
            continue
        alert = Alert.objects.create(
            person=persons[person_id],
            case=current_case(person_id),
            log=log,
            raised_by=raised_by,
            score=result.score,
            explanations=result.explanations,
            query=query,
            context=context[:200],
            status=AlertStatus.NEW,
        )
        partner = str(alert.raised_by) if alert.raised_by else ""
        _on_timeline(alert, log.user, status=alert.status, partner=partner, score=alert.score, context=alert.context)
        alerts.append(alert)
    return alerts


def allowed_moves(alert: Alert) -> list[str]:
    """The statuses the alert may go to next, in lifecycle order."""
    return [s for s in AlertStatus.values if s in TRANSITIONS[alert.status]]


def _move(alert: Alert, new: str, user, note: str) -> Alert:
    """Change the alert's status if it may go there and nobody has changed it since the caller read it (the
    version the caller holds); the row stays locked from the check to the save."""
    with transaction.atomic():
        current = Alert._base_manager.select_for_update().get(pk=alert.pk)
        if current.version != alert.version:
            raise RuleError(
                _("Someone else handled this alert while you were looking at it (it is now “%(status)s”). Nothing "
                  "was saved: look at it again.") % {"status": current.get_status_display()}
            )  # fmt: skip
        if new not in TRANSITIONS[current.status]:
            labels = {"old": A(current.status).label, "new": A(new).label}
            raise RuleError(_("An alert cannot go from “%(old)s” to “%(new)s”.") % labels)
        old = current.status
        current.status = new
        current.handled_by = user
        note = note.strip()
        if note:
            current.note = f"{current.note}\n\n{note}" if current.note else note
        current.save()
        _on_timeline(current, user, old=old, status=new, note=note)
    for field in ("status", "handled_by", "note", "version", "updated"):
        setattr(alert, field, getattr(current, field))
    return alert


def acknowledge(alert: Alert, user, note: str = "") -> Alert:
    """An officer has seen the alert and is looking into it."""
    return _move(alert, AlertStatus.ACKNOWLEDGED, user, note)


def confirm(alert: Alert, user, note: str = "") -> Alert:
    """The screened person is the listed one."""
    return _move(alert, AlertStatus.CONFIRMED, user, note)


def mark_false_positive(alert: Alert, user, note: str = "") -> Alert:
    """The screened person is someone else."""
    return _move(alert, AlertStatus.FALSE_POSITIVE, user, note)
