"""Every record's pages: list (with filter, sort and both exports), detail, add, edit and delete."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from repatria.assets.services import record_asset
from repatria.cases.services import record_return
from repatria.geo.models import Country
from repatria.registry.models import IdentityDocument, Relationship, Whereabouts


@pytest.fixture
def records(case, person, officer, organisation):
    us = Country.objects.get(pk="US")
    ret = record_return(
        case=case, person=person, date=datetime.date(2016, 11, 16), method="surrender", country=us, actor=officer
    )
    asset = record_asset(actor=officer, case=case, kind="real_estate", description="house in NJ", jurisdiction=us)
    return {"person": person, "case": case, "return": ret, "asset": asset, "organisation": organisation}


LISTS = [
    ("registry:person_list", "杨秀兰"),
    ("cases:case_list", "ZT-2016-00001"),
    ("cases:return_list", "杨秀兰"),
    ("assets:asset_list", "house in NJ"),
    ("accounts:organisation_list", "广东省追逃办"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "text"), LISTS)
def test_each_list_shows_filters_sorts_and_exports(officer_client, records, url, text):
    page = officer_client.get(reverse(url))
    assert page.status_code == 200
    assert text in page.content.decode()
    assert officer_client.get(reverse(url), {"sort": "-pk"}).status_code == 200
    csv = officer_client.get(reverse(url), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert text in b"".join(csv.streaming_content).decode("utf-8-sig")
    xlsx = officer_client.get(reverse(url), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any(text in str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["person", "case", "return", "asset", "organisation"])
def test_each_detail_edit_and_delete_page_opens(officer_client, records, key):
    obj = records[key]
    meta = obj._meta
    for action in ("", "_edit", "_delete"):
        response = officer_client.get(reverse(f"{meta.app_label}:{meta.model_name}{action}", args=[obj.pk]))
        assert response.status_code == 200, action
    assert officer_client.get(reverse(f"{meta.app_label}:{meta.model_name}_add")).status_code == 200


@pytest.mark.django_db
def test_pages_need_a_login(client, records):
    response = client.get(reverse("registry:person", args=[records["person"].pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_the_person_list_finds_a_name_in_every_script(officer_client, person):
    from repatria.registry.services import create_person

    create_person(names=[("张伟", "primary")])
    for query in ("杨秀兰", "楊秀蘭", "yang xiulan", "Xiulan Yang", "YANG XIU-LAN"):
        content = officer_client.get(reverse("registry:person_list"), {"q": query}).content.decode()
        assert "杨秀兰" in content, query
        assert "张伟" not in content, query


@pytest.mark.django_db
def test_a_person_is_created_with_names_and_edited(officer_client):
    data = {
        "sex": "male", "birth_date": "1960年5月", "names-TOTAL_FORMS": "3", "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "1", "names-MAX_NUM_FORMS": "1000",
        "names-0-name": "陈某", "names-0-kind": "primary", "names-1-name": "CHEN Mou", "names-1-kind": "romanisation",
        "names-2-name": "", "names-2-kind": "alias",
    }  # fmt: skip
    response = officer_client.post(reverse("registry:person_add"), data)
    assert response.status_code == 302
    from repatria.registry.models import Person

    person = Person.objects.get(display_name="陈某")
    assert person.birth_date == "1960-05"
    assert "chenmou" in person.search_text


@pytest.mark.django_db
def test_a_bad_date_is_refused_in_chinese_and_nothing_is_written(officer_client):
    from repatria.registry.models import Person

    data = {
        "sex": "male", "birth_date": "五月", "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "1", "names-MAX_NUM_FORMS": "1000", "names-0-name": "陈某", "names-0-kind": "primary",
    }  # fmt: skip
    response = officer_client.post(reverse("registry:person_add"), data)
    assert response.status_code == 200
    assert "不是日期" in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_person_parts_are_added_from_the_person_page(officer_client, person):
    cn = Country.objects.get(pk="CN")
    posts = [
        (
            "registry:identitydocument_add",
            {"person": person.pk, "kind": "passport", "number": "E12345678", "country": "CN"},
        ),
        (
            "registry:relationship_add",
            {"person": person.pk, "relation": "spouse", "other_name": "某某", "lives_abroad": "on"},
        ),
        (
            "registry:whereabouts_add",
            {"person": person.pk, "country": "US", "date_from": "2003-05", "confidence": "confirmed"},
        ),
    ]
    for url, data in posts:
        assert officer_client.get(reverse(url), {"person": person.pk}).status_code == 200
        response = officer_client.post(reverse(url), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == person.get_absolute_url()
    assert IdentityDocument.objects.get().country == cn
    assert Relationship.objects.get().lives_abroad
    assert Whereabouts.objects.get().date_from == "2003-05"
    page = officer_client.get(person.get_absolute_url()).content.decode()
    assert "E12345678" in page and "2003年5月" in page


@pytest.mark.django_db
def test_a_return_is_recorded_from_the_case_page(officer_client, case, person):
    url = reverse("cases:return_add")
    assert officer_client.get(url, {"case": case.pk}).status_code == 200
    data = {"case": case.pk, "person": person.pk, "date": "2016-11-16", "country": "US", "method": "surrender"}
    response = officer_client.post(url, data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "returned"
    assert "投案自首" in officer_client.get(case.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_refused_status_change_says_why(officer_client, case):
    url = reverse("cases:case_status", args=[case.pk])
    response = officer_client.post(url, {"new": "returned", "version": case.version}, follow=True)
    case.refresh_from_db()
    assert case.status == "at_large"
    assert "登记追回后案件才会标为已追回" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("record", "move"), [("case", {"new": "located"}), ("asset", {"new": "frozen"})])
def test_a_move_from_an_older_version_is_refused(officer_client, case, record, move):
    """Two officers open the page; the second one's move, based on what they saw, must not undo the first's."""
    moved = (
        case
        if record == "case"
        else record_asset(
            actor=None, case=case, kind="cash", description="存款", jurisdiction=Country.objects.get(pk="US")
        )
    )
    url = reverse(f"{moved._meta.app_label}:{record}_{'status' if record == 'case' else 'stage'}", args=[moved.pk])
    seen = moved.version
    assert officer_client.post(url, {**move, "version": seen}).status_code == 302
    moved.refresh_from_db()
    first = (moved.version, getattr(moved, "status" if record == "case" else "stage"))
    response = officer_client.post(url, {**move, "version": seen}, follow=True)
    assert "他人在您查看期间更改了" in response.content.decode()
    moved.refresh_from_db()
    assert (moved.version, getattr(moved, "status" if record == "case" else "stage")) == first


@pytest.mark.django_db
def test_the_dashboard_lists_what_needs_attention(officer_client, records):
    page = officer_client.get(reverse("dashboard")).content.decode()
    assert "杨秀兰" in page


@pytest.mark.django_db
def test_the_autocomplete_offers_matching_persons(officer_client, person):
    response = officer_client.get(reverse("registry:person_autocomplete"), {"person": "yang xiu"})
    assert f'value="{person.pk}"' in response.content.decode()


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
def test_a_person_joins_a_case_through_the_picker_and_leaves_it(officer_client, case):
    from repatria.cases.models import CasePerson
    from repatria.registry.services import create_person

    accomplice = create_person(names=[("林某某", "primary")])
    url = reverse("cases:caseperson_add")
    assert 'hx-get="/persons/autocomplete/"' in officer_client.get(url, {"case": case.pk}).content.decode()
    response = officer_client.post(url, {"case": case.pk, "person": accomplice.pk, "role": "accomplice"})
    assert response.url == case.get_absolute_url()
    membership = CasePerson.objects.get(person=accomplice)
    response = officer_client.post(reverse("cases:caseperson_delete", args=[membership.pk]))
    assert response.url == case.get_absolute_url()
    assert not CasePerson.objects.filter(person=accomplice).exists()


@pytest.mark.django_db
def test_a_case_opened_from_a_person_page_has_that_person_as_principal(officer_client, person, province, organisation):
    page = officer_client.get(reverse("cases:case_add"), {"principal": person.pk}).content.decode()
    assert f'value="{person.pk}"' in page
    data = {
        "principal": person.pk, "number": "ZT-2020-00009", "title": "某案", "province": province.pk,
        "lead_organisation": organisation.pk, "supervision_level": "central", "opened_on": "2020-01-02",
        "amount_currency": "CNY",
    }  # fmt: skip
    response = officer_client.post(reverse("cases:case_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert person.case_memberships.get().role == "principal"


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
