"""A person created or imported with the name (in any script) and date of birth of one already registered: a
warning with a link, or, when that person is out of the officer's reach, only that they are registered and whom to
ask; the officer may confirm and save. A document number already registered is refused in the same way: a link, or
whom to ask."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from repatria.accounts.models import Role
from repatria.accounts.tests.world import build_world, member_of
from repatria.geo.models import Country
from repatria.registry.duplicates import namesakes
from repatria.registry.models import IdentityDocument, Person
from repatria.registry.services import create_person

pytestmark = pytest.mark.django_db


def person_data(name: str, birth_date: str, **extra) -> dict:
    return {
        "sex": "unknown", "birth_date": birth_date, "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "1", "names-MAX_NUM_FORMS": "1000", "names-0-name": name, "names-0-kind": "primary",
        **extra,
    }  # fmt: skip


def test_a_namesake_born_the_same_day_is_shown_with_a_link_and_the_officer_may_confirm(officer_client, person):
    url = reverse("registry:person_add")
    response = officer_client.post(url, person_data("Yeung Sau Lan", "1950-07-03"))  # Cantonese for 杨秀兰
    body = response.content.decode()
    assert response.status_code == 200 and "已登记同名、同出生日期的人员" in body
    assert f'<a href="{person.get_absolute_url()}">杨秀兰</a>' in body
    assert Person.objects.count() == 1
    confirmed = officer_client.post(url, person_data("Yeung Sau Lan", "1950-07-03", confirm_duplicate="1"))
    assert confirmed.status_code == 302 and Person.objects.count() == 2


def test_another_birth_date_is_no_warning(officer_client, person):
    response = officer_client.post(reverse("registry:person_add"), person_data("杨秀兰", "1951"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("registered", "typed", "same"),
    [
        ("1950-07-03", "1950-07-03", True),
        ("1950", "1950-07-03", True),  # known to the year: it may be that day
        ("1950-07", "1950-07-03", True),
        ("1950-07-03", "1950", True),
        ("1950-07-03", "1950-07", True),
        ("1950-07", "1950-08", False),
        ("1950-07-03", "1950-07-04", False),
        ("", "1950", False),
    ],
)
def test_dates_of_birth_known_to_the_year_month_or_day_are_the_same_day_when_they_may_be(registered, typed, same):
    registered_person = create_person(names=[("杨秀兰", "primary")], birth_date=registered)
    assert namesakes(["杨秀兰"], typed) == ([registered_person] if same else [])


@pytest.fixture
def world(client):
    world = build_world()
    Person.objects.filter(pk=world["records"]["B"]["person"].pk).update(birth_date="1961-02-03")
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    return world


def test_a_namesake_out_of_reach_is_only_said_to_be_registered_and_whom_to_ask(client, world):
    b = world["records"]["B"]["person"]
    body = client.post(reverse("registry:person_add"), person_data("Yi Moumou", "1961-02")).content.decode()
    assert "已登记同名、同出生日期的人员，该记录不在您的查看范围内，请联系B省追逃办。" in body
    assert b.get_absolute_url() not in body and "乙某某" not in body


def test_the_import_warns_and_still_imports(client, world):
    rows = "姓名,出生日期\n乙某某,1961-02-03\n"
    upload = SimpleUploadedFile("p.csv", rows.encode())
    checked = client.post(reverse("registry:person_import"), {"file": upload, "action": "check"})
    body = checked.content.decode()
    assert "第2行：已登记同名、同出生日期的人员，该记录不在您的查看范围内，请联系B省追逃办。" in body
    upload = SimpleUploadedFile("p.csv", rows.encode())
    imported = client.post(reverse("registry:person_import"), {"file": upload, "action": "import"}, follow=True)
    assert "第2行：已登记同名" in imported.content.decode()
    assert Person.objects.filter(display_name="乙某某").count() == 2


def test_the_api_creates_the_person_and_names_the_namesakes_in_words(client, world):
    payload = {"names": [{"name": "Yi Moumou"}], "birth_date": "1961-02-03"}
    response = client.post(reverse("person-list"), payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["warnings"] == ["已登记同名、同出生日期的人员，该记录不在您的查看范围内，请联系B省追逃办。"]
    assert client.get(reverse("person-detail", args=[response.json()["id"]])).json()["warnings"] == []


def passport(person: Person, number: str = "E12345678") -> dict:
    IdentityDocument.objects.create(person=person, kind="passport", country=Country.objects.get(pk="CN"), number=number)
    return {"kind": "passport", "country": "CN", "number": number}


def test_a_document_number_already_registered_links_to_its_holder(officer_client, person):
    other = create_person(names=[("测试乙", "primary")])
    typed = passport(person) | {"person": other.pk}
    body = officer_client.post(reverse("registry:identitydocument_add"), typed).content.decode()
    link = f'<a href="{person.get_absolute_url()}">杨秀兰 (护照 E12345678)</a>'
    assert f"“护照 / 中国 / E12345678”已登记：{link}。" in body


def test_a_document_number_out_of_reach_says_only_whom_to_ask(client, world):
    b, a = world["records"]["B"]["person"], world["records"]["A"]["person"]
    typed, held = passport(b) | {"person": a.pk}, a.documents.count()
    page = client.post(reverse("registry:identitydocument_add"), typed).content.decode()
    assert "已登记在您无权查看的记录中，请联系B省追逃办。" in page
    assert b.get_absolute_url() not in page and b.display_name not in page
    assert a.documents.count() == held
