"""The registry as the engine's list: built from the database, then changed entry by entry as records change."""

import datetime

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from repatria.cases.models import Case, CasePerson, CaseStatus
from repatria.cases.services import add_person, change_status, open_case
from repatria.geo.models import Country
from repatria.names import Entity
from repatria.registry.models import DocumentKind, IdentityDocument, NameKind, Person
from repatria.registry.services import change_person, create_person
from repatria.screening import listing
from repatria.screening.datasets import DATASETS, dataset_persons


def found(name: str, **fields) -> list[str]:
    return [r.id for r in listing.registry_index().match(Entity("q", (name,), **fields))]


@pytest.mark.django_db
def test_the_index_holds_every_person_with_what_screening_compares():
    person = create_person(names=[("杨秀兰", NameKind.PRIMARY)], sex="female", birth_date="1955-04")
    person.nationalities.set([Country.objects.get(pk="CA")])
    IdentityDocument.objects.create(
        person=person, kind=DocumentKind.PASSPORT, number="E 123 4567", country=Country.objects.get(pk="CN")
    )
    [entity], _cards = listing.read_persons([person.pk])
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


def birth_date_says(query: Entity) -> str:
    return listing.registry_index().match(query)[0].explanations["birth_date"]["code"]


@pytest.mark.django_db
def test_a_change_stamped_a_little_before_one_already_read_is_still_caught_up(monkeypatch):
    """Another app server's clock is a little behind this one's, or its transaction committed a moment late."""
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 0.0)
    first = create_person(names=[("杨秀兰", NameKind.PRIMARY)], birth_date="1955")
    second = create_person(names=[("李华", NameKind.PRIMARY)])
    query = Entity("q", ("Yang Xiulan",), birth_dates=("1960",))
    assert birth_date_says(query) == "contradicts"
    read = second.updated + datetime.timedelta(minutes=1)
    Person.objects.filter(pk=second.pk).update(updated=read)
    assert birth_date_says(query) == "contradicts"
    earlier = read - listing.CLOCK_MARGIN / 2
    Person.objects.filter(pk=first.pk).update(birth_date="1960", updated=earlier)
    assert birth_date_says(query) == "year"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one transaction at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_transaction_committed_after_later_changes_are_read_is_still_caught_up(monkeypatch):
    """An import stamps its persons as it goes and commits minutes later; meanwhile others' edits, stamped after its
    persons, are read."""
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 0.0)
    imported = create_person(names=[("杨秀兰", NameKind.PRIMARY)], birth_date="1955")
    edited = create_person(names=[("李华", NameKind.PRIMARY)])
    query = Entity("q", ("Yang Xiulan",), birth_dates=("1960",))
    assert birth_date_says(query) == "contradicts"
    importer = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with importer.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                f"UPDATE {Person._meta.db_table} SET birth_date = '1960', updated = %s WHERE id = %s",  # noqa: S608
                [timezone.now(), imported.pk],
            )
            later = timezone.now() + datetime.timedelta(minutes=5)
            Person.objects.filter(pk=edited.pk).update(updated=later)  # committed, and read
            assert birth_date_says(query) == "contradicts"
            cursor.execute("COMMIT")
    finally:
        importer.close()
    assert birth_date_says(query) == "year"


def card(person):
    return listing.partner_cards().get(str(person.pk))


@pytest.mark.django_db
def test_the_cards_follow_what_lists_a_person_and_what_a_partner_sees(
    monkeypatch, django_capture_on_commit_callbacks, case, person, officer, organisation
):
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 3600.0)  # only the signals may bring changes
    listing.registry_index()

    def committed(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    listed = card(person)
    assert (listed.caption, listed.names, listed.aliases, listed.birth_date) == (
        "杨秀兰", ("杨秀兰", "YANG Xiulan"), ("楊秀蘭",), "1950-07"
    )  # fmt: skip
    assert listed.office == ("广东省追逃办", "Guangdong office", None) and listed.datasets == {"default"}

    person.red_notice_number = "A-1/2016"
    committed(person.save)
    assert card(person).datasets == {"default", "red-notices"}
    organisation.name_en = "Guangdong Province office"
    committed(organisation.save)
    assert card(person).office == ("广东省追逃办", "Guangdong Province office", None)

    committed(change_status, case=case, new=CaseStatus.CLOSED, actor=officer)
    assert card(person) is None
    other = committed(create_person, names=[("李华", NameKind.PRIMARY)])
    newer = committed(
        open_case, actor=officer, number="ZT-2020-1", title="案", province=case.province,
        lead_organisation=organisation, opened_on=datetime.date(2020, 1, 1), persons={other: "principal"},
    )  # fmt: skip
    assert card(other).datasets == {"default"} and card(person) is None
    membership = CasePerson.objects.get(case=newer, person=other)
    membership.person = person  # the membership was entered on the wrong person
    committed(membership.save)
    assert card(other) is None and card(person).datasets == {"default", "red-notices"}
    committed(membership.delete)
    assert card(person) is None


@pytest.mark.django_db
def test_changes_of_cases_made_elsewhere_are_caught_up(case, person, officer):
    listing.registry_index()
    assert card(person) is not None
    change_status(case=case, new=CaseStatus.CLOSED, actor=officer)  # its commit hook never runs in a test
    listing.registry_index(current=True)
    assert card(person) is None


@pytest.mark.django_db
def test_the_cards_list_the_persons_the_datasets_list(case, person, officer, province, organisation):
    """The rule is written as a query and in Python: they agree on every kind of person."""
    people = {}
    for status in CaseStatus.values:
        for notice, withdrawn in (("", None), ("A-1/2016", None), ("A-2/2016", datetime.date(2020, 1, 1))):
            someone = create_person(
                names=[(f"{status} {notice}", NameKind.PRIMARY)], red_notice_number=notice,
                red_notice_withdrawn=withdrawn, red_notice_issued=datetime.date(2016, 1, 1) if notice else None,
            )  # fmt: skip
            opened = open_case(
                actor=officer, number=f"ZT-{len(people)}", title="案", province=province,
                lead_organisation=organisation, opened_on=datetime.date(2016, 1, 1), persons={someone: "principal"},
            )  # fmt: skip
            Case.objects.filter(pk=opened.pk).update(status=status)
            people[(status, notice)] = someone
    add_person(case=case, person=people[("closed", "A-1/2016")], actor=officer)  # and in an open case
    loner = create_person(names=[("无案之人", NameKind.PRIMARY)])

    _entities, cards = listing.read_persons([p.pk for p in people.values()] + [loner.pk, person.pk])
    listed = {dataset: set(dataset_persons(dataset).values_list("pk", flat=True)) for dataset in DATASETS}
    # Those of cases at large or located, the one added to an open case and the fixture's person; of them, those
    # whose notice is in force.
    assert len(listed["default"]) == 8 and len(listed["red-notices"]) == 3
    for dataset, by_query in listed.items():
        assert {int(pk) for pk, card in cards.items() if dataset in card.datasets} == by_query, dataset
