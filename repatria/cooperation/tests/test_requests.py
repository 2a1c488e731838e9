"""Requests: the checks that block sending, each read from the records or decided by an officer; the lifecycle's
moves, allowed and refused; approval by a second officer; the steps on the case's timeline; the incoming path."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from repatria.accounts.models import Role
from repatria.attachments.services import attach
from repatria.cases.models import EventKind, Offence
from repatria.cases.timeline import for_case
from repatria.cooperation import services
from repatria.cooperation.models import (
    CheckCode,
    CheckState,
    CountryProfile,
    Direction,
    LegalBasis,
    OffenceEquivalent,
    RequestChannel,
    RequestKind,
    RequestState,
)
from repatria.core.events import describe
from repatria.core.services import RuleError
from repatria.geo.models import Country
from repatria.registry.models import IdentityDocument

pytestmark = pytest.mark.django_db
S = RequestState
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def states(request) -> dict[str, str]:
    return {check.code: check.state for check in services.sync_checks(request)}


def complete(request, actor) -> None:
    """Everything an extradition to Argentina needs, from the records or decided by the officer."""
    request.case.offences.add(
        Offence.objects.get(pk="embezzlement")
        if Offence.objects.filter(pk="embezzlement").exists()
        else Offence.objects.first()
    )
    for offence in request.case.offences.all():
        OffenceEquivalent.objects.create(
            country=request.country,
            offence=offence,
            foreign_offence="Peculado",
            law_reference="Código Penal art. 261",
            maximum_penalty_years=10,
        )
    person = request.persons.get()
    IdentityDocument.objects.create(person=person, kind="passport", country_id="CN", number="E12345678")
    CountryProfile.objects.create(country=request.country, translation_required=True, extradites_nationals="no")
    for kind in ("warrant", "translation", "assurance"):
        attach(actor=actor, file=ContentFile(PDF, name=f"{kind}.pdf"), kind=kind, request=request)
    services.change_request(request, facts="某某于2015年贪污公款后出逃。", laws="《中华人民共和国刑法》第三百八十二条")
    for code in (CheckCode.TIME_LIMITS, CheckCode.ARTICLE_3, CheckCode.IN_ABSENTIA):
        services.decide_check(request.checks.get(code=code), state=CheckState.PASSED, reason="", actor=actor)
    request.refresh_from_db()


def test_a_draft_takes_the_suggested_basis_and_lists_what_is_missing(draft):
    assert (draft.legal_basis, draft.convention, draft.number[:9]) == (LegalBasis.CONVENTION, "UNCAC", "OUT-2026-"[:9])
    missing = services.blockers(draft)
    assert any("事实陈述" in line for line in missing)
    assert any("双重犯罪" in line for line in missing)
    assert states(draft)[CheckCode.NATIONALS] == CheckState.PASSED  # the person is not Argentinian


def test_sending_is_refused_until_every_check_passes_or_is_waived(draft, drafter, officer):
    services.move(draft, S.REVIEW, actor=drafter)
    draft.refresh_from_db()
    services.move(draft, S.APPROVED, actor=officer)
    draft.refresh_from_db()
    with pytest.raises(RuleError) as refused:
        services.move(draft, S.SENT, actor=officer)
    assert "事实陈述" in str(refused.value)
    draft.refresh_from_db()
    assert draft.state == S.APPROVED
    complete(draft, drafter)
    assert services.blockers(draft) == []
    sent = services.move(draft, S.SENT, actor=officer)
    assert (sent.state, sent.sent_on) == (S.SENT, timezone.localdate())


def test_a_waiver_needs_a_reason_and_names_the_officer(draft, officer):
    check = draft.checks.get(code=CheckCode.TIME_LIMITS)
    with pytest.raises(RuleError):
        services.decide_check(check, state=CheckState.WAIVED, reason=" ", actor=officer)
    waived = services.decide_check(check, state=CheckState.WAIVED, reason="追诉时效不适用（在逃）", actor=officer)
    assert (waived.state, waived.decided_by) == (CheckState.WAIVED, officer)
    assert states(draft)[CheckCode.TIME_LIMITS] == CheckState.WAIVED  # a decision is not read over


def test_a_failed_check_blocks_even_when_everything_else_passes(draft, drafter, officer):
    complete(draft, drafter)
    services.decide_check(draft.checks.get(code=CheckCode.ARTICLE_3), state=CheckState.FAILED, reason="", actor=officer)
    assert len(services.blockers(draft)) == 1


def test_the_nationals_bar_reads_the_profile(draft, argentina):
    draft.persons.get().nationalities.add(argentina)
    assert states(draft)[CheckCode.NATIONALS] == CheckState.OPEN  # the profile does not say
    CountryProfile.objects.create(country=argentina, extradites_nationals="no")
    assert states(draft)[CheckCode.NATIONALS] == CheckState.FAILED


def test_the_drafter_cannot_approve_their_own_request(draft, drafter):
    services.move(draft, S.REVIEW, actor=drafter)
    draft.refresh_from_db()
    with pytest.raises(RuleError):
        services.move(draft, S.APPROVED, actor=drafter)


def test_a_refusal_needs_its_ground_and_is_an_answer(draft, officer):
    type(draft).objects.filter(pk=draft.pk).update(state=S.SENT)
    draft.refresh_from_db()
    with pytest.raises(RuleError):
        services.move(draft, S.REFUSED, actor=officer)
    refused = services.move(draft, S.REFUSED, actor=officer, refusal_ground="nationality")
    assert (refused.refusal_ground, refused.answered_on) == ("nationality", timezone.localdate())


def test_every_step_is_dated_kept_and_on_the_cases_timeline(draft, drafter, case):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.move(draft, S.REVIEW, actor=drafter, day=yesterday, note="请法律审查")
    step = draft.steps.get()
    assert (step.old, step.new, step.happened_on, step.note) == (S.DRAFT, S.REVIEW, yesterday, "请法律审查")
    event = for_case(case).get(kind=EventKind.REQUEST_STEP)
    assert event.occurred_at.date() == yesterday
    assert draft.number in describe(event) and "阿根廷" in describe(event) and "法律审查" in describe(event)
    draft.refresh_from_db()
    with pytest.raises(RuleError):
        services.move(draft, S.APPROVED, actor=drafter, day=timezone.localdate() + datetime.timedelta(days=1))


def test_a_sent_request_is_kept_as_sent(draft):
    type(draft).objects.filter(pk=draft.pk).update(state=S.SENT)
    draft.refresh_from_db()
    with pytest.raises(RuleError):
        services.change_request(draft, facts="改写")


def test_another_basis_than_the_suggested_needs_a_reason(draft):
    with pytest.raises(RuleError) as refused:
        services.change_request(draft, legal_basis=LegalBasis.RECIPROCITY, convention="")
    assert "UNCAC" in str(refused.value) or "反腐败" in str(refused.value)
    services.change_request(draft, legal_basis=LegalBasis.RECIPROCITY, convention="", basis_reason="对方更愿按互惠")
    assert CheckCode.RECIPROCITY in states(draft)


def test_an_incoming_request_on_a_foreign_case_is_received_reviewed_and_executed(drafter, organisation):
    country = Country.objects.get(pk="AR")
    received = services.open_request(
        actor=drafter, direction=Direction.INCOMING, kind=RequestKind.MLA_EVIDENCE, country=country,
        organisation=organisation, channel=RequestChannel.CENTRAL_AUTHORITY, foreign_case="Causa 1234/2025",
        person_particulars="某甲，1970年生", received_on=timezone.localdate(),
    )  # fmt: skip
    assert received.state == S.RECEIVED and received.number.startswith("IN-")
    services.move(received, S.REVIEW, actor=drafter)
    received.refresh_from_db()
    with pytest.raises(RuleError):  # the formal review is not done
        services.move(received, S.IN_EXECUTION, actor=drafter)
    assert received.steps.first().new == S.RECEIVED


def test_an_incoming_extradition_of_a_chinese_national_fails_the_nationals_check(drafter, organisation, person):
    person.nationalities.add("CN")
    received = services.open_request(
        actor=drafter, direction=Direction.INCOMING, kind=RequestKind.EXTRADITION, country_id="AR",
        organisation=organisation, channel=RequestChannel.DIPLOMATIC, foreign_case="X", persons=[person],
    )  # fmt: skip
    assert states(received)[CheckCode.NATIONALS] == CheckState.FAILED


@pytest.fixture
def second_officer(django_user_model, organisation):
    return django_user_model.objects.create_user("second", role=Role.PROVINCIAL_OFFICER, organisation=organisation)


def test_a_request_on_a_case_names_only_the_cases_persons(draft):
    from repatria.registry.services import create_person

    stranger = create_person(names=[("案外人", "primary")])
    with pytest.raises(RuleError) as refused:
        services.change_request(draft, persons=[stranger])
    assert "只能列明该请求所涉案件中的人员" in str(refused.value)
    draft.refresh_from_db()
    assert list(draft.persons.values_list("display_name", flat=True)) == ["杨秀兰"]


PAIRS = [(d, old, new) for d in Direction.values for old in S.values for new in S.values if old != new]


@pytest.mark.parametrize(("direction", "old", "new"), PAIRS, ids=["-".join(p) for p in PAIRS])
def test_every_move_is_allowed_or_refused_as_the_lifecycle_says(draft, officer, monkeypatch, direction, old, new):
    """Every pair of states in each direction, the checks taken as complete (their own tests are above)."""
    monkeypatch.setattr(services, "blockers", lambda request: [])
    type(draft).objects.filter(pk=draft.pk).update(direction=direction, state=old)
    draft.refresh_from_db()
    allowed = new in services.TRANSITIONS[direction].get(old, set())
    if allowed:
        assert services.move(draft, new, actor=officer, refusal_ground="other").state == new
    else:
        with pytest.raises(RuleError):
            services.move(draft, new, actor=officer, refusal_ground="other")


def test_every_kind_of_request_has_its_checks():
    from repatria.cooperation.checks import OUTGOING

    assert set(OUTGOING) == set(RequestKind.values)


def test_a_request_does_not_change_direction(draft):
    with pytest.raises(RuleError):
        services.change_request(draft, direction=Direction.INCOMING)
