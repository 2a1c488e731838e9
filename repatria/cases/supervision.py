"""Key-case supervision (挂牌督办): placing a case under a supervisor, receiving its progress reports, and which
supervised cases are late with theirs. Pages and commands call these rather than saving the records themselves."""

import datetime

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from repatria.core.services import RuleError, change_record
from repatria.notifications.models import NotificationKind
from repatria.notifications.services import notify

from .models import OPEN_STATUSES, ProgressReport, Supervision
from .officers import officers_of


def _check_dates(since: datetime.date, day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleError(_("A supervision's dates cannot be in the future."))
    if day is not None and day < since:
        raise RuleError(_("A date of the supervision is before it began."))


@transaction.atomic
def place_under_supervision(*, actor, **fields) -> Supervision:
    """A case put under supervision; its officers are told who supervises it and how often to report."""
    supervision = Supervision(**fields)
    supervision.full_clean()
    _check_dates(supervision.since, supervision.since)
    _check_dates(supervision.since, supervision.ended_on)
    supervision.save()
    case = supervision.case
    notify(
        officers_of(case), kind=NotificationKind.SUPERVISION, url=case.get_absolute_url(),
        message=gettext_noop("Case %(number)s is under key-case supervision; a progress report is due by %(due)s"),
        params={"number": case.number, "due": supervision.next_report_due()},
    )  # fmt: skip
    return supervision


@transaction.atomic
def change_supervision(supervision: Supervision, **fields) -> Supervision:
    change_record(supervision, **fields)
    _check_dates(supervision.since, supervision.ended_on)
    return supervision


@transaction.atomic
def receive_report(*, supervision: Supervision, received_on: datetime.date, summary: str = "") -> ProgressReport:
    """A progress report received: not before the supervision began, nor in the future."""
    _check_dates(supervision.since, received_on)
    report = ProgressReport(supervision=supervision, received_on=received_on, summary=summary)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def change_report(report: ProgressReport, **fields) -> ProgressReport:
    change_record(report, **fields)
    _check_dates(report.supervision.since, report.received_on)
    return report


def with_due_dates(supervisions: QuerySet[Supervision]) -> list[Supervision]:
    """The supervisions, each with `last_report` (the day its last report was received) and `due` (of the next)."""
    rows = list(supervisions.annotate(last_report=Max("reports__received_on")))
    for supervision in rows:
        supervision.due = supervision.next_report_due(supervision.last_report)
    return rows


def overdue(user, today: datetime.date | None = None) -> list[Supervision]:
    """The running supervisions of open cases the user may see whose next report is past due, the longest late first.

    The due day depends on each row's interval, so it is worked out here rather than in SQL: key cases are few."""
    today = today or timezone.localdate()
    running = Supervision.objects.restrict(user).filter(ended_on=None, case__status__in=OPEN_STATUSES)
    late = [s for s in with_due_dates(running.select_related("case__province")) if s.due < today]
    return sorted(late, key=lambda s: (s.due, s.pk))
