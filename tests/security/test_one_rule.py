"""A rule holds whatever the way in: the same bad value, typed in a page, sent to the API or read from an import, is
refused with the same words (a page links the record it names), because the model or the service checks it once for
all three."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils.html import strip_tags

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import build_world, member_of
from repatria.cases.forms import CaseForm
from repatria.core.views import object_url
from repatria.registry.forms import PersonForm

from .pages import form_of
from .test_no_leaks import form_data, import_values

# (record, field, bad value, the refusal every way in gives)
BAD_VALUES = [
    ("case", "amount_involved", "-100", "金额不能为负数。"),
    ("case", "number", "ZT-A", "案件编号“ZT-A”已登记：ZT-A 案A。"),
    ("case", "number", "ZT-B", "案件编号“ZT-B”已登记在您无权查看的记录中，请联系B省追逃办。"),
    ("case", "summary", "案" * 10_001, "确保该变量包含不超过 10000 字符 (目前字符数 10001)。"),
    ("person", "notes", "注" * 10_001, "确保该变量包含不超过 10000 字符 (目前字符数 10001)。"),
]
WAYS = {
    "case": ("cases:case_add", "case-list", "cases:case_import", CaseForm),
    "person": ("registry:person_add", "person-list", "registry:person_import", PersonForm),
}


@pytest.fixture
def world(db, client) -> dict:
    world = build_world()
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    return world


def by_page(client, world, record: str, field: str, value: str):
    page, _api, _import, form = WAYS[record]
    data = form_data(world["records"]["A"][record], list(form.base_fields))
    data.update({"number": "ZT-NEW", "principal": "", field: value})
    return client.post(reverse(page), data)


def by_api(client, world, record: str, field: str, value: str):
    response = client.get(reverse(WAYS[record][1]) + f"?id={world['records']['A'][record].pk}")
    payload = {key: value for key, value in response.json()["results"][0].items() if key not in ("id", "url")}
    payload.update({"number": "ZT-NEW", field: value})
    payload = {key: value for key, value in payload.items() if value is not None}
    return client.post(reverse(WAYS[record][1]), json.dumps(payload), content_type="application/json")


def by_import(client, world, record: str, field: str, value: str):
    view = WAYS[record][2]
    values = import_values(world) | {"number": "ZT-NEW", "persons": "", "hundred_list_number": "", field: value}
    columns = _columns(view)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([columns, [values[column] for column in columns]])
    return client.post(reverse(view), {"file": SimpleUploadedFile("rows.csv", buffer.getvalue().encode())})


def _columns(url_name: str) -> list[str]:
    return list(resolve(reverse(url_name)).func.view_class.importer_class.columns)


def ways_in(record: str, field: str) -> list:
    ways = [by_page, by_api]
    if field in _columns(WAYS[record][2]):
        ways.append(by_import)
    return ways


@pytest.mark.parametrize(
    ("record", "field", "value", "refusal"), BAD_VALUES, ids=[f"{r}.{f}" for r, f, *_ in BAD_VALUES]
)
def test_a_bad_value_is_refused_in_the_same_words_every_way_in(client, world, record, field, value, refusal):
    for way in ways_in(record, field):
        response = way(client, world, record, field, value)
        body = response.content.decode()
        if way is by_api:
            assert response.status_code == 400, body
            assert json.loads(body)[field] == [refusal]
        else:
            assert response.status_code == 200 and refusal in strip_tags(body), (way.__name__, body[-3000:])


@pytest.mark.parametrize("sent", [{"CN": 1}, "CN", 7])
def test_a_list_of_records_is_sent_as_a_list(client, world, sent):
    """DRF took any iterable: a dict was read as its keys and a string as its letters."""
    response = by_api(client, world, "person", "nationalities", sent)
    assert response.status_code == 400
    assert "nationalities" in response.json()


# An edit of each record type, on its page and through the API ----------------------------------------------------

# (record, field, bad value, the refusal both ways give): a rule of the model or of the service, one per type.
BAD_EDITS = [
    ("person", "notes", "注" * 10_001, "确保该变量包含不超过 10000 字符 (目前字符数 10001)。"),
    ("case", "amount_involved", "-1", "金额不能为负数。"),
    ("return", "date", "2999-01-01", "追回日期不能晚于今天。"),
    ("asset", "value", "-1", "金额不能为负数。"),
    ("organisation", "name_zh", "办" * 201, "确保该变量包含不超过 200 字符 (目前字符数 201)。"),
    ("exchangerate", "rate", "0", "确保该值大于或等于0.000001。"),
    ("campaign", "ends_on", "2000-01-01", "行动的结束日期早于开始日期。"),
]


# Edited by the central administrator: the other types by province A's officer.
CENTRAL = {"organisation", "exchangerate", "campaign"}


@pytest.fixture
def records(world) -> dict:
    """A record of every type: province A's, and the office-wide ones (the world holds them too)."""
    return world["records"]["A"]


@pytest.mark.parametrize(("record", "field", "value", "refusal"), BAD_EDITS, ids=[r for r, *_ in BAD_EDITS])
def test_an_edit_is_refused_in_the_same_words_on_its_page_and_through_the_api(
    client, records, record, field, value, refusal
):
    edited = records[record]
    if record in CENTRAL:
        client.force_login(User.objects.get(username="setup"))
    page = client.get(object_url(edited, "edit", pk=edited.pk))
    assert page.status_code == 200, f"the officer may not edit the {record}"
    response = client.post(page.request["PATH_INFO"], form_of(page.content.decode()) | {field: value})
    assert response.status_code == 200 and refusal in response.content.decode(), record
    api = reverse(f"{edited._meta.model_name}-detail", args=[edited.pk])
    edited.refresh_from_db()
    response = client.patch(api, {"version": edited.version, field: value}, content_type="application/json")
    assert response.status_code == 400 and refusal in json.dumps(response.json(), ensure_ascii=False), response.json()
    edited.refresh_from_db()
    assert str(getattr(edited, field)) != value  # nothing written either way


# An identity document number, on the document's page and in the person import (documents have no API) ----------

BAD_ID_NUMBER = "330102196103120180"  # the check character should be X


def test_a_bad_identity_number_is_refused_in_the_same_words_on_the_page_and_in_the_import(client, world):
    refusal = "居民身份证号码“330102196103120180”的校验码不对，可能有数字输错（按前17位，末位应为X）。"
    person = world["records"]["A"]["person"]
    data = {"person": person.pk, "kind": "id_card", "number": BAD_ID_NUMBER, "country": "CN"}
    page = client.post(reverse("registry:identitydocument_add"), data)
    assert page.status_code == 200 and refusal in page.content.decode()
    imported = by_import(client, world, "person", "id_number", BAD_ID_NUMBER)
    assert imported.status_code == 200 and refusal in imported.content.decode()
