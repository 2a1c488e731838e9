"""Every record's pages: list (with filter, sort and both exports), detail, add, edit and delete, for every record
type with pages of its own that an app's specs module lists (the permission matrices' world holds one of each)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from repatria.accounts.tests.world import SPECS, build_world
from repatria.assets.services import record_asset
from repatria.cases.services import record_return
from repatria.geo.models import Country


@pytest.fixture
def records(case, person, officer, organisation):
    us = Country.objects.get(pk="US")
    ret = record_return(
        case=case, person=person, date=datetime.date(2016, 11, 16), method="surrender", country=us, actor=officer
    )
    asset = record_asset(actor=officer, case=case, kind="real_estate", description="house in NJ", jurisdiction=us)
    return {"person": person, "case": case, "return": ret, "asset": asset, "organisation": organisation}


# Every record type with pages of its own (its app's specs module).
PAGED = [name for name, spec in SPECS.items() if spec.parent is None]
# Lists of the records fixture, with a text each shows.
LISTS = [
    ("registry:person_list", "杨秀兰"),
    ("cases:case_list", "ZT-2016-00001"),
    ("cases:return_list", "杨秀兰"),
    ("assets:asset_list", "house in NJ"),
    ("accounts:organisation_list", "广东省追逃办"),
]


@pytest.fixture
def world(db) -> dict:
    return build_world()


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGED)
def test_each_list_shows_filters_sorts_and_exports(officer_client, world, model):
    obj, spec = world["records"]["A"][model], SPECS[model]
    url, text = reverse(f"{spec.app}:{model}_list"), spec.marker(obj)
    page = officer_client.get(url)
    assert page.status_code == 200
    assert text in page.content.decode()
    assert officer_client.get(url, {"sort": "-pk"}).status_code == 200
    csv = officer_client.get(url, {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert text in b"".join(csv.streaming_content).decode("utf-8-sig")
    xlsx = officer_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any(text in str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGED)
def test_each_detail_edit_and_delete_page_opens(officer_client, world, model):
    obj, app = world["records"]["A"][model], SPECS[model].app
    for action in ("", "_edit", "_delete"):
        response = officer_client.get(reverse(f"{app}:{model}{action}", args=[obj.pk]))
        assert response.status_code == 200, action
    assert officer_client.get(reverse(f"{app}:{model}_add")).status_code == 200


@pytest.mark.django_db
def test_pages_need_a_login(client, records):
    response = client.get(reverse("registry:person", args=[records["person"].pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_the_dashboard_lists_what_needs_attention(officer_client, records):
    page = officer_client.get(reverse("dashboard")).content.decode()
    assert "杨秀兰" in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url, _text in LISTS])
def test_list_pages_make_the_same_queries_for_one_row_or_many(officer_client, records, officer, url):
    """No N+1: the number of queries does not grow with the rows shown."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(reverse(url)).status_code == 200
        return len(queries)

    before = count()
    _more_of_everything(records, officer, 5)
    assert count() == before


def _more_of_everything(records, officer, n):
    from repatria.accounts.models import Organisation
    from repatria.cases.services import open_case
    from repatria.registry.services import create_person

    us = Country.objects.get(pk="US")
    case = records["case"]
    for i in range(n):
        person = create_person(names=[(f"王{i}", "primary"), (f"WANG {i}", "romanisation")], nationalities=[us])
        other = open_case(
            actor=officer, number=f"ZT-X-{i}", title="x", province=case.province, opened_on=case.opened_on,
            lead_organisation=case.lead_organisation, persons={person: "principal"}, offences=["fraud", "bribery"],
        )  # fmt: skip
        record_return(
            case=other, person=person, date=datetime.date(2020, 1, 1), method="arrest", country=us, actor=officer
        )
        record_asset(actor=officer, case=other, person=person, kind="cash", description=f"cash {i}", jurisdiction=us)
        Organisation.objects.create(name_zh=f"单位{i}", kind="agency", parent=case.lead_organisation)


@pytest.mark.django_db
def test_a_protected_record_is_not_deleted_and_says_why(officer_client, case, organisation):
    response = officer_client.post(reverse("accounts:organisation_delete", args=[organisation.pk]), follow=True)
    assert "无法删除" in response.content.decode()
    assert type(organisation).objects.filter(pk=organisation.pk).exists()


@pytest.mark.django_db
def test_refusals_speak_the_users_language(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", role="analyst"))
    assert "不允许" in client.get(reverse("registry:person_add")).content.decode()
    assert "不存在" in client.get(reverse("registry:person", args=[999999])).content.decode()


def test_every_list_draws_its_table_in_the_house_style():
    from repatria.core.tables import CLASSES, BaseTable
    from repatria.core.views import ObjectListView
    from tests.security.routes import routes

    lists = [route.view for route in routes() if route.view and issubclass(route.view, ObjectListView)]
    assert len(lists) >= 8
    for view in lists:
        assert issubclass(view.table_class, BaseTable), view
        assert CLASSES in view.table_class._meta.attrs["class"], view
