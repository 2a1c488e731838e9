"""The search box: numbers find their record, exact names come first, each hit says why; need-to-know holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.geo.models import Country, Province
from repatria.registry.models import IdentityDocument
from repatria.registry.services import create_person
from repatria.screening import listing


@pytest.fixture
def passport(person):
    return IdentityDocument.objects.create(
        person=person, kind="passport", number="E1234-5678", country=Country.objects.get(pk="CN")
    )


@pytest.fixture
def elsewhere(client, db):
    """A provincial officer of another province: the fixtures' case and person are out of their reach."""
    office = Organisation.objects.create(
        name_zh="浙江省追逃办", name_en="Zhejiang office", kind=OrganisationKind.PROVINCIAL_OFFICE,
        province=Province.objects.get(code="330000"),
    )  # fmt: skip
    client.force_login(User.objects.create_user("zj", role=Role.PROVINCIAL_OFFICER, organisation=office))
    return client


def search(client, q):
    return client.get(reverse("search"), {"q": q})


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ZT-2016-00001", "zt 2016 00001", "zt201600001"])
def test_a_case_number_opens_the_case(officer_client, case, typed):
    response = search(officer_client, typed)
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["E1234-5678", "e 1234 5678", "E12345678"])
def test_a_document_number_opens_the_person(officer_client, person, passport, typed):
    assert search(officer_client, typed).url == person.get_absolute_url()


@pytest.mark.django_db
def test_a_red_notice_number_opens_the_person(officer_client, person):
    person.red_notice_number = "A-1234/5-2019"
    person.save()
    assert search(officer_client, "a-1234/5-2019").url == person.get_absolute_url()


@pytest.mark.django_db
def test_an_exact_name_comes_before_a_fuzzy_one_and_each_says_why(officer_client, person):
    create_person(names=[("杨秀兰芳", "primary")])  # contains the name
    create_person(names=[("YEUNG Sau Lan", "primary")])  # the same name in Cantonese romanisation
    page = search(officer_client, "杨秀兰").content.decode()
    rows = page.split('class="why"')[1:]
    assert len(rows) == 3
    assert "名字完全一致" in rows[0]
    assert "粤语" in rows[1]
    assert "名字部分一致" in rows[2]
    assert page.index("杨秀兰</a>") < page.index("YEUNG Sau Lan</a>") < page.index("杨秀兰芳</a>")


@pytest.mark.django_db
def test_a_name_in_pinyin_finds_the_person_and_says_so(officer_client, person):
    page = search(officer_client, "yang xiulan").content.decode()
    assert "杨秀兰</a>" in page
    assert "名字完全一致" in page  # the person's romanised name is YANG Xiulan


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ZT-2016-00001", "E1234-5678", "杨秀兰"])
def test_a_record_out_of_reach_is_not_found_and_not_mentioned(elsewhere, case, passport, typed):
    """The officer of another province learns nothing, not even that the number exists."""
    response = search(elsewhere, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "没有找到" in page
    assert case.get_absolute_url() not in page
    assert passport.person.get_absolute_url() not in page


@pytest.mark.django_db
def test_the_hits_and_their_reasons_take_the_same_queries_however_many(officer_client, person, monkeypatch):
    monkeypatch.setattr(listing, "REFRESH_SECONDS", float("inf"))  # no look for other processes' saves in between
    create_person(names=[("王小明", "primary")])
    for i in range(12):
        create_person(names=[(f"杨秀兰{i}", "primary"), (f"YANG Xiulan {i}", "alias")])
    search(officer_client, "杨秀兰")  # the index built, the session read

    def queries(typed: str, hits: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert search(officer_client, typed).content.decode().count('class="why"') == hits
        return len(captured)

    assert queries("杨秀兰", 13) == queries("王小明", 1)
