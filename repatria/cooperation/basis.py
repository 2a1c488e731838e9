"""The legal basis of a request, suggested in the order the office weighs it: a bilateral treaty in force that covers
the kind of request, else a convention both states are parties to (UNCAC before UNTOC: these are corruption cases),
else reciprocity, which needs a written commitment. INTERPOL notices and diffusions rest on INTERPOL's own rules."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from repatria.geo.models import Country

from .models import TREATY_COVERS, Convention, ConventionParty, LegalBasis, RequestKind, Treaty
from .treaties import in_force

HOME = "CN"
INTERPOL_KINDS = {RequestKind.INTERPOL_NOTICE, RequestKind.INTERPOL_DIFFUSION}
# What the conventions provide for: extradition (UNCAC art. 44, UNTOC art. 16), mutual legal assistance (46; 18),
# confiscation and return (54-57; 13-14) and law-enforcement cooperation (48; 27). Not the transfer of sentenced
# persons (45 only invites agreements), nor measures on entry and residence.
CONVENTION_COVERS = set(RequestKind) - INTERPOL_KINDS - {
    RequestKind.TRANSFER, RequestKind.DENIAL_OF_ENTRY, RequestKind.VISA_REVOCATION,
}  # fmt: skip


@dataclass(frozen=True)
class Basis:
    legal_basis: str
    why: str
    treaty: Treaty | None = None
    convention: str = ""


def treaties_for(kind: str, country: Country, day: datetime.date) -> list[Treaty]:
    """The treaties with the state in force on the day that cover this kind of request, the latest first."""
    types = [treaty_kind for treaty_kind, kinds in TREATY_COVERS.items() if kind in kinds]
    return list(Treaty.objects.filter(in_force(day), country=country, kind__in=types).order_by("-in_force_on"))


def parties(country: Country, day: datetime.date) -> dict[str, bool | None]:
    """For each convention, whether both China and the state were parties on the day: None when the reference data
    does not say for one of them (the shipped list is partial)."""
    rows = ConventionParty.objects.filter(country__in=[HOME, country.pk]).values_list(
        "country", "convention", "party_since"
    )
    since = {(code, convention): day_ for code, convention, day_ in rows}
    answer: dict[str, bool | None] = {}
    for convention in Convention.values:
        sides = [since.get((code, convention), "absent") for code in (HOME, country.pk)]
        if "absent" in sides:
            answer[convention] = None
        else:
            answer[convention] = all(joined is None or joined <= day for joined in sides)
    return answer


def suggest(kind: str, country: Country, day: datetime.date) -> Basis:
    """The basis the office would choose, with the reason in words."""
    if kind in INTERPOL_KINDS:
        return Basis(
            LegalBasis.INTERPOL, _("INTERPOL notices and diffusions rest on INTERPOL's Constitution and rules.")
        )
    treaties = treaties_for(kind, country, day)
    if treaties:
        why = _("“%(treaty)s” is in force with %(country)s and covers this kind of request.")
        return Basis(LegalBasis.TREATY, why % {"treaty": treaties[0], "country": country}, treaty=treaties[0])
    both = parties(country, day) if kind in CONVENTION_COVERS else {}
    for convention in Convention.values:
        if both.get(convention):
            why = _(
                "No treaty in force with %(country)s covers this kind of request; both states are parties to "
                "%(convention)s."
            )
            return Basis(
                LegalBasis.CONVENTION,
                why % {"country": country, "convention": Convention(convention).label},
                convention=convention,
            )
    unknown = [str(Convention(c).label) for c, party in both.items() if party is None]
    why = _(
        "No treaty in force with %(country)s covers this kind of request, and no convention both states are "
        "parties to provides for it: reciprocity, with a written commitment attached."
    ) % {"country": country}
    if unknown:
        why += " " + _("Whether %(country)s is a party to %(conventions)s is not in the reference data: check it.") % {
            "country": country, "conventions": "、".join(unknown),
        }  # fmt: skip
    return Basis(LegalBasis.RECIPROCITY, why)
