"""Requests and the reference records through the API: an officer opens, reads and corrects a request with the
page's refusals, moves it and decides its checks; a partner's token reads only the requests sent to its authority,
without the office's checks, and answers them through the same move; another province's request is not found."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from repatria.accounts import tokens
from repatria.accounts.models import Organisation, OrganisationKind, Role, Scope
from repatria.accounts.testing import verified_login
from repatria.accounts.tests.world import EXPECTED, allowed_to, member_of
from repatria.audit.models import AuditEntry, EntryKind
from repatria.cooperation import services
from repatria.cooperation.models import (
    Authority,
    CheckCode,
    CheckState,
    ContactLog,
    Direction,
    Request,
    RequestChannel,
    RequestCheck,
    RequestKind,
    RequestState,
    Treaty,
)
from repatria.geo.models import Country, Province

pytestmark = pytest.mark.django_db

REQUESTS = "/api/cooperation/requests/"


def send(client: Client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def detail(request: Request, tail: str = "") -> str:
    return f"{REQUESTS}{request.pk}/{tail}"


def move(client: Client, request: Request, state: str, **fields):
    request.refresh_from_db()
    return send(client, "post", detail(request, "move/"), {"state": state, "version": request.version, **fields})


@pytest.fixture
def drafter_api(client, drafter) -> Client:
    verified_login(client, drafter)
    return client


@pytest.fixture
def second_api(officer) -> Client:
    client = Client()
    verified_login(client, officer)
    return client


def partner_api(authority: Authority, issued_by) -> Client:
    """The system of the contact point that signs in as the authority's partner account."""
    issued = tokens.issue_token(
        organisation=authority.organisation, name="联络点系统", scopes=[Scope.READ, Scope.WRITE],
        expires=timezone.now() + datetime.timedelta(days=30), created_by=issued_by,
    )  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Token {issued.key}")


def foreign_authority(name: str, country: Country) -> Authority:
    partner = Organisation.objects.create(name_zh=f"{name}联络点", kind=OrganisationKind.PARTNER)
    return Authority.objects.create(name_en=name, country=country, organisation=partner)


def sent(request: Request, authority: Authority) -> Request:
    """The request as it stands once it has left, addressed to the authority."""
    Request.objects.filter(pk=request.pk).update(
        state=RequestState.SENT, foreign_authority=authority, sent_on=timezone.localdate(), version=request.version + 1
    )
    request.refresh_from_db()
    return request


def opening(case, person) -> dict:
    return {"direction": "outgoing", "kind": "extradition", "case": case.pk, "persons": [person.pk], "country": "AR",
            "organisation": case.lead_organisation_id, "channel": "diplomatic"}  # fmt: skip


# --- Officers ---------------------------------------------------------------------------------------------------


def test_an_officer_opens_reads_and_corrects_a_request(drafter_api, drafter, case, person, argentina):
    created = send(drafter_api, "post", REQUESTS, opening(case, person) | {"state": "sent"})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["state"], body["legal_basis"], body["convention"]) == ("draft", "convention", "UNCAC")
    assert body["number"].startswith("OUT-") and body["drafted_by"] == drafter.pk
    assert {check["code"] for check in body["checks"]} >= {CheckCode.FACTS, CheckCode.DUAL_CRIMINALITY}
    assert body["moves"] == ["review", "withdrawn"]
    request = Request.objects.get()
    read = drafter_api.get(detail(request))
    assert read.status_code == 200 and read.json()["persons"] == [person.pk]
    entry = AuditEntry.objects.get(kind=EntryKind.API_READ, object_id=str(request.pk))
    assert (entry.user, entry.object_type.model) == (drafter, "request")
    changed = send(
        drafter_api, "patch", detail(request), {"version": body["version"], "facts": "事实", "state": "sent"}
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["facts"], changed.json()["state"]) == ("事实", "draft")
    stale = send(drafter_api, "patch", detail(request), {"version": body["version"], "facts": "旧"})
    assert stale.status_code == 409 and stale.json()["current"]["facts"] == "事实"
    turned = send(
        drafter_api, "patch", detail(request), {"version": changed.json()["version"], "direction": "incoming"}
    )
    assert turned.status_code == 400 and "direction" in turned.json()


def test_another_basis_without_a_reason_is_refused_in_the_pages_words(drafter_api, case, person, argentina):
    response = send(drafter_api, "post", REQUESTS, opening(case, person) | {"legal_basis": "reciprocity"})
    assert response.status_code == 400
    assert response.json()["basis_reason"][0].startswith("请说明为何不采用建议的依据：")
    assert not Request.objects.exists()
    reasoned = opening(case, person) | {"legal_basis": "reciprocity", "basis_reason": "对方承诺互惠"}
    assert send(drafter_api, "post", REQUESTS, reasoned).status_code == 201


def test_a_sent_request_is_kept_as_sent(drafter_api, draft, argentina):
    request = sent(draft, foreign_authority("Central Authority", argentina))
    response = send(drafter_api, "patch", detail(request), {"version": request.version, "facts": "改过"})
    assert response.status_code == 400
    assert "已发出的请求保持发出时的内容" in json.dumps(response.json(), ensure_ascii=False)


def test_the_move_endpoint_follows_the_lifecycle_and_refuses_with_the_services_words(
    drafter_api, second_api, draft, officer
):
    reviewed = move(drafter_api, draft, "review", note="送审")
    assert reviewed.status_code == 200, reviewed.json()
    assert reviewed.json()["state"] == "review" and reviewed.json()["steps"][-1]["note"] == "送审"
    by_drafter = move(drafter_api, draft, "approved")
    assert by_drafter.status_code == 400
    assert "请求须由起草人以外的人员批准。" in json.dumps(by_drafter.json(), ensure_ascii=False)
    assert move(second_api, draft, "approved").json()["state"] == "approved"
    unchecked = move(drafter_api, draft, "sent")
    assert unchecked.status_code == 400 and "事实陈述" in json.dumps(unchecked.json(), ensure_ascii=False)
    impossible = move(drafter_api, draft, "executed")
    assert impossible.status_code == 400
    draft.refresh_from_db()
    assert (draft.state, draft.approved_by) == (RequestState.APPROVED, officer)


def test_a_move_from_an_old_version_answers_409_and_moves_nothing(drafter_api, draft):
    old = draft.version
    assert move(drafter_api, draft, "review").status_code == 200
    response = send(drafter_api, "post", detail(draft, "move/"), {"state": "withdrawn", "version": old})
    assert response.status_code == 409 and response.json()["current"]["state"] == "review"
    draft.refresh_from_db()
    assert draft.state == RequestState.REVIEW


def test_an_officer_decides_a_check(drafter_api, drafter, draft):
    check = draft.checks.get(code=CheckCode.TIME_LIMITS)
    url = detail(draft, f"checks/{check.pk}/decide/")
    refused = send(drafter_api, "post", url, {"state": "waived", "reason": "", "version": check.version})
    assert refused.status_code == 400 and refused.json() == {"reason": ["请说明豁免理由。"]}
    waived = send(drafter_api, "post", url, {"state": "waived", "reason": "在逃期间不计时效", "version": check.version})
    assert waived.status_code == 200, waived.json()
    check.refresh_from_db()
    assert (check.state, check.decided_by, check.reason) == (CheckState.WAIVED, drafter, "在逃期间不计时效")
    stale = send(drafter_api, "post", url, {"state": "passed", "version": check.version - 1})
    assert stale.status_code == 409 and stale.json()["current"]["state"] == "waived"
    assert send(drafter_api, "post", detail(draft, "checks/999999/decide/"), {"state": "passed", "version": 1}
                ).status_code == 404  # fmt: skip


def test_another_provinces_request_is_not_found(client, draft, django_user_model):
    other = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE,
                                        province=Province.objects.get(code="330000"))  # fmt: skip
    stranger = django_user_model.objects.create_user("stranger", role=Role.PROVINCIAL_OFFICER, organisation=other)
    verified_login(client, stranger)
    assert client.get(detail(draft)).status_code == 404
    assert client.get(REQUESTS).json()["results"] == []
    assert move(client, draft, "review").status_code == 404
    check = draft.checks.first()
    decision = {"state": "passed", "version": check.version}
    assert send(client, "post", detail(draft, f"checks/{check.pk}/decide/"), decision).status_code == 404
    assert send(client, "patch", detail(draft), {"version": draft.version, "facts": "x"}).status_code == 404


# --- The contact point ------------------------------------------------------------------------------------------


@pytest.fixture
def canada(db) -> Country:
    return Country.objects.get(pk="CA")


def test_a_partner_reads_only_the_requests_sent_to_it_and_none_of_the_checks(draft, case, person, drafter, argentina):
    ours = foreign_authority("Central Authority", argentina)
    theirs = foreign_authority("Other Authority", argentina)
    api = partner_api(ours, drafter)
    Request.objects.filter(pk=draft.pk).update(foreign_authority=ours)
    assert api.get(REQUESTS).json()["results"] == [] and api.get(detail(draft)).status_code == 404  # a draft
    request = sent(draft, ours)
    elsewhere = sent(services.open_request(actor=drafter, direction=Direction.OUTGOING, kind=RequestKind.EXTRADITION,
                                           case=case, country=argentina, organisation=case.lead_organisation,
                                           channel=RequestChannel.DIPLOMATIC), theirs)  # fmt: skip
    listed = api.get(REQUESTS).json()["results"]
    assert [row["id"] for row in listed] == [request.pk]
    read = api.get(detail(request))
    assert read.status_code == 200 and api.get(detail(elsewhere)).status_code == 404
    body = read.json()
    assert body["number"] == request.number and "acknowledged" in body["moves"]
    assert set(body["moves"]) <= services.PARTNER_MOVES  # never withdrawn: that is ours
    assert not {"checks", "steps", "case", "persons", "assets", "basis_reason"} & set(body)
    assert "finding" not in read.content.decode()


def test_a_partner_answers_through_the_move_and_nothing_else(draft, drafter, argentina):
    authority = foreign_authority("Central Authority", argentina)
    api = partner_api(authority, drafter)
    request = sent(draft, authority)
    acknowledged = move(api, request, "acknowledged", note="已收到")
    assert acknowledged.status_code == 200, acknowledged.json()
    assert acknowledged.json()["state"] == "acknowledged" and "steps" not in acknowledged.json()
    withdrawn = move(api, request, "withdrawn")
    assert withdrawn.status_code == 403 and "联络点" in withdrawn.json()["detail"]
    groundless = move(api, request, "refused")
    assert groundless.status_code == 400 and "refusal_ground" in groundless.json()
    refused = move(api, request, "refused", refusal_ground="nationality", answer="不引渡本国国民")
    assert refused.status_code == 200
    request.refresh_from_db()
    assert (request.state, request.refusal_ground, request.answer) == ("refused", "nationality", "不引渡本国国民")
    assert request.steps.last().actor.organisation == authority.organisation
    assert send(api, "patch", detail(request), {"version": request.version, "facts": "x"}).status_code == 403
    assert send(api, "post", REQUESTS, {"direction": "outgoing"}).status_code == 403
    check = request.checks.first()
    decision = {"state": "passed", "version": check.version}
    assert send(api, "post", detail(request, f"checks/{check.pk}/decide/"), decision).status_code == 403


def test_a_partner_cannot_approve_or_send(draft, drafter, argentina):
    authority = foreign_authority("Central Authority", argentina)
    api = partner_api(authority, drafter)
    Request.objects.filter(pk=draft.pk).update(foreign_authority=authority, state=RequestState.REVIEW)
    assert move(api, draft, "approved").status_code == 404  # not yet sent: not the partner's to see
    request = sent(draft, authority)
    for state in ("approved", "sent", "draft"):
        assert move(api, request, state).status_code == 403, state
    request.refresh_from_db()
    assert request.state == RequestState.SENT


# --- Reference records and contacts -----------------------------------------------------------------------------


def test_reference_records_are_read_by_officers_and_kept_by_the_central_office(
    drafter_api, second_api, argentina, case
):
    treaty = {"country": "AR", "kind": "extradition", "title_zh": "中阿引渡条约", "signed_on": "2013-01-01"}
    assert send(drafter_api, "post", "/api/cooperation/treaties/", treaty).status_code == 403
    created = send(second_api, "post", "/api/cooperation/treaties/", treaty)
    assert created.status_code == 201, created.json()
    assert (
        drafter_api.get("/api/cooperation/treaties/", {"country": "AR"}).json()["results"][0]["title_zh"]
        == "中阿引渡条约"
    )
    dates = {"version": created.json()["version"], "in_force_on": "2012-01-01"}
    refused = send(second_api, "patch", f"/api/cooperation/treaties/{created.json()['id']}/", dates)
    assert refused.status_code == 400 and "in_force_on" in refused.json()
    assert Treaty.objects.get().in_force_on is None
    profile = send(second_api, "post", "/api/cooperation/country-profiles/", {"country": "AR", "notes": "备注"})
    assert profile.status_code == 201, profile.json()
    assert drafter_api.get("/api/cooperation/country-profiles/ar/").json()["notes"] == "备注"
    authority = send(second_api, "post", "/api/cooperation/authorities/", {"name_en": "Central", "country": "AR"})
    contact = {"authority": authority.json()["id"], "happened_on": "2020-01-02", "summary": "电话", "case": case.pk}
    logged = send(drafter_api, "post", "/api/cooperation/contacts/", contact)
    assert logged.status_code == 201, logged.json()
    assert ContactLog.objects.get().by.username == "drafter"


# --- Checks in the matrices' world, and the schema ----------------------------------------------------------------


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_decides_exactly_the_checks_of_its_requests_through_the_api(client, world, role):
    """The API's side of the pages' matrix for checks (cooperation.specs): a decision from a version never seen is
    refused with 409 once the grants let it through, 403/404 before; it changes nothing either way."""
    client.force_login(member_of(world, role))
    for side in "AB":
        check = world["records"][side]["requestcheck"]
        url = detail(check.request, f"checks/{check.pk}/decide/")
        response = send(client, "post", url, {"state": "passed", "version": check.version + 1})
        assert response.status_code in (409, 403, 404), response.status_code
        assert (response.status_code == 409) == ("change" in allowed_to(role, "requestcheck", side)), side
        assert RequestCheck.objects.get(pk=check.pk).version == check.version


def test_the_schema_documents_the_partners_view_of_a_request():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    as_read = {"$ref": "#/components/schemas/RequestAsRead"}
    assert schema["components"]["schemas"]["RequestAsRead"]["oneOf"] == [
        {"$ref": "#/components/schemas/Request"},
        {"$ref": "#/components/schemas/PartnerRequest"},
    ]
    partner = schema["components"]["schemas"]["PartnerRequest"]["properties"]
    assert "checks" not in partner and partner["moves"]["items"] == {"$ref": "#/components/schemas/RequestStateEnum"}
    paths = schema["paths"]
    content = "application/json"
    assert paths[f"{REQUESTS}{{id}}/"]["get"]["responses"]["200"]["content"][content]["schema"] == as_read
    assert paths[f"{REQUESTS}{{id}}/move/"]["post"]["responses"]["200"]["content"][content]["schema"] == as_read
    listed = paths[REQUESTS]["get"]["responses"]["200"]["content"][content]["schema"]
    assert listed == {"$ref": "#/components/schemas/PaginatedRequestAsReadList"}
