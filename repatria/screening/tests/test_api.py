"""POST /api/match/<dataset>: the yente shape, partners' tokens only, refusals in the caller's language, only what a
partner may see, one log per query and alerts for matches."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from repatria.accounts.models import Scope
from repatria.audit import chain
from repatria.audit.models import AuditEntry
from repatria.cases import timeline
from repatria.cases.models import Case, CaseStatus, EventKind
from repatria.screening.api.serializers import MAX_QUERIES
from repatria.screening.models import Alert, ScreeningLog

URL = "/api/match/default"
PERSON = {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950"]}}


def post(client: Client, body, url: str = URL, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **extra)


@pytest.fixture
def listed(case, person, partner):
    """The person is a red-notice subject of an open case led by the Guangdong office, with a passport."""
    from repatria.geo.models import Country
    from repatria.registry.models import IdentityDocument

    person.red_notice_number = "A-1234/5-2016"
    person.save()
    person.nationalities.set([Country.objects.get(pk="CN")])
    IdentityDocument.objects.create(person=person, kind="passport", number="E12345678", country_id="CN")
    return person


@pytest.mark.django_db
def test_a_match_answers_in_the_yente_shape_with_only_what_a_partner_may_see(partner_api, listed, case, partner):
    body = {"queries": {"visa-1": PERSON, "visa-2": {"properties": {"name": ["Zhang Wei"]}}},
            "context": "visa application, Vancouver"}  # fmt: skip
    response = post(partner_api, body)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert set(answer) == {"responses", "matcher", "limit"} and answer["limit"] == 10
    assert set(answer["matcher"]) == {"name", "birth_date", "gender", "nationality", "document"}
    hit = answer["responses"]["visa-1"]
    assert hit["status"] == 200 and hit["total"] == {"value": 1, "relation": "eq"}
    assert hit["query"]["properties"]["name"] == ["YEUNG Sau Lan"]
    [result] = hit["results"]
    assert set(result) == {
        "id", "caption", "schema", "score", "match", "features", "explanations", "properties", "datasets", "target"
    }  # fmt: skip
    assert (result["id"], result["caption"], result["schema"], result["match"]) == (
        str(listed.pk), "杨秀兰", "Person", True
    )  # fmt: skip
    assert result["explanations"]["name"]["code"] == "cantonese"
    assert result["features"]["name"] == result["explanations"]["name"]["score"] and result["features"]["gender"] == 0
    # Only FollowTheMoney properties: the red notice and the office to call are entities nested in the person.
    properties = result["properties"]
    [notice] = properties.pop("sanctions")
    [link] = properties.pop("unknownLinkTo")
    assert properties == {
        "name": ["杨秀兰", "YANG Xiulan"], "alias": ["楊秀蘭"], "birthDate": ["1950-07"], "nationality": ["cn"],
        "topics": ["wanted"],
    }  # fmt: skip
    assert (notice["schema"], notice["properties"]["authorityId"]) == ("Sanction", ["A-1234/5-2016"])
    [office] = link["properties"]["object"]
    assert (link["schema"], link["properties"]["role"]) == ("UnknownLink", ["contact point"])
    assert (office["schema"], office["caption"], office["properties"]) == (
        "Organization", "广东省追逃办", {"name": ["广东省追逃办", "Guangdong office"]}
    )  # fmt: skip
    text = response.content.decode()
    for secret in (case.number, case.title, "E12345678", "female", "1950-07-14", '"case'):
        assert secret not in text, secret
    assert answer["responses"]["visa-2"] == {
        "status": 200, "results": [], "total": {"value": 0, "relation": "eq"},
        "query": {"id": "visa-2", "schema": "Person", "properties": {"name": ["Zhang Wei"]}},
    }  # fmt: skip

    # One log per query, each by the partner, and an alert for the match only.
    logs = ScreeningLog.objects.order_by("pk")
    assert [(log.channel, log.organisation, log.matches) for log in logs] == [("api", partner, 1), ("api", partner, 0)]
    assert logs[0].user.api_token.organisation == partner and logs[0].context == "visa application, Vancouver"
    alert = Alert.objects.get()
    assert (alert.person, alert.case, alert.raised_by, alert.status) == (listed, case, partner, "new")
    assert alert.query == PERSON and alert.context == "visa application, Vancouver"


@pytest.fixture
def namesake(case, officer):
    """Another 杨秀兰 born the same month, in the same case but with no red notice: the query matches both."""
    from repatria.cases.services import add_person
    from repatria.registry.services import create_person

    other = create_person(names=[("杨秀兰", "primary")], sex="female", birth_date="1950-07")
    add_person(case=case, person=other, actor=officer)
    return other


def statements(client: Client, body, url: str = URL) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert post(client, body, url=url).status_code == 200
    return [query["sql"] for query in captured]


@pytest.mark.django_db
def test_a_query_takes_the_same_few_sql_statements_however_many_persons_it_matches(partner_api, listed, namesake):
    post(partner_api, {"queries": {"warm-up": PERSON}})  # the index is built, the token's use noted
    no_match = statements(partner_api, {"queries": {"q": PERSON}, "threshold": 0.99})
    one_match = statements(partner_api, {"queries": {"q": PERSON}}, url="/api/match/red-notices")
    two_matches = statements(partner_api, {"queries": {"q": PERSON}})

    assert Alert.objects.filter(log__dataset="red-notices").count() == 1
    assert Alert.objects.filter(log__dataset="default").count() == 4  # the warm-up's two and these two
    # The token; the index catching up (on PostgreSQL, with when the oldest transaction open began); the results'
    # persons still listed, with their cases; the log.
    catching_up = 2 if connection.vendor == "postgresql" else 1
    assert len(no_match) == 3 + catching_up, "\n".join(no_match)
    # And in one transaction (a savepoint inside the test's): the alerts, their audit entries under the chain's
    # head, their timeline events; then, once per case, the case and its officers to notify (none here).
    assert len(one_match) == len(two_matches) == 12 + catching_up, "\n".join(two_matches)


@pytest.mark.django_db
def test_the_alerts_of_a_query_are_each_in_the_audit_trail_and_on_the_timeline(partner_api, listed, namesake, case):
    post(partner_api, {"queries": {"q": PERSON}})

    alerts = list(Alert.objects.order_by("pk"))
    assert len(alerts) == 2 and {a.person for a in alerts} == {listed, namesake}
    entries = AuditEntry.objects.filter(object_type__model="alert", kind="create").order_by("seq")
    assert [e.object_id for e in entries] == [str(a.pk) for a in alerts]
    assert {e.username for e in entries} == {alerts[0].log.user.username}
    assert chain.first_break() is None
    events = timeline.for_case(case).filter(kind=EventKind.SCREENING_ALERT)
    assert sorted(e.data["alert"] for e in events) == [a.pk for a in alerts]


@pytest.mark.django_db
def test_a_person_unlisted_behind_the_listings_back_is_neither_shown_nor_alerted(partner_api, listed, case):
    assert post(partner_api, {"queries": {"q": PERSON}}).json()["responses"]["q"]["results"]
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)  # no signal: the listing does not know
    answer = post(partner_api, {"queries": {"q": PERSON}}).json()
    assert answer["responses"]["q"]["results"] == []
    assert Alert.objects.count() == 1 and ScreeningLog.objects.order_by("pk").last().results == 0


@pytest.mark.django_db
def test_limit_and_threshold_come_from_the_body_or_the_query_string(partner_api, listed):
    answer = post(partner_api, {"queries": {"q": PERSON}}, url=URL + "?limit=3&threshold=0.99").json()
    assert answer["limit"] == 3 and answer["responses"]["q"]["results"][0]["match"] is False
    answer = post(partner_api, {"queries": {"q": PERSON}, "limit": 1, "threshold": 0.5}).json()
    assert answer["limit"] == 1 and answer["responses"]["q"]["results"][0]["match"] is True


@pytest.mark.django_db
def test_the_red_notice_dataset_lists_only_red_notice_subjects(partner_api, case, person):
    answer = post(partner_api, {"queries": {"q": PERSON}}, url="/api/match/red-notices").json()
    assert answer["responses"]["q"]["results"] == []
    person.red_notice_number = "A-1/2016"
    person.save()
    answer = post(partner_api, {"queries": {"q": PERSON}}, url="/api/match/red-notices").json()
    assert [r["id"] for r in answer["responses"]["q"]["results"]] == [str(person.pk)]
    assert ScreeningLog.objects.filter(dataset="red-notices").count() == 2


@pytest.mark.django_db
def test_an_unknown_dataset_is_a_404_that_names_the_datasets(partner_api):
    response = post(partner_api, {"queries": {"q": PERSON}}, url="/api/match/sanctions")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "sanctions" in detail and "red-notices" in detail
    with translation.override("zh-hans"):
        assert detail.startswith(translation.gettext("There is no dataset “%(name)s”: use one of %(names)s.")[:4])


# Who may call it.


@pytest.mark.django_db
def test_without_credentials_or_with_a_wrong_key_it_is_a_401(client, listed):
    assert post(client, {"queries": {"q": PERSON}}).status_code == 401
    assert post(Client(HTTP_AUTHORIZATION="Token rpt_wrong"), {"queries": {"q": PERSON}}).status_code == 401
    assert not ScreeningLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("scopes", [[Scope.READ], [Scope.READ, Scope.WRITE]])
def test_a_token_without_the_screening_scope_is_refused(token_key, listed, scopes):
    client = Client(HTTP_AUTHORIZATION=f"Token {token_key(scopes)}")
    assert post(client, {"queries": {"q": PERSON}}).status_code == 403
    assert not ScreeningLog.objects.exists() and not Alert.objects.exists()


@pytest.mark.django_db
def test_an_officers_session_is_refused_screening_is_for_partners(officer_client, listed):
    response = post(officer_client, {"queries": {"q": PERSON}})
    assert response.status_code == 403
    assert "screening" in response.json()["detail"]
    assert not ScreeningLog.objects.exists()


# Bad input: 400 with a clear message, in Chinese by default and in English when asked; nothing logged.

QUERIES_MISSING = (
    "Give the persons to screen in “queries”, by keys of your choosing: "
    '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["…"]}}}}.'
)
# (body, the msgid of the refusal: its text around the placeholders is in the answer, in either language)
BAD = [
    ("not json", "The body is not valid JSON."),
    ([1, 2], "The body must be a JSON object with “queries”."),
    ({"queries": {}}, QUERIES_MISSING),
    ({"q1": PERSON}, QUERIES_MISSING),
    (
        {"queries": {f"q{i}": PERSON for i in range(MAX_QUERIES + 1)}},
        "At most %(max)d queries per request; this one has %(count)d.",
    ),
    ({"queries": {"q": PERSON}, "limit": 0}, "“limit” must be a whole number from 1 to %(max)d."),
    ({"queries": {"q": PERSON}, "limit": True}, "“limit” must be a whole number from 1 to %(max)d."),
    ({"queries": {"q": PERSON}, "threshold": "high"}, "“threshold” must be a number from 0 to 1."),
    ({"queries": {"q": PERSON}, "context": ["x"]}, "“context” must be text of at most %(max)d characters."),
    ({"queries": {"q": "杨秀兰"}}, "an entity must be a JSON object"),
    (
        {"queries": {"q": {"schema": "Company", "properties": {"name": ["x"]}}}},
        "schema “%(schema)s”: only Person entities can be screened",
    ),
    ({"queries": {"q": {"properties": ["x"]}}}, "“properties” must be an object of lists of strings"),
    ({"queries": {"q": {"properties": {"birthDate": ["1950"]}}}}, "a person needs at least one name (properties.name)"),
    (
        {"queries": {"q": {"properties": {"name": ["x"], "birthDate": ["14.7.1950"]}}}},
        "birthDate “%(date)s”: write it as YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    ({"queries": {"q": {"properties": {"name": [{"x": 1}]}}}}, "properties.%(field)s must be a list of strings"),
    (
        {"queries": {"q": {"properties": {"name": ["x" * 301]}}}},
        "properties.%(field)s: a value may have at most %(max)d characters",
    ),
]


def literal_parts(message: str) -> list[str]:
    return [part for part in re.split(r"%\(\w+\)[sd]", message) if part.strip()]


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "msgid"), BAD)
def test_bad_input_is_a_400_in_chinese_by_default_and_in_english_when_asked(partner_api, listed, body, msgid):
    chinese = post(partner_api, body)
    english = post(partner_api, body, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert chinese.status_code == english.status_code == 400, chinese.content
    assert (chinese["Content-Language"], english["Content-Language"]) == ("zh-hans", "en")
    english_detail = english.json()["detail"]
    assert all(part in english_detail for part in literal_parts(msgid)), english_detail
    with translation.override("zh-hans"):
        chinese_text = translation.gettext(msgid)
    assert chinese_text != msgid
    assert all(part in chinese.json()["detail"] for part in literal_parts(chinese_text))
    assert not ScreeningLog.objects.exists() and not Alert.objects.exists()


@pytest.mark.django_db
def test_a_bad_entity_names_the_query_it_is_in(partner_api, listed):
    response = post(partner_api, {"queries": {"ok": PERSON, "visa-7": {"properties": {}}}}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Query “visa-7”: a person needs at least one name (properties.name)."
