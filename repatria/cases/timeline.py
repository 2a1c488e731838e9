"""The timeline: one function writes every event; each app describes its kinds in the reader's language.

An event about a person alone (whereabouts, a note on the person) has no case; an event of a case
names the person it concerns, if any. So the timeline of a case is its own events plus those of its
persons alone, and the timeline of a person is their own events plus those of their cases as a whole.
"""

import datetime
import functools

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from repatria.core.events import choice_label
from repatria.core.services import RuleError

from .models import CasePerson, CaseRole, CaseStatus, Event, EventKind, ReturnMethod


def build(kind: str, *, case=None, person=None, actor=None, when: datetime.datetime | None = None, **data) -> Event:
    """One unsaved event that happened `when` (default now) and is entered now; `data` keeps codes (not labels) so
    that it reads in either language."""
    now = timezone.now()
    return Event(kind=kind, case=case, person=person, actor=actor, occurred_at=when or now, entered_at=now, data=data)


def record(kind: str, **kwargs) -> Event:
    """Write one event (see build)."""
    event = build(kind, **kwargs)
    event.save()
    return event


def at_noon(day: datetime.date) -> datetime.datetime:
    """An event known by its day sits at noon Beijing time, so that no time zone moves it to another day."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())


def on_day(day: datetime.date | None) -> datetime.datetime | None:
    """When an event known by its day happened: at noon of a past day; None (now) for today, so that the events of
    today keep the order they are entered in."""
    if day is None or day >= timezone.localdate():
        return None
    return at_noon(day)


def happened_on(day: datetime.date | None, *, earliest: datetime.date | None, since: str) -> datetime.datetime | None:
    """The time of a move an officer says happened on `day` (today when None), for `when`: never in the future, nor
    before `earliest`, the first day the record existed (`since` says why, "the case was opened")."""
    if day is None:
        return None
    if day > timezone.localdate():
        raise RuleError(_("The day it happened cannot be in the future."))
    if earliest and day < earliest:
        message = _("The day it happened cannot be before %(day)s (%(since)s).")
        raise RuleError(message % {"day": earliest.isoformat(), "since": since})
    return on_day(day)


# The events of each service, built unsaved from the records they concern, so that the services and the bulk
# demo loader write the same data. `when` defaults to now.


def case_opened(case, *, actor, when=None) -> Event:
    return build(EventKind.CASE_OPENED, case=case, actor=actor, when=when, number=case.number)


def person_added(membership, *, actor, when=None) -> Event:
    person = membership.person
    return build(
        EventKind.PERSON_ADDED,
        case=membership.case,
        person=person,
        actor=actor,
        when=when,
        person_name=str(person),
        role=membership.role,
    )


def status_changed(case, old: str, *, actor, reason: str = "", when=None) -> Event:
    return build(EventKind.STATUS_CHANGED, case=case, actor=actor, when=when, old=old, new=case.status, reason=reason)


def whereabouts_recorded(whereabouts, *, actor, when=None) -> Event:
    return build(
        EventKind.WHEREABOUTS,
        person=whereabouts.person,
        actor=actor,
        when=when,
        country=whereabouts.country_id,
        place=whereabouts.place,
        date_from=whereabouts.date_from,
        confidence=whereabouts.confidence,
    )


def returned(ret, *, actor, when=None) -> Event:
    return build(
        EventKind.RETURNED,
        case=ret.case,
        person=ret.person,
        actor=actor,
        when=when,
        person_name=str(ret.person),
        method=ret.method,
        country=ret.country_id,
    )


def transferred(case, *, old: str, new: str, reason: str, actor) -> Event:
    return build(EventKind.TRANSFERRED, case=case, actor=actor, old=old, new=new, reason=reason)


def asset_recorded(asset, *, actor, when=None) -> Event:
    return build(
        EventKind.ASSET_RECORDED,
        case=asset.case,
        person=asset.person,
        actor=actor,
        when=when,
        description=asset.description,
    )


def asset_stage_changed(asset, old: str, *, actor, when=None) -> Event:
    return build(
        EventKind.ASSET_STAGE,
        case=asset.case,
        person=asset.person,
        actor=actor,
        when=when,
        description=asset.description,
        old=old,
        new=asset.stage,
    )


# The ids are fetched first (a handful) so that the database answers from the case and person indexes of the
# events instead of joining every event to the memberships.


def for_case(case) -> QuerySet[Event]:
    persons = list(CasePerson.objects.filter(case=case).values_list("person_id", flat=True))
    return Event.objects.filter(Q(case=case) | Q(case=None, person_id__in=persons))


def for_person(person) -> QuerySet[Event]:
    cases = list(CasePerson.objects.filter(person=person).values_list("case_id", flat=True))
    return Event.objects.filter(Q(person=person) | Q(person=None, case_id__in=cases))


@functools.cache
def _countries() -> dict:
    """Countries are reference data, loaded once per process so that a timeline costs no query per event."""
    from repatria.geo.models import Country

    return Country.objects.in_bulk()


def country_name(code: str | None) -> str:
    """A country by its code, in the reader's language, as the timeline names it."""
    if not code:
        return _("unknown country")
    country = _countries().get(code)
    return country.name if country else code


def _case_opened(d: dict) -> str:
    return _("Case %(number)s opened") % {"number": d.get("number", "")}


def _status_changed(d: dict) -> str:
    text = _("Status changed from %(old)s to %(new)s") % {
        "old": choice_label(CaseStatus, d["old"]),
        "new": choice_label(CaseStatus, d["new"]),
    }
    return f"{text}: {d['reason']}" if d.get("reason") else text


def _person_added(d: dict) -> str:
    return _("%(person)s added as %(role)s") % {
        "person": d.get("person_name", ""),
        "role": choice_label(CaseRole, d["role"]),
    }


def _whereabouts(d: dict) -> str:
    return _("Whereabouts: %(country)s %(place)s, from %(date_from)s") % {
        "country": country_name(d.get("country")),
        "place": d.get("place", ""),
        "date_from": d.get("date_from") or "?",
    }


def _returned(d: dict) -> str:
    if d["method"] == ReturnMethod.DEATH:
        return _("%(person)s died abroad, in %(country)s") % {
            "person": d.get("person_name", ""),
            "country": country_name(d.get("country")),
        }
    return _("%(person)s returned from %(country)s: %(method)s") % {
        "person": d.get("person_name", ""),
        "country": country_name(d.get("country")),
        "method": choice_label(ReturnMethod, d["method"]),
    }


def _transferred(d: dict) -> str:
    text = _("Transferred from %(old)s to %(new)s") % {"old": d.get("old", ""), "new": d.get("new", "")}
    return f"{text}: {d['reason']}" if d.get("reason") else text


def _note(d: dict) -> str:
    return d.get("text", "")


# The sentences of this app's own kinds (registered in apps.py); assets and screening register theirs.
DESCRIBERS = {
    EventKind.CASE_OPENED: _case_opened,
    EventKind.STATUS_CHANGED: _status_changed,
    EventKind.PERSON_ADDED: _person_added,
    EventKind.WHEREABOUTS: _whereabouts,
    EventKind.RETURNED: _returned,
    EventKind.NOTE: _note,
    EventKind.TRANSFERRED: _transferred,
}
