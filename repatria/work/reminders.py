"""Reminders computed from the records, each a queryset of what the user may see (never a stored flag): tasks due,
documents, red notices and freezing orders about to end, and open cases that have made no progress."""

import datetime

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from repatria.assets.models import Asset, AssetStage
from repatria.cases.models import OPEN_STATUSES, Case
from repatria.registry.models import DocumentKind, IdentityDocument, Person

from .models import Task, TaskState

PASSPORTS = [DocumentKind.PASSPORT, DocumentKind.FOREIGN_PASSPORT, DocumentKind.TRAVEL_PERMIT]


def _horizon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=settings.REMINDER_HORIZON_DAYS)


def open_tasks(user) -> QuerySet[Task]:
    return Task.objects.restrict(user).filter(state=TaskState.OPEN).select_related("case", "person", "assignee")


def given_to(user) -> Q:
    """Tasks given to the user, or to their organisation and no officer of it."""
    mine = Q(assignee=user)
    if user.organisation_id:
        mine |= Q(assignee=None, organisation=user.organisation_id)
    return mine


def my_tasks(user) -> QuerySet[Task]:
    return open_tasks(user).filter(given_to(user))


def overdue_tasks(user, today: datetime.date) -> QuerySet[Task]:
    return open_tasks(user).filter(due_on__lt=today)


def tasks_due_this_week(user, today: datetime.date) -> QuerySet[Task]:
    return open_tasks(user).filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=6))


def expiring_passports(user, today: datetime.date) -> QuerySet[IdentityDocument]:
    return (
        IdentityDocument.objects.restrict(user)
        .filter(kind__in=PASSPORTS, expires_on__gte=today, expires_on__lte=_horizon(today))
        .select_related("person")
        .order_by("expires_on")
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def red_notice_expiry(issued: datetime.date) -> datetime.date:
    """When a red notice issued that day is due for review."""
    return _years_before(issued, -settings.RED_NOTICE_VALID_YEARS)


def expiring_red_notices(user, today: datetime.date) -> QuerySet[Person]:
    """Persons whose red notice, still in force, reaches its review within the horizon."""
    years = settings.RED_NOTICE_VALID_YEARS
    issued = (_years_before(today, years), _years_before(_horizon(today), years))
    return (
        Person.objects.restrict(user)
        .exclude(red_notice_number="")
        .filter(red_notice_withdrawn=None, red_notice_issued__range=issued)
        .order_by("red_notice_issued")
    )


def lapsing_freezing_orders(user, today: datetime.date) -> QuerySet[Asset]:
    return (
        Asset.objects.restrict(user)
        .filter(stage=AssetStage.FROZEN, frozen_until__gte=today, frozen_until__lte=_horizon(today))
        .select_related("case")
        .order_by("frozen_until")
    )


def no_progress_cases(user, now: datetime.datetime | None = None) -> QuerySet[Case]:
    """Open cases with no event for NO_PROGRESS_DAYS, the longest silent first (by their last event, else their
    opening), each with `last_event`: the date of its last event."""
    since = (now or timezone.now()) - datetime.timedelta(days=settings.NO_PROGRESS_DAYS)
    return (
        Case.objects.restrict(user)
        .filter(status__in=OPEN_STATUSES)
        .annotate(last_event=Max("events__occurred_at"))
        .filter(Q(last_event__lt=since) | Q(last_event=None, opened_on__lt=since.date()))
        .order_by("last_event", "opened_on", "pk")
        .select_related("province")
    )


def every_reminder(user, today: datetime.date) -> dict:
    """The reminders of the full page, each a queryset (the dashboard shows the first rows of each)."""
    return {
        "passports": expiring_passports(user, today),
        "red_notices": expiring_red_notices(user, today),
        "freezing_orders": lapsing_freezing_orders(user, today),
        "no_progress": no_progress_cases(user),
        "no_progress_days": settings.NO_PROGRESS_DAYS,
    }
