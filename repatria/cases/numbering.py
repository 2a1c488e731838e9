"""Case numbers by the configured pattern (settings.REPATRIA_CASE_NUMBER, "ZT-{year}-{seq:05d}"), one sequence
a year.

The year's counter row is incremented by an UPDATE, which locks it to the end of the caller's transaction: two
cases opened at once wait for each other and never draw the same number, on PostgreSQL as on SQLite.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Case, CaseNumberSequence


def _draw(year: int) -> int:
    """The year's next sequence number; the row is created by whoever comes first."""
    if not CaseNumberSequence.objects.filter(year=year).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                CaseNumberSequence.objects.create(year=year, last=1)
                return 1
        except IntegrityError:  # created meanwhile by a concurrent first case of the year
            CaseNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
    return CaseNumberSequence.objects.get(year=year).last


def next_case_number(year: int) -> str:
    """The next free number of the year; numbers typed by hand that the pattern would give are skipped."""
    with transaction.atomic():
        while True:
            number = settings.REPATRIA_CASE_NUMBER.format(year=year, seq=_draw(year))
            if not Case.objects.filter(number=number).exists():
                return number
