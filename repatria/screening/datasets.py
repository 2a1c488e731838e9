"""The datasets a partner screens against: which persons of the registry each lists.

The rule is written twice, once as a query for many persons (dataset_persons) and once in Python over what was read
of a few (datasets_listing), for the listing's cards and the check of a partner's results; the tests hold the two to
agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.cases.models import CasePerson, CaseStatus
from repatria.registry.models import Person

__all__ = ["DATASETS", "OPEN_CASES", "UnknownDataset", "dataset_persons", "datasets_listing", "open_memberships"]

# The cases whose persons are screened: those still to be brought back.
OPEN_CASES = (CaseStatus.AT_LARGE, CaseStatus.LOCATED)
DATASETS = {
    "default": gettext_lazy("persons of cases at large or located"),
    "red-notices": gettext_lazy("of those, the red-notice subjects"),
}


class UnknownDataset(LookupError):
    """A dataset name that is not one of DATASETS; the message is in the user's language."""

    def __init__(self, name: str):
        super().__init__(
            _("There is no dataset “%(name)s”: use one of %(names)s.") % {"name": name, "names": ", ".join(DATASETS)}
        )
        self.name = name


def dataset_persons(dataset: str) -> QuerySet[Person]:
    """The persons a dataset lists: `default`, persons of a case at large or located; `red-notices`, those of them
    with a red notice in force (a number, not withdrawn). Raises UnknownDataset for any other name."""
    if dataset not in DATASETS:
        raise UnknownDataset(dataset)
    persons = Person.objects.filter(case_memberships__case__status__in=OPEN_CASES)
    if dataset == "red-notices":
        persons = persons.exclude(red_notice_number="").filter(red_notice_withdrawn__isnull=True)
    return persons.distinct()


def datasets_listing(
    case_statuses: Iterable[str], red_notice_number: str, red_notice_withdrawn: datetime.date | None
) -> frozenset[str]:
    """The datasets that list a person in cases of these statuses, with this red notice (dataset_persons's rule)."""
    if not any(status in OPEN_CASES for status in case_statuses):
        return frozenset()
    if red_notice_number and red_notice_withdrawn is None:
        return frozenset({"default", "red-notices"})
    return frozenset({"default"})


def open_memberships(persons: Iterable[int] | QuerySet[Person] | None = None) -> QuerySet[CasePerson]:
    """Memberships of cases that are not closed, of the given persons (everyone's when None), the most recent case
    first: a person's first is the case their alerts go to and whose lead office a partner calls."""
    memberships = CasePerson.objects.exclude(case__status=CaseStatus.CLOSED).order_by("-case__opened_on", "-case__pk")
    return memberships if persons is None else memberships.filter(person__in=persons)
