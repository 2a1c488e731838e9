"""What a bulk screening result says of each person hit: name, case numbers and their status, and whether the
person is already back, as the officer reads them (never a database id). Cases and returns are told only as far
as the job's owner may see them."""

from collections import defaultdict

from django.utils.translation import gettext as _

from repatria.accounts.permissions import restrict
from repatria.cases.models import Case, CasePerson, CaseStatus, Return
from repatria.registry.models import Person

MAX_MATCHES = 3  # hits written per row, best first


def result_header() -> list[str]:
    """The results' column names, in the language the job runs in."""
    header = [_("row"), _("id"), _("name"), _("error"), _("matches")]
    for n in range(1, MAX_MATCHES + 1):
        header += [
            _("person %(n)d") % {"n": n},
            _("case numbers %(n)d") % {"n": n},
            _("status %(n)d") % {"n": n},
            _("score %(n)d") % {"n": n},
            _("explanation %(n)d") % {"n": n},
            _("note %(n)d") % {"n": n},
        ]
    return header


def hit_details(person_ids: set[int], user) -> dict[int, tuple[str, str, str, str]]:
    """Of each person: (name, case numbers, their statuses, a note when the person is already returned)."""
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "display_name"))
    cases: dict[int, list[tuple[str, str]]] = defaultdict(list)
    memberships = CasePerson.objects.filter(person_id__in=person_ids, case__in=restrict(Case.objects.all(), user))
    for pk, number, status in memberships.order_by("case__number").values_list(
        "person_id", "case__number", "case__status"
    ):
        cases[pk].append((number, str(CaseStatus(status).label)))
    returned = dict(
        restrict(Return.objects.filter(person_id__in=person_ids), user)
        .order_by("date")
        .values_list("person_id", "date")
    )
    return {
        pk: (
            names.get(pk, ""),
            ", ".join(number for number, _status in cases[pk]),
            ", ".join(dict.fromkeys(status for _number, status in cases[pk])),
            _("already returned (%(date)s)") % {"date": returned[pk].isoformat()} if pk in returned else "",
        )
        for pk in person_ids
    }
