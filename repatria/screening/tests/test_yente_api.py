"""yente's API beside the match: `Authorization: ApiKey`, `/api/entities/<id>`, `/api/catalog`, `/api/algorithms` and
`/api/search/<dataset>`, under the match's grants and showing only what a partner may see."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from repatria.accounts.models import Scope
from repatria.screening.models import ScreeningLog

FEATURES = {"name", "birth_date", "gender", "nationality", "document"}


@pytest.fixture
def listed(case, person, partner):
    """杨秀兰, a red-notice subject of an open case led by the test's office."""
    person.red_notice_number = "A-1234/5-2016"
    person.save()
    return person


@pytest.fixture
def unlisted(db):
    """A person of the registry whom no dataset lists (no case)."""
    from repatria.registry.services import create_person

    return create_person(names=[("张伟", "primary")])


@pytest.fixture
def yente_api(token_key) -> Client:
    """A partner system as yente's clients call: the same token, under the word ApiKey."""
    return Client(HTTP_AUTHORIZATION=f"ApiKey {token_key()}")


@pytest.mark.django_db
def test_yente_clients_key_is_accepted_under_apikey_and_refused_when_wrong(yente_api, listed):
    assert match(yente_api).status_code == 200
    assert Client(HTTP_AUTHORIZATION="ApiKey rpt_wrong").get("/api/catalog").status_code == 401
    assert Client(HTTP_AUTHORIZATION="apikey a b").get("/api/catalog").status_code == 401


def match(client: Client, name: str = "YEUNG Sau Lan", dataset: str = "default"):
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": [name], "birthDate": ["1950"]}}}}
    return client.post(f"/api/match/{dataset}", body, content_type="application/json")


@pytest.mark.django_db
def test_an_entity_is_a_listed_person_with_the_notice_and_the_office_nested(yente_api, listed, case):
    match(yente_api)
    answer = yente_api.get(f"/api/entities/{listed.pk}").json()

    assert (answer["id"], answer["caption"], answer["schema"]) == (str(listed.pk), "杨秀兰", "Person")
    assert answer["datasets"] == ["default", "red_notices"]
    [notice] = answer["properties"]["sanctions"]
    assert notice["properties"] == {
        "authority": ["INTERPOL"], "program": ["Red Notice"], "authorityId": ["A-1234/5-2016"], "status": ["Active"]
    }  # fmt: skip
    [link] = answer["properties"]["unknownLinkTo"]
    [office] = link["properties"]["object"]
    assert office["properties"]["name"][0] == case.lead_organisation.name_zh
    assert case.number not in str(answer)

    flat = yente_api.get(f"/api/entities/{listed.pk}?nested=false").json()
    assert set(flat["properties"]) == {"name", "alias", "birthDate", "topics"}


@pytest.mark.django_db
def test_an_entity_is_only_a_listed_person_the_partners_own_screening_matched(
    yente_api, listed, unlisted, token_key, django_user_model
):
    from repatria.accounts import tokens
    from repatria.accounts.models import Organisation, OrganisationKind

    url = f"/api/entities/{listed.pk}"
    assert yente_api.get(url).status_code == 404  # not matched yet: the list cannot be read by counting ids
    other = Organisation.objects.create(name_zh="另一联络点", kind=OrganisationKind.PARTNER)
    issued = tokens.issue_token(
        organisation=other, name="系统", scopes=[Scope.SCREENING], created_by=django_user_model.objects.first(),
        expires=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    other_api = Client(HTTP_AUTHORIZATION=f"ApiKey {issued.key}")
    assert match(other_api).status_code == 200 and other_api.get(url).status_code == 200
    assert yente_api.get(url).status_code == 404  # another partner's match
    match(yente_api, name="张伟")
    refused = yente_api.get(f"/api/entities/{unlisted.pk}")
    assert (refused.status_code, refused.json()) == (404, {"detail": "没有在列人员使用此编号。"})
    english = yente_api.get("/api/entities/nobody", HTTP_ACCEPT_LANGUAGE="en")
    assert (english.status_code, english.json()) == (404, {"detail": "No listed person has this id."})


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/entities/1", "/api/catalog", "/api/algorithms", "/api/search/default?q=x"])
def test_the_match_grants_hold_for_every_yente_endpoint(url, token_key, officer_client, listed):
    assert Client().get(url).status_code == 401
    assert officer_client.get(url).status_code == 403  # an officer's session: partners' systems only
    assert Client(HTTP_AUTHORIZATION=f"ApiKey {token_key(scopes=[Scope.READ])}").get(url).status_code == 403


@pytest.mark.django_db
def test_the_catalog_lists_the_datasets_by_their_ftm_names(yente_api, listed):
    answer = yente_api.get("/api/catalog").json()

    assert [dataset["name"] for dataset in answer["datasets"]] == answer["current"] == ["default", "red_notices"]
    assert answer["outdated"] == [] and answer["index_stale"] is False
    assert all(dataset["index_current"] for dataset in answer["datasets"])


@pytest.mark.django_db
def test_the_algorithms_are_the_engine_with_its_features(yente_api):
    answer = yente_api.get("/api/algorithms").json()

    [algorithm] = answer["algorithms"]
    assert answer["default"] == answer["best"] == algorithm["name"] == algorithm["docs"]["name"]
    assert set(algorithm["features"]) == set(algorithm["docs"]["features"]) == FEATURES
    assert algorithm["features"]["name"]["coefficient"] == 0.8


@pytest.mark.django_db
def test_a_match_carries_features_and_the_matcher(yente_api, listed):
    answer = match(yente_api, dataset="red_notices").json()

    assert set(answer["matcher"]) == FEATURES
    [result] = answer["responses"]["q"]["results"]
    assert result["features"] == {"name": 1.0, "birth_date": 0.07, "gender": 0.0, "nationality": 0.0, "document": 0.0}
    name = result["explanations"]["name"]
    assert (name["query"], name["candidate"], name["code"]) == ("YEUNG Sau Lan", "杨秀兰", "cantonese")


@pytest.mark.django_db
def test_a_search_is_a_logged_screening_of_the_name(yente_api, listed, unlisted, partner):
    answer = yente_api.get("/api/search/red_notices", {"q": "楊秀蘭", "limit": 5}).json()

    assert [entity["id"] for entity in answer["results"]] == [str(listed.pk)]
    assert (answer["limit"], answer["offset"], answer["facets"]) == (5, 0, {})
    assert answer["total"] == {"value": 1, "relation": "eq"}
    log = ScreeningLog.objects.get()
    assert (log.dataset, log.organisation, log.channel, log.results) == ("red-notices", partner, "api", 1)
    assert yente_api.get("/api/search/default", {"q": "楊秀蘭", "offset": 1}).json()["results"] == []
    assert yente_api.get("/api/search/default", {"q": "张伟"}).json()["results"] == []  # not listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/search/default", 400),
        ("/api/search/default?q=%20", 400),
        ("/api/search/default?q=x&limit=0", 400),
        ("/api/search/default?q=x&limit=51", 400),
        ("/api/search/default?q=x&offset=-1", 400),
        ("/api/search/default?q=x&limit=many", 400),
        ("/api/search/closed-cases?q=x", 404),
    ],
)
def test_a_search_refuses_what_it_cannot_answer(yente_api, url, status):
    response = yente_api.get(url)
    assert response.status_code == status and set(response.json()) == {"detail"}
