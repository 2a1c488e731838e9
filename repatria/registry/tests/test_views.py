"""The registry's pages: finding a person by any spelling, adding one with names, and the parts added from a
person's page."""

import pytest
from django.urls import reverse

from repatria.geo.models import Country
from repatria.registry.models import IdentityDocument, Person, Relationship, Whereabouts
from repatria.registry.services import create_person


@pytest.mark.django_db
def test_the_person_list_finds_a_name_in_every_script(officer_client, person):
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
    person = Person.objects.get(display_name="陈某")
    assert person.birth_date == "1960-05"
    assert "chenmou" in person.search_text


@pytest.mark.django_db
def test_a_bad_date_is_refused_in_chinese_and_nothing_is_written(officer_client):
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
def test_the_autocomplete_offers_matching_persons(officer_client, person):
    response = officer_client.get(reverse("registry:person_autocomplete"), {"person": "yang xiu"})
    assert f'data-pk="{person.pk}"' in response.content.decode()
