"""Hostile request bodies: JSON nested a thousand levels and more, bodies over the size limit, too many form fields or
files. Each is refused with a clear reason in the caller's language (the API's: cookie, else Accept-Language, else
Chinese; the pages': cookie, else Chinese), as JSON `{"detail": …}` under /api/ and as a page of the site elsewhere;
nothing is stored."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from repatria.registry.models import Person
from repatria.screening.models import BulkJob, ScreeningLog
from repatria.stats.models import ExchangeRate

from .clients import partner_client

pytestmark = pytest.mark.django_db
PERSONS = "/api/persons/"
MATCH = "/api/match/default"
RATES = "/api/stats/exchangerates/"
TOO_DEEP = {
    "zh-hans": "JSON 中数组和对象的嵌套超过32层。",
    "en": "The JSON nests arrays and objects more than 32 levels deep.",
}
TOO_LARGE = {
    "zh-hans": "提交的内容超过1 MB，请分批提交。",
    "en": "What you sent is larger than 1 MB; send less at a time.",
}
TOO_MANY_FIELDS = {
    "zh-hans": "提交的内容超过1,000个字段，请分批提交。",
    "en": "What you sent has more than 1,000 fields; send fewer at a time.",
}
TOO_MANY_FILES = {
    "zh-hans": "提交的内容超过100个文件，请分批提交。",
    "en": "What you sent has more than 100 files; send fewer at a time.",
}


@pytest.fixture
def partner_api(officer) -> Client:
    return partner_client(issued_by=officer)


@pytest.fixture
def callers(officer_client, partner_api) -> dict[str, Client]:
    """Who may send a body to each endpoint: officers write records and rates, partners screen."""
    return {PERSONS: officer_client, RATES: officer_client, MATCH: partner_api}


def nothing_stored() -> bool:
    return not (Person.objects.exists() or ExchangeRate.objects.exists() or ScreeningLog.objects.exists())


def api_refusal(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()["detail"]


@pytest.mark.parametrize("endpoint", [PERSONS, MATCH, RATES])
@pytest.mark.parametrize("depth", [1000, 100_000])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_json_nested_too_deep_is_refused_with_400(callers, endpoint, depth, language):
    body = "[" * depth + "]" * depth
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if language == "en" else {}
    response = callers[endpoint].post(endpoint, body, content_type="application/json", **headers)
    assert api_refusal(response, 400) == TOO_DEEP[language]
    assert nothing_stored()


def test_json_nested_within_the_limit_is_read():
    from repatria.core.bodies import MAX_DEPTH, nesting

    query = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["杨秀兰", '"[{"']}}}}
    assert nesting(json.dumps(query)) == 5
    assert nesting("[" * MAX_DEPTH + "]" * MAX_DEPTH) == MAX_DEPTH


@pytest.mark.parametrize("endpoint", [PERSONS, MATCH, RATES])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_json_body_over_the_limit_is_refused_with_413(callers, endpoint, language):
    body = json.dumps({"notes": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if language == "en" else {}
    response = callers[endpoint].post(endpoint, body, content_type="application/json", **headers)
    assert api_refusal(response, 413) == TOO_LARGE[language]
    assert nothing_stored()


def many_fields(count: int) -> dict:
    return {f"field{number}": "x" for number in range(count)}


def many_files(count: int) -> dict:
    return {f"file{number}": SimpleUploadedFile(f"{number}.csv", b"name\nx\n") for number in range(count)}


@pytest.mark.parametrize(
    ("data", "refusal"),
    [(many_fields(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1), TOO_MANY_FIELDS), (many_files(101), TOO_MANY_FILES)],
    ids=["fields", "files"],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_bulk_upload_with_too_many_fields_or_files_is_refused_with_413(partner_api, data, refusal, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if language == "en" else {}
    response = partner_api.post("/api/match-bulk/default", data, **headers)
    assert api_refusal(response, 413) == refusal[language]
    assert not BulkJob.objects.exists()


def page_refusal(response) -> str:
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'class="navbar' in page  # the site's page, with its menu
    return page


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        ({"file": SimpleUploadedFile("p.csv", b"name\nx\n"), "notes": "x" * (1 << 20)}, TOO_LARGE),
        ({"action": "check", **many_fields(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}, TOO_MANY_FIELDS),
    ],
    ids=["size", "fields"],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_page_form_over_the_limits_is_refused_with_a_413_page_in_the_users_language(
    officer_client, data, refusal, language
):
    if language == "en":
        officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = officer_client.post(reverse("registry:person_import"), data, HTTP_ACCEPT_LANGUAGE="en")
    page = page_refusal(response)
    assert refusal[language] in page
    assert ("内容过大" in page) == (language == "zh-hans")  # Accept-Language does not choose a page's language
    assert not Person.objects.exists()


def test_a_urlencoded_form_over_the_limit_is_refused_too(officer_client):
    body = "name=" + "x" * (1 << 20)
    response = officer_client.post(reverse("registry:person_add"), body, "application/x-www-form-urlencoded")
    assert TOO_LARGE["zh-hans"] in page_refusal(response)
    assert not Person.objects.exists()
