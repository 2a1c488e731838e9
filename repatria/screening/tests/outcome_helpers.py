"""Helpers of the outcome and webhook tests: an alert raised through the API by a token, a contact person."""

import json

from django.test import Client

from repatria.screening.models import Alert

PERSON = {"id": "visa-app-77", "schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950"]}}


def raise_alert(client: Client, person: dict = PERSON) -> Alert:
    """Screen the person through the match API with the client's token; the alert its match raised."""
    body = {"queries": {"q1": person}, "context": "visa application, Vancouver"}
    response = client.post("/api/match/default", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    return Alert.objects.latest("pk")


def contact_person():
    """A contact person of a Canadian authority (synthetic)."""
    from repatria.cooperation.models import Authority, ContactPerson

    authority = Authority.objects.create(name_zh="加拿大皇家骑警", name_en="Federal police liaison", country_id="CA")
    return ContactPerson.objects.create(
        authority=authority, name="Liaison Officer A", role="liaison", phone="+1 555 0100", email="liaison@example.org",
        secure_address="not-for-partners",
    )  # fmt: skip
