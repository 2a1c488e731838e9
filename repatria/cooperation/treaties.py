"""A treaty's status on a day: in force, signed and not (yet) in force, or terminated."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from .models import Treaty


class TreatyStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("treaty status", "in force")
    SIGNED = "signed", pgettext_lazy("treaty status", "signed, not in force")
    TERMINATED = "terminated", pgettext_lazy("treaty status", "terminated")


def ended(day: datetime.date) -> Q:
    """The treaties terminated by the day."""
    return Q(terminated_on__isnull=False, terminated_on__lte=day)


def in_force(day: datetime.date) -> Q:
    """The treaties in force on the day, as Treaty.in_force reads it."""
    return Q(in_force_on__isnull=False, in_force_on__lte=day) & ~ended(day)


def with_status(status: str, day: datetime.date) -> Q:
    if status == TreatyStatus.IN_FORCE:
        return in_force(day)
    if status == TreatyStatus.TERMINATED:
        return ended(day)
    return ~in_force(day) & ~ended(day)


def status_of(treaty: Treaty, day: datetime.date) -> TreatyStatus:
    if treaty.terminated_on is not None and treaty.terminated_on <= day:
        return TreatyStatus.TERMINATED
    return TreatyStatus.IN_FORCE if treaty.in_force(day) else TreatyStatus.SIGNED
