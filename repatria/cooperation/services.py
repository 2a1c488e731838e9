"""Business rules of requests: opening and changing them with their legal basis, the checks that stand between a
draft and its sending, and the moves of their lifecycle, each dated, on the case's timeline and in the request's
steps. Pages, the API and commands call these instead of saving requests themselves."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from repatria.core.services import KeptError, RuleError, change_record, lock_as_seen

from . import basis, checks, timeline
from .models import (
    FINAL_STATES,
    UNSENT_STATES,
    CheckState,
    Direction,
    Request,
    RequestCheck,
    RequestState,
    RequestStep,
)

S = RequestState
ANSWERS = {S.ACKNOWLEDGED, S.MORE_REQUESTED, S.IN_EXECUTION, S.EXECUTED, S.PARTLY_EXECUTED, S.REFUSED}
TRANSITIONS = {
    Direction.OUTGOING: {
        S.DRAFT: {S.REVIEW, S.WITHDRAWN},
        S.REVIEW: {S.APPROVED, S.DRAFT, S.WITHDRAWN},
        S.APPROVED: {S.SENT, S.DRAFT, S.WITHDRAWN},
        S.SENT: ANSWERS | {S.WITHDRAWN},
        S.ACKNOWLEDGED: ANSWERS - {S.ACKNOWLEDGED} | {S.WITHDRAWN},
        S.MORE_REQUESTED: {S.ACKNOWLEDGED, S.IN_EXECUTION, S.REFUSED, S.WITHDRAWN},  # answered, or given up
        S.IN_EXECUTION: {S.MORE_REQUESTED, S.EXECUTED, S.PARTLY_EXECUTED, S.REFUSED, S.WITHDRAWN},
    },
    Direction.INCOMING: {
        S.RECEIVED: {S.ACKNOWLEDGED, S.REVIEW, S.MORE_REQUESTED, S.REFUSED, S.WITHDRAWN},
        S.ACKNOWLEDGED: {S.REVIEW, S.MORE_REQUESTED, S.REFUSED, S.WITHDRAWN},
        S.REVIEW: {S.IN_EXECUTION, S.MORE_REQUESTED, S.REFUSED, S.WITHDRAWN},
        S.MORE_REQUESTED: {S.REVIEW, S.REFUSED, S.WITHDRAWN},  # answered by the requesting state, or not
        S.IN_EXECUTION: {S.EXECUTED, S.PARTLY_EXECUTED, S.REFUSED, S.WITHDRAWN},
    },
}
# The states in which a request of ours waits for the other state's answer.
AWAITING = {S.SENT, S.ACKNOWLEDGED, S.IN_EXECUTION}
# The moves a requested state's contact point makes through the API on an outgoing request addressed to it.
PARTNER_MOVES = ANSWERS
# The move that needs every check passed or waived: the sending of ours, the execution of theirs.
GUARDED = {Direction.OUTGOING: S.SENT, Direction.INCOMING: S.IN_EXECUTION}
# The states in which a request's checks are still read and decided; past them they stay as they were.
CHECKED = UNSENT_STATES | {S.RECEIVED, S.ACKNOWLEDGED, S.REVIEW}


def _number(direction: str, year: int) -> str:
    prefix = f"{'OUT' if direction == Direction.OUTGOING else 'IN'}-{year}-"
    last = Request.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    sequence = int(last[0].rsplit("-", 1)[1]) if last else 0
    return f"{prefix}{sequence + 1:05d}"


def _check_basis(request: Request) -> None:
    """The basis of a request of ours is the one suggested, or another with a reason (a request received rests on
    the basis its state invokes)."""
    if request.direction == Direction.INCOMING:
        return
    suggested = basis.suggest(request.kind, request.country, timezone.localdate())
    chosen = (request.legal_basis, request.treaty_id, request.convention)
    expected = (suggested.legal_basis, suggested.treaty.pk if suggested.treaty else None, suggested.convention)
    if chosen != expected and not request.basis_reason.strip():
        raise RuleError({"basis_reason": _("Say why you choose another basis than the one suggested: %(why)s") % {
            "why": suggested.why
        }})  # fmt: skip


def _check_parts(request: Request) -> None:
    """The persons and assets a request on a case of ours names are the case's."""
    if request.case_id is None:
        return
    if request.persons.exclude(case_memberships__case=request.case_id).exists():
        raise RuleError({"persons": _("Name only persons of the request's case.")})
    if request.assets.exclude(case=request.case_id).exists():
        raise RuleError({"assets": _("Name only assets of the request's case.")})


def _fill_basis(request: Request) -> None:
    """A request opened without a basis takes the suggested one."""
    if not request.legal_basis:
        suggested = basis.suggest(request.kind, request.country, timezone.localdate())
        request.legal_basis, request.treaty, request.convention = (
            suggested.legal_basis, suggested.treaty, suggested.convention,
        )  # fmt: skip


@transaction.atomic
def open_request(*, actor, direction: str, persons=(), assets=(), received_on: datetime.date | None = None,
                 **fields) -> Request:  # fmt: skip
    """A new request: a draft of ours, or one received (on `received_on`, today when None) from another state."""
    first = S.DRAFT if direction == Direction.OUTGOING else S.RECEIVED
    request = Request(direction=direction, state=first, drafted_by=actor, **fields)
    _fill_basis(request)
    if direction == Direction.INCOMING:
        request.sent_on = received_on or timezone.localdate()
    for attempt in range(3):  # two requests opened at once may draw the same number: the second draws again
        request.number = _number(direction, timezone.localdate().year)
        request.full_clean()
        _check_basis(request)
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    request.persons.set(persons)
    request.assets.set(assets)
    _check_parts(request)
    sync_checks(request)
    if direction == Direction.INCOMING:
        _step(request, S.RECEIVED, S.RECEIVED, actor=actor, day=request.sent_on, note="")
    return request


@transaction.atomic
def change_request(request: Request, **fields) -> Request:
    """Correct a request that has not left (ours) or is not yet answered (theirs); its checks are read again."""
    if request.direction == Direction.OUTGOING and request.state not in UNSENT_STATES:
        raise RuleError(_("A request that has been sent is kept as sent: record what happens to it instead."))
    if request.state in FINAL_STATES:
        raise RuleError(_("The request is closed."))
    if fields.get("direction", request.direction) != request.direction:
        raise RuleError({"direction": _("A request does not change direction.")})
    change_record(request, **fields)
    _check_parts(request)
    _check_basis(request)
    sync_checks(request)
    return request


@transaction.atomic
def delete_request(request: Request) -> None:
    """Delete a draft of ours; a request that has gone further is kept, and withdrawn (a move) if given up."""
    current = Request.objects.select_for_update().get(pk=request.pk)
    if current.state != S.DRAFT:
        raise KeptError(_("Only a draft request can be deleted; this one is “%(state)s”: withdraw it instead, and it "
                          "is kept.") % {"state": current.get_state_display()})  # fmt: skip
    current.delete()


def sync_checks(request: Request) -> list[RequestCheck]:
    """The request's checks as its kind and basis require them, each read from the records again unless an officer
    has decided it."""
    codes = checks.required(request)
    request.checks.exclude(code__in=codes).delete()
    existing = {check.code: check for check in request.checks.all()}
    records = checks.Records(request)
    for code in codes:
        check = existing.get(code) or RequestCheck(request=request, code=code)
        if check.decided_by_id is None:
            state, finding = checks.read(records, code)
            if check.pk is None or (check.state, check.finding) != (state, finding):
                check.state, check.finding = state, finding
                check.save()
        existing[code] = check
    return [existing[code] for code in codes]


@transaction.atomic
def decide_check(check: RequestCheck, *, state: str, reason: str, actor) -> RequestCheck:
    """An officer's decision on a check, from the version they saw: passed, failed, or waived (with a reason)."""
    reason = reason.strip()
    if state == CheckState.WAIVED and not reason:
        raise RuleError({"reason": _("Say why the check is waived.")})
    if state == CheckState.OPEN:
        raise RuleError({"state": _("Decide the check: passed, failed or waived.")})
    current = lock_as_seen(check, "state")
    if current.request.state not in CHECKED:
        raise RuleError(_("The request has left: its checks stay as they were when it was sent."))
    current.state, current.reason, current.decided_by, current.decided_at = state, reason, actor, timezone.now()
    current.save()
    return current


def blockers(request: Request) -> list[str]:
    """What stands between the request and its sending (or, received, its execution), in plain words, as its checks
    were last read (every change of their inputs reads them again: sync_checks, resync.py)."""
    missing = []
    if not request.legal_basis:
        missing.append(_("Record the legal basis."))
    for check in request.checks.all():
        if check.state in (CheckState.OPEN, CheckState.FAILED):
            words = {
                "check": check.get_code_display(),
                "finding": check.finding,
                "state": check.get_state_display() if check.state == CheckState.FAILED else _("not yet decided"),
            }
            missing.append((_("%(check)s (%(state)s): %(finding)s") if check.finding else _("%(check)s (%(state)s)"))
                           % words)  # fmt: skip
    return missing


def allowed_moves(request: Request) -> list[str]:
    """The states the request may go to next, in lifecycle order."""
    following = TRANSITIONS[request.direction].get(request.state, set())
    return [state for state in S.values if state in following]


@transaction.atomic
def move(request: Request, new: str, *, actor, day: datetime.date | None = None, note: str = "",
         refusal_ground: str = "", answer: str = "") -> Request:  # fmt: skip
    """Move the request, from the version the user saw, on the day it happened (today when None)."""
    current = lock_as_seen(request, "state")
    if new not in TRANSITIONS[current.direction].get(current.state, set()):
        raise RuleError(_("A request cannot go from “%(old)s” to “%(new)s”.") % {
            "old": S(current.state).label, "new": S(new).label,
        })  # fmt: skip
    day = _day(current, day)
    if new == S.APPROVED and actor is not None and actor.pk == current.drafted_by_id:
        raise RuleError(_("A request is approved by someone other than the officer who drafted it."))
    if new == GUARDED[current.direction]:
        sync_checks(current)  # judged on the records as they are at this moment
        if missing := blockers(current):
            raise RuleError([_("The request cannot go on while these are missing:"), *missing])
    if new == S.REFUSED and not refusal_ground:
        raise RuleError({"refusal_ground": _("Give the ground of the refusal.")})
    old = current.state
    current.state = new
    if new == S.APPROVED:
        current.approved_by = actor
    if new == S.SENT:
        current.sent_on = day
    if new in FINAL_STATES - {S.WITHDRAWN}:
        current.answered_on = day
    if new == S.REFUSED:
        current.refusal_ground = refusal_ground
    if answer:
        current.answer = answer
    current.save()
    _step(current, old, new, actor=actor, day=day, note=note)
    return current


def _day(request: Request, day: datetime.date | None) -> datetime.date:
    """The day of a step: not in the future, nor before the request's previous step (or its case's opening)."""
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise RuleError({"happened_on": _("A step cannot be dated in the future.")})
    last = request.steps.order_by("-happened_on").values_list("happened_on", flat=True).first()
    earliest = last or (request.case.opened_on if request.case_id else None)
    if earliest and day < earliest:
        raise RuleError({"happened_on": _("A step cannot be dated before %(day)s, the request's previous step or "
                                          "its case's opening.") % {"day": earliest.isoformat()}})  # fmt: skip
    return day


def _step(request: Request, old: str, new: str, *, actor, day: datetime.date, note: str) -> None:
    RequestStep.objects.create(request=request, old=old, new=new, happened_on=day, note=note, actor=actor)
    for event in timeline.stepped(request, new, actor=actor, day=day):
        event.save()


def overdue(requests: QuerySet[Request], day: datetime.date) -> QuerySet[Request]:
    """Those of the requests still open whose deadline has passed, or which, sent with no deadline, have waited for
    an answer longer than settings.REQUEST_ANSWER_DAYS; the longest overdue first."""
    waited = day - datetime.timedelta(days=settings.REQUEST_ANSWER_DAYS)
    late = Q(deadline__lt=day) | Q(deadline__isnull=True, state__in=AWAITING, sent_on__lt=waited)
    return requests.exclude(state__in=FINAL_STATES).filter(late).order_by(Coalesce("deadline", "sent_on"), "pk")
