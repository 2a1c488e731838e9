"""Nothing names what the user may not see: every importer, every edit form and every API write, tried by Guangdong's
officer with the values Zhejiang's records hold, answers without a name, a title or an address of those records.

The importers and the edit forms are found in the URL configuration and the API writes in its routes, so one added
later is tried here unasked: the test fails until it knows what to type in each of its columns (IMPORT_VALUES) or
the form's record type has a record in the world of two provinces (or is named in UNSCOPED).
"""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import build_world, member_of
from repatria.cases.forms import CaseForm
from repatria.core.api import RecordViewSet
from repatria.core.imports.pages import ImportView
from repatria.core.views import ObjectEditView
from repatria.geo.models import Country
from repatria.registry.models import IdentityDocument, Person
from repatria.stats.cfets import CfetsImporter

from .routes import routes

# Record types every officer may see whatever their province: nothing of them is out of anyone's reach.
UNSCOPED = {
    "organisation", "exchangerate", "campaign", "treaty", "conventionparty", "offenceequivalent", "network",
    "authority", "contactperson", "lettertemplate",
}  # fmt: skip


@pytest.fixture
def world(db) -> dict:
    """Province A's officer signed in, and province B's person holding a "100 list" number and Chinese documents."""
    world = build_world()
    person = world["records"]["B"]["person"]
    Person.objects.filter(pk=person.pk).update(hundred_list_number=7)
    china = Country.objects.get(pk="CN")
    for kind, number in (("id_card", "330102196001011230"), ("passport", "EB7654321")):
        IdentityDocument.objects.create(person=person, kind=kind, number=number, country=china)
    world["officer"] = member_of(world, Role.PROVINCIAL_OFFICER)
    return world


def secrets_of_b(world: dict) -> set[str]:
    """What only a look inside province B's records could tell: their names, titles and pages."""
    b = world["records"]["B"]
    texts = {b["person"].display_name, b["case"].title, b["asset"].description, b["relationship"].other_name}
    scoped = [record for model, record in b.items() if model not in UNSCOPED]
    return texts | {record.get_absolute_url() for record in scoped if hasattr(record, "get_absolute_url")}


def assert_tells_nothing(response, world: dict, typed: str) -> None:
    """The answer holds none of B's secrets that the officer did not type."""
    assert response.status_code < 500, response.status_code
    body = response.content.decode()
    leaked = {secret for secret in secrets_of_b(world) - {""} if secret in body and secret not in typed}
    assert not leaked, leaked


# Importers ------------------------------------------------------------------------------------------------------


def import_values(world: dict) -> dict[str, str]:
    """A cell for every column any importer has: B's unique values where a column takes one, B's records where a
    column names one (#id, the case number), plain values elsewhere."""
    b = world["records"]["B"]
    return {
        "name": "丙某某", "aliases": "", "romanisation": "", "sex": "男", "birth_date": "1960", "birthplace": "",
        "nationality": "CN", "id_number": "330102196001011230", "passport_number": "EB7654321", "former_employer": "",
        "former_post": "", "functionary": "是", "red_notice_number": "", "hundred_list_number": "7",
        "number": b["case"].number, "title": "新案", "province": "440000",
        "lead_organisation": world["offices"]["A"].name_zh, "offences": "", "amount_involved": "100",
        "currency": "CNY", "supervision_level": "", "fled_on": "2017-01-01", "opened_on": "2018-01-01",
        "persons": f"#{b['person'].pk}", "case": b["case"].number, "person": f"#{b['person'].pk}",
        "date": "2019-06-01", "country": "US", "method": "arrest", "rate": "7.1", "source": "",
        "kind": "extradition", "title_zh": "新条约", "title_en": "", "signed_on": "2001-01-01", "ratified_on": "",
        "in_force_on": "", "terminated_on": "", "is_demo": "否", "notes": "",
        **{pair: "7.1" for pair in CfetsImporter.columns if "/" in pair},  # the CFETS table's currency pairs
    }  # fmt: skip


def importers() -> list[tuple[str, type]]:
    return [(route.name, route.view) for route in routes() if route.view and issubclass(route.view, ImportView)]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "view"), importers(), ids=[name for name, _view in importers()])
def test_an_import_dry_run_names_nothing_out_of_reach(client, world, url_name, view):
    values = import_values(world)
    columns = view.importer_class.columns
    assert set(columns) <= set(values), f"say what to type in {set(columns) - set(values)}"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(columns), [values[key] for key in columns]])
    client.force_login(world["officer"])
    upload = SimpleUploadedFile("rows.csv", buffer.getvalue().encode())
    response = client.post(reverse(url_name), {"file": upload, "action": "check"})
    assert_tells_nothing(response, world, buffer.getvalue())


@pytest.mark.django_db
def test_the_person_import_says_a_number_is_taken_and_whom_to_ask(client, world):
    client.force_login(world["officer"])
    rows = "姓名,百名红通编号,护照号\n丙某某,7,EB7654321\n"
    response = client.post(reverse("registry:person_import"), {"file": SimpleUploadedFile("p.csv", rows.encode())})
    body = response.content.decode()
    assert body.count("已登记在您无权查看的记录中，请联系B省追逃办。") == 2  # the organisation leading B's case


@pytest.mark.django_db
def test_a_taken_number_in_reach_is_named(client, world):
    """Province A's own person holding the number is named and linked, so the officer can go and look."""
    person_a = world["records"]["A"]["person"]
    Person.objects.filter(pk=person_a.pk).update(hundred_list_number=8)
    client.force_login(world["officer"])
    rows = "姓名,百名红通编号\n丙某某,8\n"
    response = client.post(reverse("registry:person_import"), {"file": SimpleUploadedFile("p.csv", rows.encode())})
    link = f'<a href="{person_a.get_absolute_url()}">{person_a.display_name}</a>'
    assert f"百名红通编号“8”已登记：{link}。" in response.content.decode()


# Edit forms -----------------------------------------------------------------------------------------------------


def form_data(record: Model, fields: list[str]) -> dict:
    """A record's values as a form posts them."""
    data = {}
    for name, value in model_to_dict(record, fields=fields).items():
        if isinstance(value, FieldFile):
            continue  # no file is posted again
        if isinstance(value, list):
            data[name] = [item.pk if isinstance(item, Model) else item for item in value]
        else:
            data[name] = "" if value is None else value.pk if isinstance(value, Model) else value
    return data


def add_pages() -> list[tuple[str, type]]:
    return [
        (route.name, route)
        for route in routes()
        if route.view and issubclass(route.view, ObjectEditView) and route.name.endswith("_add")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "route"), add_pages(), ids=[name for name, _route in add_pages()])
def test_a_form_filled_with_another_province_record_names_nothing_of_it(client, world, url_name, route):
    model = route.model._meta.model_name
    if model in UNSCOPED:
        return
    assert model in world["records"]["B"], f"the world of two provinces has no {model}: add one, or call it UNSCOPED"
    record = world["records"]["B"][model]
    record.refresh_from_db()
    data = form_data(record, list(route.view.form_class.base_fields))
    client.force_login(world["officer"])
    response = client.post(reverse(url_name), data)
    assert_tells_nothing(response, world, json.dumps(data, ensure_ascii=False, default=str))


@pytest.mark.django_db
def test_a_case_number_taken_in_another_province_is_refused_without_its_title(client, world):
    a, b = world["records"]["A"]["case"], world["records"]["B"]["case"]
    data = form_data(a, list(CaseForm.base_fields))
    data.update(number=b.number, principal="")
    client.force_login(world["officer"])
    response = client.post(reverse("cases:case_add"), data)
    body = response.content.decode()
    assert f"案件编号“{b.number}”已登记在您无权查看的记录中" in body and b.title not in body


# API writes -----------------------------------------------------------------------------------------------------


def api_routes() -> list[tuple[str, type]]:
    return [
        (route.name, route.view)
        for route in routes()
        if route.view and issubclass(route.view, RecordViewSet) and route.name.endswith("-list")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "view"), api_routes(), ids=[name for name, _view in api_routes()])
def test_an_api_write_of_another_province_record_names_nothing_of_it(client, world, url_name, view):
    model = view.queryset.model._meta.model_name
    if model in UNSCOPED:
        return
    record = world["records"]["B"][model]
    record.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="setup")  # the world's administrator reads the record whole
    serializer = view.serializer_class(record, context={"request": request})
    writable = {name for name, field in serializer.fields.items() if not field.read_only}
    payload = {name: value for name, value in serializer.data.items() if name in writable}
    payload = json.loads(json.dumps(payload, default=lambda v: str(v) if isinstance(v, Decimal) else v))
    client.force_login(world["officer"])
    response = client.post(reverse(url_name), payload, content_type="application/json")
    assert response.status_code in (400, 403), response.content
    assert_tells_nothing(response, world, json.dumps(payload, ensure_ascii=False))
