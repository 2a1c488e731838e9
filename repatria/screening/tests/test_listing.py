"""The registry as the engine's list: built from the database, then changed entry by entry as records change."""

import datetime

import pytest

from repatria.geo.models import Country
from repatria.registry.models import DocumentKind, IdentityDocument, NameKind, Person
from repatria.registry.services import change_person, create_person
from repatria.screening import listing
from repatria.screening.engine import Entity


def found(name: str, **fields) -> list[str]:
    return [r.id for r in listing.registry_index().match(Entity("q", (name,), **fields))]


@pytest.mark.django_db
def test_the_index_holds_every_person_with_what_screening_compares():
    person = create_person(names=[("杨秀兰", NameKind.PRIMARY)], sex="female", birth_date="1955-04")
    person.nationalities.set([Country.objects.get(pk="CA")])
    IdentityDocument.objects.create(
        person=person, kind=DocumentKind.PASSPORT, number="E 123 4567", country=Country.objects.get(pk="CN")
    )
    [entity] = listing.person_entities([person.pk])
    assert entity == Entity(str(person.pk), ("杨秀兰",), ("1955-04",), ("female",), ("ca",), ("E1234567",))
    assert found("YEUNG Sau Lan") == [str(person.pk)]


@pytest.mark.django_db
def test_saves_change_the_index_entry_by_entry(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 3600.0)  # only the signals may bring changes

    def committed(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    person = committed(create_person, names=[("杨秀兰", NameKind.PRIMARY)])
    assert found("Yang Xiulan") == [str(person.pk)]
    committed(change_person, person, names=[("杨秀兰", NameKind.PRIMARY), ("David Yang", NameKind.ALIAS)])
    assert found("David Yang") == [str(person.pk)]
    committed(change_person, person, names=[("李华", NameKind.PRIMARY)])
    assert found("Yang Xiulan") == [] and found("Li Hua") == [str(person.pk)]
    passport = {"kind": DocumentKind.PASSPORT, "number": "E7654321", "country": Country.objects.get(pk="CN")}
    committed(IdentityDocument.objects.create, person=person, **passport)
    assert found("nobody", documents=("E7654321",)) == [str(person.pk)]
    committed(person.delete)
    assert found("Li Hua") == []


@pytest.mark.django_db
def test_changes_made_elsewhere_are_caught_up(monkeypatch):
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 0.0)
    person = create_person(names=[("杨秀兰", NameKind.PRIMARY)], birth_date="1955")
    query = Entity("q", ("Yang Xiulan",), birth_dates=("1960",))
    assert listing.registry_index().match(query)[0].explanations["birth_date"]["code"] == "contradicts"
    # Another process changes the row: no signal reaches this one, the row's time tells.
    later = person.updated + datetime.timedelta(seconds=1)
    Person.objects.filter(pk=person.pk).update(birth_date="1960", updated=later)
    assert listing.registry_index().match(query)[0].explanations["birth_date"]["code"] == "year"
