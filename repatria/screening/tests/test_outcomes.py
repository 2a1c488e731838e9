"""The outcome of an alert, read through the API by the token that raised it and by no other; recorded by the
officers on the alert's page, with the contact point they choose."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import Organisation, OrganisationKind, Scope
from repatria.core.services import RuleError
from repatria.screening import services
from repatria.screening.models import AlertStatus

from .outcome_helpers import contact_person, raise_alert


def token_client(key: str, **extra) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}", **extra)


def other_partner_key(officer) -> str:
    other = Organisation.objects.create(name_zh="澳大利亚联络点", name_en="Australia", kind=OrganisationKind.PARTNER)
    return tokens.issue_token(
        organisation=other, name="边境系统", scopes=[Scope.SCREENING],
        expires=timezone.now() + datetime.timedelta(days=30), created_by=officer,
    ).key  # fmt: skip


@pytest.mark.django_db
def test_the_raising_token_reads_the_outcome_and_the_contact_point_the_officers_chose(
    partner_api, officer_client, case
):
    alert = raise_alert(partner_api)
    pending = partner_api.get(f"/api/outcomes/{alert.pk}").json()
    assert pending == {
        "alert": alert.pk, "entity": str(alert.person_id), "queryId": "visa-app-77",
        "context": "visa application, Vancouver", "raised": alert.created.isoformat(), "outcome": "pending",
        "decided": None, "contactPoint": None,
    }  # fmt: skip

    liaison = contact_person()
    page = officer_client.get(alert.get_absolute_url()).content.decode()
    assert 'name="contact_point"' in page and "Liaison Officer A" in page
    officer_client.post(
        reverse("screening:alert_handle", args=[alert.pk]),
        {"new": "confirmed", "note": "照片一致，内部备注", "version": alert.version, "contact_point": liaison.pk},
    )
    response = partner_api.get(f"/api/outcomes/{alert.pk}")
    outcome = response.json()
    assert (outcome["outcome"], outcome["decided"]) == ("confirmed", timezone.localdate().isoformat())
    assert outcome["contactPoint"] == {
        "name": "Liaison Officer A", "role": "liaison", "languages": "", "channel": "email", "phone": "+1 555 0100",
        "email": "liaison@example.org",
        "authority": {"name": "加拿大皇家骑警", "nameEn": "Federal police liaison", "country": "CA"},
    }  # fmt: skip
    text = response.content.decode()
    for hidden in (case.number, case.title, "内部备注", "not-for-partners", "officer", str(alert.score)):
        assert hidden not in text, hidden
    assert "Liaison Officer A" in officer_client.get(alert.get_absolute_url()).content.decode()

    listed = partner_api.get("/api/outcomes").json()
    assert listed["count"] == 1 and listed["results"] == [outcome]
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert partner_api.get("/api/outcomes", {"since": later}).json()["results"] == []


@pytest.mark.django_db
def test_no_other_token_reads_the_outcome_of_the_same_partner_or_another(partner_api, token_key, officer, case):
    alert = raise_alert(partner_api)
    services.mark_false_positive(alert, officer)
    assert partner_api.get(f"/api/outcomes/{alert.pk}").json()["outcome"] == "false_positive"
    for key in (token_key(), other_partner_key(officer)):  # a second token of the partner, another partner's
        other = token_client(key)
        response = other.get(f"/api/outcomes/{alert.pk}")
        assert response.status_code == 404 and str(alert.pk) not in response.content.decode()
        assert other.get("/api/outcomes").json()["results"] == []
    without_scope = token_client(token_key([Scope.READ]))
    assert without_scope.get(f"/api/outcomes/{alert.pk}").status_code == 403
    assert Client().get(f"/api/outcomes/{alert.pk}").status_code == 401


@pytest.mark.django_db
def test_an_officers_session_is_refused_the_partners_endpoint(officer_client, partner_api, case):
    alert = raise_alert(partner_api)
    assert officer_client.get(f"/api/outcomes/{alert.pk}").status_code == 403


@pytest.mark.django_db
def test_a_bad_since_is_refused_in_chinese_first_then_in_english(partner_api, token_key):
    assert "“since”必须是带时差的时间" in partner_api.get("/api/outcomes", {"since": "昨天"}).json()["detail"]
    english = token_client(token_key(), HTTP_ACCEPT_LANGUAGE="en")
    assert "“since” must be a time with its offset" in english.get("/api/outcomes", {"since": "x"}).json()["detail"]


@pytest.mark.django_db
def test_a_contact_point_goes_with_an_outcome_only(partner_api, officer, case):
    alert = raise_alert(partner_api)
    with pytest.raises(RuleError, match="联络人随结论"):
        services.handle(alert, AlertStatus.ACKNOWLEDGED, officer, contact_point=contact_person())
    alert.refresh_from_db()
    assert (alert.status, alert.contact_point) == (AlertStatus.NEW, None)
