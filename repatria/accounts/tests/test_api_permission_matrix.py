"""Need-to-know in the API, as on the pages: every role × record type × action, and every grant tried three ways.

The same world as the pages' matrix (world.py). list and retrieve need "view", create "add", update "change",
destroy "delete". A record out of reach answers 404 (or is missing from the list), an action the user holds on
no record of the type answers 403, and a write that would leave the writer's reach is rolled back.
"""

import pytest
from django.urls import reverse

from repatria.accounts.models import ObjectPermission, Role

from .world import EXPECTED, SPECS, allowed_to, grant, member_of, user_of

# Record types with endpoints of their own.
MODELS = [name for name, spec in SPECS.items() if spec.api_payload is not None]
API_ACTIONS = {"list": "view", "retrieve": "view", "create": "add", "update": "change", "destroy": "delete"}


def endpoint(model: str, obj=None) -> str:
    return reverse(f"{model}-detail", args=[obj.pk]) if obj is not None else reverse(f"{model}-list")


def reaches(client, world: dict, model: str, action: str, side: str) -> bool:
    """Whether the API lets the user do the action on the side's record; a refusal must change nothing."""
    obj = world["records"][side][model]
    manager = type(obj)._base_manager
    if action == "list":
        response = client.get(endpoint(model), {"limit": 500})
        assert response.status_code in (200, 403), response.status_code
        return response.status_code == 200 and obj.pk in {row["id"] for row in response.json()["results"]}
    if action == "retrieve":
        response = client.get(endpoint(model, obj))
        assert response.status_code in (200, 403, 404), response.status_code
        return response.status_code == 200
    if action == "create":
        count = manager.count()
        payload = SPECS[model].api_payload(world["records"][side])
        response = client.post(endpoint(model), payload, content_type="application/json")
        assert response.status_code in (201, 400, 403), (response.status_code, response.json())
        if response.status_code != 201:
            assert manager.count() == count, "a refused create left a record behind"
        return response.status_code == 201
    if action == "update":
        obj.refresh_from_db()
        data = {"version": obj.version, SPECS[model].api_text: "改过"}
        response = client.patch(endpoint(model, obj), data, content_type="application/json")
        assert response.status_code in (200, 403, 404), (response.status_code, response.json())
        if response.status_code != 200:
            assert manager.get(pk=obj.pk).version == obj.version, "a refused update changed the record"
        return response.status_code == 200
    response = client.delete(endpoint(model, obj))
    assert response.status_code in (204, 403, 404, 409), response.status_code
    if response.status_code in (403, 404):
        assert manager.filter(pk=obj.pk).exists(), "a refused delete removed the record"
    return response.status_code in (204, 409)  # 409: reached, but still referred to (an office leading a case)


def expected(role, model: str, grant_action: str, side: str) -> bool:
    allowed = allowed_to(role, model, side)
    if model == "person" and grant_action == "add":  # a new person belongs to the writer's organisation
        allowed = EXPECTED[role][0] | EXPECTED[role][1]
    return grant_action in allowed


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", list(API_ACTIONS))
def test_each_role_reaches_exactly_its_records_through_the_api(client, world, role, model, action):
    client.force_login(member_of(world, role))
    for side in "AB":
        wanted = expected(role, model, API_ACTIONS[action], side)
        assert reaches(client, world, model, action, side) == wanted, (side, role, model, action)


@pytest.mark.django_db
def test_partners_and_auditors_reach_no_registry_data(client, world):
    """Neither holds a grant on the registry: every endpoint refuses them, whatever the record."""
    client.force_login(user_of(Role.AUDITOR))
    for model in MODELS:
        for action in API_ACTIONS:
            for side in "AB":
                assert not reaches(client, world, model, action, side), (model, action)
    client.force_login(user_of(Role.PARTNER))  # a partner's session is no way in: partners use tokens
    assert client.get(endpoint("person")).status_code == 401


# Every grant tried three ways: absent, present, and present with a constraint that excludes the record.


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", list(API_ACTIONS))
def test_a_grant_opens_an_endpoint_and_its_constraint_closes_it_again(client, world, model, action):
    ObjectPermission.objects.all().delete()
    user = user_of(Role.ANALYST)
    for other in MODELS:  # the records a payload names must be visible, except the type under test
        if other != model:
            grant(user, other, "view")
    client.force_login(user)
    grant_action = API_ACTIONS[action]

    assert not reaches(client, world, model, action, "A"), "without the grant"
    grant(user, model, grant_action, constraints=[{"pk": 0}])
    assert not reaches(client, world, model, action, "A"), "with a constraint that excludes the record"
    grant(user, model, grant_action)
    assert reaches(client, world, model, action, "A"), "with the grant"


# Across provinces: nothing of the other side, however it is asked for.


@pytest.mark.django_db
def test_guessed_ids_filters_and_payloads_show_nothing_of_the_other_province(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    other, mine = world["records"]["B"], world["records"]["A"]
    for model in ("person", "case", "return", "asset"):
        assert client.get(endpoint(model, other[model])).status_code == 404, model
        response = client.patch(endpoint(model, other[model]), {"version": 1}, content_type="application/json")
        assert response.status_code == 404, model
        assert client.delete(endpoint(model, other[model])).status_code == 404, model
    for model in ("case", "return"):
        response = client.get(endpoint(model), {"province": "330000"})
        assert response.status_code == 200 and response.json()["results"] == [], model
    assert client.get(endpoint("person"), {"q": "乙某某"}).json()["results"] == []
    assert client.get(endpoint("case"), {"q": "ZT-B"}).json()["results"] == []
    assert client.get(endpoint("asset"), {"case": "ZT-B"}).json()["results"] == []
    # Naming the other side's records in a payload is refused like a wrong value.
    response = client.post(
        endpoint("return"),
        {"case": other["case"].pk, "person": other["person"].pk, "date": "2020-01-01", "method": "arrest"},
        content_type="application/json",
    )
    assert response.status_code == 400 and set(response.json()) == {"case", "person"}
    case = mine["case"]
    case.refresh_from_db()
    response = client.patch(
        endpoint("case", case),
        {"version": case.version, "principal": other["person"].pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    # A case of one's own seen through the API shows only the persons one may see.
    mine_json = client.get(endpoint("case", case)).json()
    assert [m["person"] for m in mine_json["persons"]] == [mine["person"].pk]


@pytest.mark.django_db
def test_a_save_that_would_leave_the_writers_reach_is_rolled_back(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    case = world["records"]["A"]["case"]
    case.refresh_from_db()
    response = client.patch(
        endpoint("case", case),
        {"version": case.version, "province": "330000", "title": "改到别省"},
        content_type="application/json",
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert (case.province_id, case.title) == ("440000", "案A")
