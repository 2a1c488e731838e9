"""The officers' search box: the screening engine adds the spellings a substring cannot find (other characters,
Cantonese, Wade-Giles), and the result is still a queryset the grants restrict."""

import pytest
from django.urls import reverse

from repatria.accounts.models import Role, User
from repatria.registry import services as registry_services
from repatria.registry.models import Person
from repatria.registry.services import create_person, engine_matches, search
from repatria.screening.models import ScreeningLog

SPELLINGS = ["杨秀兰", "楊秀兰", "楊秀蘭", "yang xiulan", "Xiulan Yang", "YEUNG Sau Lan", "Yang Hsiu-lan"]


@pytest.fixture
def others(db):
    return [create_person(names=[("张伟", "primary")]), create_person(names=[("杨伟", "primary")])]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_finds_the_person_and_nobody_else(person, others, typed):
    found = search(Person.objects.all(), typed)
    assert list(found) == [person], typed


@pytest.mark.django_db
def test_a_surname_alone_is_no_engine_match(person, others):
    assert engine_matches("yang") == [] and engine_matches("楊") == []
    assert engine_matches("Cheung Wai") == [others[0].pk]


@pytest.mark.django_db
def test_search_stays_a_queryset_to_filter_and_page(person, others):
    found = search(Person.objects.filter(sex="female"), "YEUNG Sau Lan").order_by("pk")
    assert found.count() == 1 and list(found[:1]) == [person]
    assert not search(Person.objects.filter(sex="male"), "YEUNG Sau Lan").exists()


@pytest.mark.django_db
def test_without_the_screening_index_the_search_finds_by_substring(person, others, monkeypatch):
    monkeypatch.setattr(registry_services, "_live_index", None)  # as before the screening app is ready
    assert list(search(Person.objects.all(), "yang xiulan")) == [person]
    assert not search(Person.objects.all(), "YEUNG Sau Lan").exists()


@pytest.mark.django_db
def test_a_stale_index_entry_is_not_a_hit(person):
    from repatria.names import Entity
    from repatria.screening import listing

    listing.registry_index().add(Entity(id=str(person.pk), names=("YEUNG Sau Lan", "陈大文")))
    listing.LISTING.checked = float("inf")  # no catching up: the entry stays as it is
    assert engine_matches("陈大文") == []


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["楊秀蘭", "yang xiulan", "YEUNG Sau Lan", "Yang Hsiu-lan"])
def test_the_person_list_and_the_autocomplete_find_every_spelling(officer_client, person, others, typed):
    page = officer_client.get(reverse("registry:person_list"), {"q": typed}).content.decode()
    assert person.get_absolute_url() in page and "张伟" not in page
    options = officer_client.get(reverse("registry:person_autocomplete"), {"person": typed}).content.decode()
    assert f'data-pk="{person.pk}"' in options
    assert not ScreeningLog.objects.exists()  # an officer's search is not a screening query


@pytest.mark.django_db
def test_an_officer_of_another_province_does_not_find_the_person(client, case, person):
    from repatria.accounts.models import Organisation, OrganisationKind
    from repatria.geo.models import Province

    zhejiang = Organisation.objects.create(
        name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=Province.objects.get(pk="330000")
    )
    client.force_login(User.objects.create_user("zj", role=Role.PROVINCIAL_OFFICER, organisation=zhejiang))
    page = client.get(reverse("registry:person_list"), {"q": "YEUNG Sau Lan"}).content.decode()
    assert person.get_absolute_url() not in page
