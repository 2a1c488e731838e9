"""Business rules of cases: the lifecycle, persons, returns, whereabouts and journal notes.

Every function writes in one transaction and records its timeline event; views, API and commands call
these instead of saving models themselves.
"""

import datetime

from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from repatria.core.services import RuleError, change_record, lock_as_seen
from repatria.notifications.models import NotificationKind
from repatria.notifications.services import notify
from repatria.registry.services import end_open_whereabouts

from . import timeline
from .models import Case, CasePerson, CaseRole, CaseStatus, EventKind, Return, ReturnMethod
from .numbering import next_case_number
from .officers import officers_of

S = CaseStatus
TRANSITIONS: dict[str, set[str]] = {
    S.AT_LARGE: {S.LOCATED, S.RETURNED, S.CLOSED},
    S.LOCATED: {S.AT_LARGE, S.RETURNED, S.CLOSED},
    S.RETURNED: {S.CLOSED},
    S.CLOSED: set(),
}
# A case becomes "returned" only by recording a return, never by a bare status change.
MANUAL_TARGETS = {S.AT_LARGE, S.LOCATED, S.CLOSED}


def allowed_transitions(case: Case) -> list[str]:
    """The statuses an officer may move the case to by hand, in lifecycle order."""
    return [s for s in CaseStatus.values if s in TRANSITIONS[case.status] and s in MANUAL_TARGETS]


def _move(case: Case, new: str, *, actor, reason: str = "", when: datetime.date | None = None) -> None:
    """Move the case on the day `when` (today when None), the day its event happened."""
    old = case.status
    if new not in TRANSITIONS[old]:
        raise RuleError(_("A case cannot go from “%(old)s” to “%(new)s”.") % {"old": S(old).label, "new": S(new).label})
    happened = timeline.happened_on(when, earliest=case.opened_on, since=_("the case was opened"))
    case.status = new
    case.closed_on = (when or timezone.localdate()) if new == S.CLOSED else None
    case.save(update_fields=["status", "closed_on", "updated"])
    timeline.status_changed(case, old, actor=actor, reason=reason, when=happened).save()


@transaction.atomic
def open_case(*, actor, persons: dict | None = None, offences=(), assigned_organisations=(), **fields) -> Case:
    """Open a case; `persons` maps each Person to their CaseRole. A case without a number is given the next one of
    its year (numbering)."""
    if not fields.get("number"):
        fields["number"] = next_case_number((fields.get("opened_on") or timezone.localdate()).year)
    case = Case(**fields)
    case.full_clean()
    case.save()
    case.offences.set(offences)
    case.assigned_organisations.set(assigned_organisations)
    timeline.case_opened(case, actor=actor, when=timeline.on_day(case.opened_on)).save()
    for person, role in (persons or {}).items():
        add_person(case=case, person=person, role=role, actor=actor)
    return case


@transaction.atomic
def change_status(*, case: Case, new: str, actor, reason: str = "", happened_on: datetime.date | None = None) -> Case:
    """An officer's move of the case to another status, from the version of the case they saw, on the day it
    happened (today when None)."""
    if new == S.RETURNED:
        raise RuleError(_("Record a return to mark a case as returned."))
    lock_as_seen(case, "status")
    _move(case, new, actor=actor, reason=reason, when=happened_on)
    return case


@transaction.atomic
def add_person(*, case: Case, person, role: str = CaseRole.PRINCIPAL, actor) -> CasePerson:
    if case.memberships.filter(person=person).exists():
        raise RuleError(_("%(person)s is already in this case.") % {"person": person})
    membership = CasePerson.objects.create(case=case, person=person, role=role)
    timeline.person_added(membership, actor=actor).save()
    return membership


@transaction.atomic
def record_return(
    *, case: Case, person, date: datetime.date, method: str, country=None, actor, notes: str = ""
) -> Return:
    """Record that a person of the case came back, or died abroad (method "death").

    Once every principal is back or dead, the case is returned if anyone was brought back, else closed: a death
    closes a case but is not a return."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == S.CLOSED:
        raise RuleError(_("The case is closed and takes no more returns."))
    check_return(case, person, date)
    ret = Return(case=case, person=person, date=date, method=method, country=country, notes=notes)
    ret.full_clean()
    ret.save()
    timeline.returned(ret, actor=actor, when=timeline.on_day(date)).save()
    end_open_whereabouts(person, date)
    principals = case.memberships.filter(role=CaseRole.PRINCIPAL).values("person")
    if case.status == S.RETURNED or principals.exclude(person__returns__case=case).exists():
        return ret
    principal_returns = case.returns.filter(person__in=principals)
    # The day the last principal was accounted for (returns may be entered out of order), not before the case opened.
    last = max(principal_returns.aggregate(last=Max("date"))["last"], case.opened_on or datetime.date.min)
    if principal_returns.exclude(method=ReturnMethod.DEATH).exists():
        _move(case, S.RETURNED, actor=actor, when=last)
    else:
        _move(case, S.CLOSED, actor=actor, reason=_("The principal suspects died abroad."), when=last)
    return ret


def check_return(case: Case, person, date: datetime.date) -> None:
    """What every return must be, when it is recorded and whenever it is changed."""
    if not case.memberships.filter(person=person).exists():
        raise RuleError(_("%(person)s is not in this case.") % {"person": person})
    if date > timezone.localdate():
        raise RuleError(_("A return cannot be dated in the future."))
    if case.fled_on and date < case.fled_on:
        raise RuleError(_("A return cannot be dated before the flight."))


@transaction.atomic
def change_return(ret: Return, **fields) -> Return:
    """Correct a recorded return; it must still be of a person of its case, dated after the flight."""
    check_return(fields.get("case", ret.case), fields.get("person", ret.person), fields.get("date", ret.date))
    return change_record(ret, **fields)


def _side(case: Case) -> str:
    return f"{case.province} · {case.lead_organisation}"


@transaction.atomic
def transfer_case(*, case: Case, province, lead_organisation, reason: str, actor) -> Case:
    """Hand a case to another province or lead organisation, from the version of the case the user saw. The officers
    of both sides are told; the timeline keeps who had it before. The statistics follow the case's province."""
    reason = reason.strip()
    if not reason:
        raise RuleError(_("Say why the case is transferred."))
    case = lock_as_seen(case, "status")
    if (case.province_id, case.lead_organisation_id) == (province.pk, lead_organisation.pk):
        raise RuleError(_("The case is already with this province and lead organisation."))
    before, giving = _side(case), officers_of(case)
    case.province, case.lead_organisation = province, lead_organisation
    case.full_clean()
    case.save(update_fields=["province", "lead_organisation", "updated"])
    timeline.transferred(case, old=before, new=_side(case), reason=reason, actor=actor).save()
    notify(
        [*giving, *officers_of(case)], kind=NotificationKind.TRANSFER, url=case.get_absolute_url(),
        message=gettext_noop("Case %(number)s transferred from %(old)s to %(new)s: %(reason)s"),
        params={"number": case.number, "old": before, "new": _side(case), "reason": reason},
    )  # fmt: skip
    return case


NOTE_MAX_LENGTH = 5000


@transaction.atomic
def write_note(*, actor, text: str, case: Case | None = None, person=None):
    """A journal note by an officer, on a case or a person; it stands on their timelines."""
    text = text.strip()
    if not text:
        raise RuleError(_("A note cannot be empty."))
    MaxLengthValidator(NOTE_MAX_LENGTH)(text)
    if case is None and person is None:
        raise RuleError(_("A note belongs to a case or a person."))
    return timeline.record(EventKind.NOTE, case=case, person=person, actor=actor, text=text)
