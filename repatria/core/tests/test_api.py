"""The API's shared behaviour: versions and conflicts, rules of the services, the access log, payloads kept as
text, and sign-in answers in JSON (never a redirect to the login page)."""

import json
import time

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from repatria.accounts.middleware import LAST_ACTIVITY_KEY
from repatria.accounts.testing import verified_login
from repatria.audit.models import AuditEntry, EntryKind
from repatria.cases.models import Case
from repatria.registry.models import Person

from .test_payloads import PAYLOADS


def send(client: Client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


# --- Versions: no lost updates ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_version_answers_409_with_the_current_record_and_changes_nothing(officer_client, case):
    url = f"/api/cases/{case.pk}/"
    stale = case.version
    first = send(officer_client, "patch", url, {"version": stale, "title": "他人的案名"})
    assert first.status_code == 200 and first.json()["version"] == stale + 1
    updates = AuditEntry.objects.filter(kind=EntryKind.UPDATE, object_type__model="case").count()

    response = send(officer_client, "put", url, {**first.json(), "version": stale, "title": "我的案名"})
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["title"] == "他人的案名" and body["current"]["version"] == stale + 1
    case.refresh_from_db()
    assert (case.title, case.version) == ("他人的案名", stale + 1)
    assert AuditEntry.objects.filter(kind=EntryKind.UPDATE, object_type__model="case").count() == updates

    # Sent again on the current version, the change is a deliberate overwrite.
    again = send(officer_client, "patch", url, {"version": body["current"]["version"], "title": "我的案名"})
    assert again.status_code == 200
    case.refresh_from_db()
    assert (case.title, case.version) == ("我的案名", stale + 2)


@pytest.mark.django_db
def test_an_update_without_a_version_is_refused(officer_client, case):
    response = send(officer_client, "patch", f"/api/cases/{case.pk}/", {"title": "无版本"})
    assert response.status_code == 400 and "version" in response.json()
    case.refresh_from_db()
    assert case.title == "某局贪污案"


@pytest.mark.django_db
def test_a_service_change_also_makes_a_version_stale(officer_client, officer, case):
    from repatria.cases.services import change_status

    stale = case.version
    change_status(case=case, new="located", actor=officer)
    assert send(officer_client, "patch", f"/api/cases/{case.pk}/", {"version": stale, "title": "x"}).status_code == 409


# --- Business rules come from the services ----------------------------------------------------------------------


@pytest.mark.django_db
def test_services_rules_answer_400(officer_client, case, person):
    no_primary = send(officer_client, "post", "/api/persons/", {"names": [{"name": "别名", "kind": "alias"}]})
    assert no_primary.status_code == 400 and not Person.objects.filter(display_name="别名").exists()
    future = send(officer_client, "post", "/api/returns/",
                  {"case": case.pk, "person": person.pk, "date": "2999-01-01", "method": "arrest"})  # fmt: skip
    assert future.status_code == 400 and "non_field_errors" in future.json()
    before_flight = send(officer_client, "post", "/api/returns/",
                         {"case": case.pk, "person": person.pk, "date": "2015-01-01", "method": "arrest"})  # fmt: skip
    assert before_flight.status_code == 400
    ret = send(officer_client, "post", "/api/returns/",
               {"case": case.pk, "person": person.pk, "date": "2017-01-01", "method": "arrest"}).json()  # fmt: skip
    moved = send(
        officer_client, "patch", f"/api/returns/{ret['id']}/", {"version": ret["version"], "date": "2999-01-01"}
    )
    assert moved.status_code == 400  # a correction obeys the same rules as the record
    stranger = send(officer_client, "post", "/api/persons/", {"names": [{"name": "路人", "kind": "primary"}]}).json()
    holder = send(officer_client, "post", "/api/assets/",
                  {"case": case.pk, "person": stranger["id"], "kind": "cash", "description": "x",
                   "jurisdiction": "US"})  # fmt: skip
    assert holder.status_code == 400  # an asset's holder is a person of its case
    nul = send(
        officer_client, "patch", f"/api/persons/{person.pk}/", {"version": person.version, "nationalities": ["U\x00S"]}
    )
    assert nul.status_code == 400 and "nationalities" in nul.json()  # found by schemathesis on PostgreSQL
    hundred = send(officer_client, "patch", f"/api/persons/{person.pk}/",
                   {"version": person.version, "hundred_list_number": 101})  # fmt: skip
    assert hundred.status_code == 400


@pytest.mark.django_db
def test_a_case_opened_through_the_api_is_the_service_s_case(officer_client, person, province, organisation):
    response = send(officer_client, "post", "/api/cases/",
                    {"number": "ZT-API-1", "title": "接口立案", "province": province.pk,
                     "lead_organisation": organisation.pk, "opened_on": "2020-01-02", "principal": person.pk,
                     "offences": ["bribery"]})  # fmt: skip
    assert response.status_code == 201, response.json()
    case = Case.objects.get(number="ZT-API-1")
    assert response.json()["persons"] == [{"person": person.pk, "role": "principal"}]
    assert case.events.filter(kind="case_opened").exists() and case.events.filter(kind="person_added").exists()


@pytest.mark.django_db
def test_names_are_replaced_and_the_display_name_follows(officer_client, person):
    names = [{"name": "杨新名", "kind": "primary"}, {"name": "YANG Xiulan", "kind": "romanisation"}]
    response = send(officer_client, "patch", f"/api/persons/{person.pk}/", {"version": person.version, "names": names})
    assert response.status_code == 200, response.json()
    assert response.json()["display_name"] == "杨新名"
    assert [(n["name"], n["kind"]) for n in response.json()["names"]] == [
        ("杨新名", "primary"), ("YANG Xiulan", "romanisation")
    ]  # fmt: skip
    person.refresh_from_db()
    assert "yangxinming" in person.search_text.replace(" ", "")
    deleted = AuditEntry.objects.filter(kind=EntryKind.DELETE, object_type__model="personname")
    assert set(deleted.values_list("object_repr", flat=True)) == {"杨秀兰", "楊秀蘭"}


@pytest.mark.django_db
def test_a_protected_delete_answers_409(officer_client, case, organisation):
    response = officer_client.delete(f"/api/organisations/{organisation.pk}/")
    assert response.status_code == 409 and set(response.json()) == {"detail"}
    assert officer_client.delete(f"/api/cases/{case.pk}/").status_code == 204


# --- The access log ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_api_read_of_a_person_is_in_the_access_log(officer_client, officer, person):
    assert officer_client.get(f"/api/persons/{person.pk}/").status_code == 200
    entry = AuditEntry.objects.get(kind=EntryKind.API_READ, object_id=str(person.pk))
    assert (entry.user, entry.object_type.model, entry.object_repr) == (officer, "person", "杨秀兰")
    officer_client.get("/api/persons/", {"q": "yang"})
    listing = AuditEntry.objects.filter(kind=EntryKind.API_READ, object_id="").get()
    assert listing.after == {"query": "q=yang", "rows": 1}


# --- Payloads are text ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_stored_and_returned_as_given(officer_client, case, person, payload):
    created = send(officer_client, "post", "/api/persons/",
                   {"names": [{"name": payload, "kind": "primary"}], "notes": payload, "birthplace": payload,
                    "former_post": payload})  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created["Content-Type"] == "application/json"
    read = officer_client.get(f"/api/persons/{created.json()['id']}/").json()
    assert read["display_name"] == read["notes"] == read["birthplace"] == payload
    assert read["names"][0]["name"] == payload
    assert Person.objects.get(pk=read["id"]).notes == payload
    changed = send(officer_client, "patch", f"/api/cases/{case.pk}/",
                   {"version": case.version, "title": payload[:200], "summary": payload})  # fmt: skip
    assert changed.status_code == 200 and changed.json()["summary"] == payload
    found = officer_client.get("/api/persons/", {"q": payload})
    assert found.status_code == 200
    assert officer_client.get("/api/cases/", {"q": payload}).status_code == 200


# --- Signing in: JSON answers, never the login page -------------------------------------------------------------


@pytest.mark.django_db
def test_without_credentials_the_api_answers_401_in_json(client, person):
    for url in ("/api/persons/", f"/api/persons/{person.pk}/", "/api/whoami/"):
        response = client.get(url)
        assert response.status_code == 401 and response["Content-Type"] == "application/json", url
    assert client.get("/api/schema/").status_code == 200  # the schema is public


@pytest.mark.django_db
def test_a_session_short_of_the_second_step_gets_401_not_the_code_page(client, officer):
    client.force_login(officer, verified=False)
    response = client.get("/api/persons/")
    assert response.status_code == 401 and "Location" not in response
    assert client.get("/persons/").status_code == 302  # the pages still send the officer to the code step


@pytest.mark.django_db
def test_an_idle_session_ends_with_401_on_the_api(officer_client, settings):
    session = officer_client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = officer_client.get("/api/persons/")
    assert response.status_code == 401 and "Location" not in response
    assert officer_client.get("/api/persons/").status_code == 401  # signed out for good


@pytest.mark.django_db
def test_writes_through_a_session_need_the_csrf_token(officer):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, officer)
    data = {"names": [{"name": "跨站", "kind": "primary"}]}
    refused = send(client, "post", "/api/persons/", data)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    # A browser's script sends back the token of the csrftoken cookie, which every page with a form sets.
    client.cookies["csrftoken"] = csrf = _get_new_csrf_string()
    response = client.post("/api/persons/", json.dumps(data), content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201
