import datetime

import pytest
from django.utils import timezone

from repatria.cases import services, timeline
from repatria.cases.models import CaseStatus, EventKind, ReturnMethod
from repatria.core.events import describe
from repatria.core.services import RuleError
from repatria.geo.models import Country
from repatria.registry.services import record_whereabouts

S = CaseStatus
ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


def at_status(case, status):
    case.status = status
    case.save()
    return case


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), ALL_PAIRS)
def test_every_manual_transition_is_allowed_or_refused_as_the_lifecycle_says(case, officer, old, new):
    at_status(case, old)
    if new in services.TRANSITIONS[old] and new in services.MANUAL_TARGETS:
        services.change_status(case=case, new=new, actor=officer)
        case.refresh_from_db()
        assert case.status == new
        assert timeline.for_case(case).filter(kind=EventKind.STATUS_CHANGED).exists()
    else:
        with pytest.raises(RuleError):
            services.change_status(case=case, new=new, actor=officer)
        case.refresh_from_db()
        assert case.status == old


@pytest.mark.django_db
def test_closing_dates_the_case_and_reopening_is_refused(case, officer):
    services.change_status(case=case, new=S.CLOSED, actor=officer, reason="death abroad")
    case.refresh_from_db()
    assert case.closed_on is not None
    assert services.allowed_transitions(case) == []


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.AT_LARGE, S.LOCATED])
def test_a_return_marks_the_case_returned_and_stands_on_both_timelines(case, person, officer, status):
    at_status(case, status)
    services.record_return(
        case=case, person=person, date=datetime.date(2016, 11, 16), method=ReturnMethod.SURRENDER,
        country=Country.objects.get(pk="US"), actor=officer,
    )  # fmt: skip
    case.refresh_from_db()
    assert case.status == S.RETURNED
    for events in (timeline.for_case(case), timeline.for_person(person)):
        returned = events.get(kind=EventKind.RETURNED)
        assert "美国" in describe(returned)
        assert returned.occurred_at.date() == datetime.date(2016, 11, 16)


@pytest.mark.django_db
def test_a_death_abroad_closes_the_case_and_is_not_told_as_a_return(case, person, officer):
    services.record_return(
        case=case, person=person, date=datetime.date(2016, 11, 16), method=ReturnMethod.DEATH,
        country=Country.objects.get(pk="US"), actor=officer,
    )  # fmt: skip
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (S.CLOSED, datetime.date(2016, 11, 16))
    died = timeline.for_person(person).get(kind=EventKind.RETURNED)
    assert "境外死亡" in describe(died) and "美国" in describe(died)


@pytest.mark.django_db
def test_a_case_whose_principals_are_back_or_dead_is_returned_if_anyone_was_brought_back(case, person, officer):
    from repatria.registry.services import create_person

    other = create_person(names=[("测试死", "primary")])
    services.add_person(case=case, person=other, actor=officer)
    services.record_return(
        case=case, person=other, date=datetime.date(2016, 6, 1), method=ReturnMethod.DEATH, actor=officer
    )
    case.refresh_from_db()
    assert case.status != S.CLOSED  # one principal is still abroad
    services.record_return(
        case=case, person=person, date=datetime.date(2016, 5, 1), method=ReturnMethod.ARREST, actor=officer
    )  # entered last, though it happened first
    case.refresh_from_db()
    assert case.status == S.RETURNED
    moved = timeline.for_case(case).get(kind=EventKind.STATUS_CHANGED)
    assert moved.occurred_at.date() == datetime.date(2016, 6, 1)  # the day the last principal was accounted for


@pytest.mark.django_db
def test_a_closed_case_takes_no_return(case, person, officer):
    at_status(case, S.CLOSED)
    with pytest.raises(RuleError):
        services.record_return(
            case=case, person=person, date=datetime.date(2017, 1, 1), method=ReturnMethod.ARREST, actor=officer
        )
    assert not case.returns.exists()


@pytest.mark.django_db
def test_a_return_needs_a_person_of_the_case_and_a_sensible_date(case, officer):
    from repatria.registry.services import create_person

    stranger = create_person(names=[("王某", "primary")])
    with pytest.raises(RuleError):
        services.record_return(
            case=case, person=stranger, date=datetime.date(2017, 1, 1), method=ReturnMethod.ARREST, actor=officer
        )
    person = case.persons.get()
    for day in (datetime.date(2015, 1, 1), timezone.localdate() + datetime.timedelta(days=2)):
        with pytest.raises(RuleError):
            services.record_return(case=case, person=person, date=day, method=ReturnMethod.ARREST, actor=officer)
    assert not case.returns.exists()


@pytest.mark.django_db
def test_returned_is_reached_only_through_a_return(case, officer):
    with pytest.raises(RuleError):
        services.change_status(case=case, new=S.RETURNED, actor=officer)


@pytest.mark.django_db
def test_the_case_waits_for_every_principal(case, person, officer):
    from repatria.registry.services import create_person

    second = create_person(names=[("李某某", "primary")])
    services.add_person(case=case, person=second, role="principal", actor=officer)
    services.record_return(
        case=case, person=person, date=datetime.date(2017, 1, 1), method=ReturnMethod.PERSUASION, actor=officer
    )
    case.refresh_from_db()
    assert case.status == S.AT_LARGE
    services.record_return(
        case=case, person=second, date=datetime.date(2017, 2, 1), method=ReturnMethod.ARREST, actor=officer
    )
    case.refresh_from_db()
    assert case.status == S.RETURNED


@pytest.mark.django_db
def test_a_person_is_added_once(case, person, officer):
    with pytest.raises(RuleError):
        services.add_person(case=case, person=person, actor=officer)


@pytest.mark.django_db
def test_whereabouts_and_notes_stand_on_the_timelines(case, person, officer):
    record_whereabouts(
        person=person, country=Country.objects.get(pk="CA"), place="Vancouver", date_from="2016-03", actor=officer
    )
    services.write_note(actor=officer, text="tip checked", case=case)
    kinds = set(timeline.for_case(case).values_list("kind", flat=True))
    assert {EventKind.CASE_OPENED, EventKind.PERSON_ADDED, EventKind.WHEREABOUTS, EventKind.NOTE} <= kinds
    assert EventKind.NOTE in set(timeline.for_person(person).values_list("kind", flat=True))
    with pytest.raises(RuleError):
        services.write_note(actor=officer, text="  ", case=case)


@pytest.mark.django_db
def test_a_return_ends_the_persons_open_whereabouts(case, person, officer):
    canada, usa = Country.objects.get(pk="CA"), Country.objects.get(pk="US")
    closed = record_whereabouts(person=person, country=canada, date_from="2016", date_to="2016-02", actor=officer)
    open_ = record_whereabouts(person=person, country=usa, place="Flushing", date_from="2016-03", actor=officer)
    later = record_whereabouts(person=person, country=canada, date_from="2018", actor=officer)  # a report after it
    services.record_return(case=case, person=person, date=datetime.date(2017, 5, 4), method="surrender", actor=officer)
    for whereabouts in (closed, open_, later):
        whereabouts.refresh_from_db()
    assert (closed.date_to, open_.date_to, later.date_to) == ("2016-02", "2017-05-04", "")


@pytest.mark.django_db
def test_a_return_before_the_case_was_opened_moves_the_case_on_its_opening_day(case, person, officer):
    services.record_return(
        case=case, person=person, date=datetime.date(2016, 1, 10), method=ReturnMethod.DEATH, actor=officer
    )
    case.refresh_from_db()
    assert case.closed_on == datetime.date(2016, 4, 1)
