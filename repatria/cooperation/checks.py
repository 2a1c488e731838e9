"""The checks a request must pass before it leaves (or, incoming, before we act on it), by kind, basis and state.

Each check reads the records where they can tell (a statement of facts written, the warrant attached, our offences
mapped to the other state's, the state's rule on its nationals); the rest wait for an officer's decision. An
officer may decide any check (passed, failed, or waived with a reason); a decision stands until they change it.
The records are read again on every change of the request or of what its checks read (services.sync_checks,
resync.py), each once per reading (Records).
"""

from collections.abc import Callable
from functools import cached_property

from django.utils.translation import gettext as _

from repatria.attachments.models import AttachmentKind

from .basis import HOME
from .models import (
    CheckCode,
    CheckState,
    CountryProfile,
    Direction,
    LegalBasis,
    OffenceEquivalent,
    Request,
    RequestKind,
    YesNoUnknown,
)

C, K = CheckCode, RequestKind
MLA_COERCIVE = {K.MLA_SEARCH, K.MLA_FREEZING, K.MLA_BANK_RECORDS}  # where UNCAC art. 46(9) lets dual criminality in
MLA_OTHER = {K.MLA_SERVICE, K.MLA_EVIDENCE, K.MLA_TESTIMONY}
LAW_ENFORCEMENT = {K.LE_LOCATE, K.LE_DEPORT, K.LE_HANDOVER, K.DENIAL_OF_ENTRY, K.VISA_REVOCATION}

# What each kind of outgoing request needs (PRC Extradition Law art. 11 and 47; International Criminal Judicial
# Assistance Law art. 13 and its chapters per kind; UNCAC art. 44 and 46; INTERPOL's Rules on the Processing of
# Data, art. 83 for red notices).
OUTGOING: dict[str, list[str]] = {
    K.EXTRADITION: [C.IDENTITY, C.WARRANT, C.FACTS, C.LAWS, C.DUAL_CRIMINALITY, C.PENALTY_THRESHOLD, C.TIME_LIMITS,
                    C.ASSURANCES, C.ARTICLE_3, C.NATIONALS, C.IN_ABSENTIA, C.TRANSLATION],
    K.PROVISIONAL_ARREST: [C.IDENTITY, C.WARRANT, C.FACTS, C.DUAL_CRIMINALITY, C.PENALTY_THRESHOLD, C.ARTICLE_3,
                           C.TRANSLATION],
    K.TRANSFER: [C.IDENTITY, C.WARRANT, C.FACTS, C.TRANSLATION],
    K.INTERPOL_NOTICE: [C.IDENTITY, C.WARRANT, C.FACTS, C.PENALTY_THRESHOLD, C.ARTICLE_3],
    K.INTERPOL_DIFFUSION: [C.IDENTITY, C.FACTS, C.ARTICLE_3],
    **{kind: [C.FACTS, C.LAWS, C.TRANSLATION] for kind in MLA_OTHER},
    **{kind: [C.FACTS, C.LAWS, C.WARRANT, C.DUAL_CRIMINALITY, C.TIME_LIMITS, C.TRANSLATION] for kind in MLA_COERCIVE},
    K.CONFISCATION: [C.FACTS, C.LAWS, C.WARRANT, C.DUAL_CRIMINALITY, C.TIME_LIMITS, C.IN_ABSENTIA, C.TRANSLATION],
    **{kind: [C.IDENTITY, C.FACTS, C.WARRANT] for kind in LAW_ENFORCEMENT},
}  # fmt: skip
# What we look at in a request received: its form (facts, laws, a Chinese translation), dual criminality and the
# political character; an extradition also whether the person is Chinese (Extradition Law art. 8).
INCOMING = [C.FACTS, C.LAWS, C.TRANSLATION, C.DUAL_CRIMINALITY, C.ARTICLE_3]
PENALTY_YEARS = {K.EXTRADITION: 1, K.PROVISIONAL_ARREST: 1, K.INTERPOL_NOTICE: 2}


def required(request: Request) -> list[str]:
    """The checks this request needs, in the order the page lists them."""
    if request.direction == Direction.INCOMING:
        codes = INCOMING + ([C.NATIONALS] if request.kind == K.EXTRADITION else [])
    else:
        codes = list(OUTGOING[request.kind])
    if request.legal_basis == LegalBasis.RECIPROCITY:
        codes.append(C.RECIPROCITY)
    return codes


class Records:
    """What the checks of one request read beside the request itself, each fetched once however many checks read
    it: the requested state's profile, the case's offences and the state's equivalents of ours, the kinds of files
    attached to the request."""

    def __init__(self, request: Request) -> None:
        self.request = request

    @cached_property
    def profile(self) -> CountryProfile:
        country = self.request.country_id
        return CountryProfile.objects.filter(country=country).first() or CountryProfile(country_id=country)

    @cached_property
    def offences(self) -> list:
        return list(self.request.case.offences.all()) if self.request.case is not None else []

    @cached_property
    def equivalents(self) -> dict:
        """The state's equivalent of each of our offences, by our offence's id."""
        return {e.offence_id: e for e in OffenceEquivalent.objects.filter(country=self.request.country_id)}

    @cached_property
    def attached(self) -> set[str]:
        request = self.request
        return set(request.attachments.values_list("kind", flat=True)) if request.pk is not None else set()


def _text(value: str, missing: str) -> tuple[str, str]:
    return (CheckState.PASSED, "") if value.strip() else (CheckState.OPEN, missing)


def _facts(records: Records) -> tuple[str, str]:
    return _text(records.request.facts, _("Write the statement of facts."))


def _laws(records: Records) -> tuple[str, str]:
    return _text(records.request.laws, _("Quote the text of the laws."))


def _identity(records: Records) -> tuple[str, str]:
    request = records.request
    persons = list(request.persons.prefetch_related("documents")) if request.pk else []
    if not persons:
        if request.direction == Direction.INCOMING and request.person_particulars.strip():
            return CheckState.PASSED, ""
        return CheckState.FAILED, _("Name the person the request is about.")
    short = [
        str(person) for person in persons
        if not person.birth_date or not (person.photo or person.documents.all())
    ]  # fmt: skip
    if short:
        return CheckState.FAILED, _("Give the date of birth and an identity document or photo of: %(persons)s.") % {
            "persons": "、".join(short)
        }
    return CheckState.PASSED, ""


def _warrant(records: Records) -> tuple[str, str]:
    request = records.request
    kinds = (AttachmentKind.WARRANT, AttachmentKind.JUDGMENT)
    on_case = request.case is not None and request.case.attachments.filter(kind__in=kinds).exists()
    if records.attached & set(kinds) or on_case:
        return CheckState.PASSED, ""
    return CheckState.OPEN, _("Attach the warrant or decision (to the request or its case).")


def _dual_criminality(records: Records) -> tuple[str, str]:
    request, offences, known = records.request, records.offences, records.equivalents
    if not offences:
        return CheckState.OPEN, _("The case names no offence to compare.")
    missing = [str(offence) for offence in offences if offence.pk not in known]
    if missing:
        return CheckState.FAILED, _("No equivalent in %(country)s's law is recorded for: %(offences)s.") % {
            "country": request.country, "offences": "、".join(missing),
        }  # fmt: skip
    found = "；".join(f"{known[o.pk].offence} = {known[o.pk].foreign_offence}" for o in offences)
    return CheckState.PASSED, found


def _penalty(records: Records) -> tuple[str, str]:
    request, offences, known = records.request, records.offences, records.equivalents
    years = PENALTY_YEARS.get(request.kind, 1)
    penalties = [known[o.pk].maximum_penalty_years for o in offences if o.pk in known]
    if not penalties or None in penalties:
        return CheckState.OPEN, _("Record the maximum penalty of each offence in %(country)s's law.") % {
            "country": request.country
        }
    if max(penalties) < years:
        return CheckState.FAILED, _("No offence is punishable by %(years)d years or more there.") % {"years": years}
    return CheckState.PASSED, _("Punishable by up to %(years)d years there.") % {"years": max(penalties)}


def _nationals(records: Records) -> tuple[str, str]:
    """The requested state's nationals: theirs for a request of ours, China's for one we receive."""
    request = records.request
    requested = HOME if request.direction == Direction.INCOMING else request.country_id
    persons = request.persons.filter(nationalities=requested) if request.pk else []
    nationals = [str(p) for p in persons]
    if not nationals:
        return CheckState.PASSED, _("No person of the request is a national of the requested state.")
    if request.direction == Direction.INCOMING:
        return CheckState.FAILED, _("China does not extradite its nationals: %(persons)s.") % {
            "persons": "、".join(nationals)
        }
    rule = records.profile.extradites_nationals
    if rule == YesNoUnknown.YES:
        return CheckState.PASSED, _("The state extradites its nationals.")
    if rule == YesNoUnknown.NO:
        return CheckState.FAILED, _("The state does not extradite its nationals: %(persons)s.") % {
            "persons": "、".join(nationals)
        }
    return CheckState.OPEN, _("Whether the state extradites its nationals is not recorded in its profile.")


def _translation(records: Records) -> tuple[str, str]:
    if records.request.direction == Direction.OUTGOING and not records.profile.translation_required:
        return CheckState.PASSED, _("The state takes documents in Chinese.")
    if AttachmentKind.TRANSLATION in records.attached:
        return CheckState.PASSED, ""
    return CheckState.OPEN, _("Attach the translation.")


def _reciprocity(records: Records) -> tuple[str, str]:
    if AttachmentKind.RECIPROCITY in records.attached:
        return CheckState.PASSED, ""
    return CheckState.OPEN, _("Attach the written reciprocity commitment.")


def _assurances(records: Records) -> tuple[str, str]:
    if AttachmentKind.ASSURANCE in records.attached:
        return CheckState.PASSED, ""
    if records.profile.death_penalty_assurance == YesNoUnknown.YES:
        return CheckState.OPEN, _("The state requires an assurance on the death penalty: attach it.")
    return CheckState.OPEN, _("Attach the assurances given (specialty, and any the state requires), or decide.")


# The checks the records can answer; the others (time limits, INTERPOL's article 3, a judgment in absentia) are an
# officer's to decide.
READERS: dict[str, Callable[[Records], tuple[str, str]]] = {
    C.FACTS: _facts, C.LAWS: _laws, C.IDENTITY: _identity, C.WARRANT: _warrant, C.DUAL_CRIMINALITY: _dual_criminality,
    C.PENALTY_THRESHOLD: _penalty, C.NATIONALS: _nationals, C.TRANSLATION: _translation, C.RECIPROCITY: _reciprocity,
    C.ASSURANCES: _assurances,
}  # fmt: skip


def read(records: Records, code: str) -> tuple[str, str]:
    """(state, finding) of a check as the records show it; open, for an officer to decide, where they cannot."""
    reader = READERS.get(code)
    return reader(records) if reader else (CheckState.OPEN, _("An officer decides this check."))
