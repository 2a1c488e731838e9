"""Screening services: datasets, the log, alerts routed to the person's current case, and the alert lifecycle."""

import datetime

import pytest
from django.utils import translation

from repatria.audit.models import AuditEntry
from repatria.cases import timeline
from repatria.cases.models import CaseStatus, EventKind
from repatria.cases.services import change_status, open_case
from repatria.core.events import describe
from repatria.core.services import RuleError
from repatria.names import Entity, compare
from repatria.registry.services import create_person
from repatria.screening import services
from repatria.screening.models import Alert, AlertStatus, Channel, ScreeningLog

S = AlertStatus
QUERY = {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950-07-14"]}}


def screen(user, query=QUERY, **kwargs):
    return services.screen(Entity.from_ftm(query), query, user=user, channel=Channel.API, **kwargs)


def test_the_hash_is_of_the_canonical_json():
    assert services.query_hash({"b": 1, "a": "杨"}) == services.query_hash({"a": "杨", "b": 1})
    assert services.query_hash({"a": 1}) != services.query_hash({"a": 2})
    assert len(services.query_hash({})) == 64


@pytest.mark.django_db
def test_a_match_is_logged_and_raises_an_alert_on_the_persons_case(case, person, officer, partner):
    officer.organisation = partner
    log, results = screen(officer, context="visa application, Vancouver")

    assert [r.id for r in results] == [str(person.pk)] and results[0].match
    assert results[0].explanations["name"]["code"] == "cantonese"
    log = ScreeningLog.objects.get(pk=log.pk)
    assert (log.user, log.organisation, log.channel, log.dataset) == (officer, partner, "api", "default")
    assert (log.results, log.matches, log.context) == (1, 1, "visa application, Vancouver")
    assert log.query_hash == services.query_hash(QUERY)
    alert = Alert.objects.get()
    assert (alert.person, alert.case, alert.log, alert.raised_by, alert.status) == (person, case, log, partner, "new")
    assert alert.query == QUERY and alert.context == "visa application, Vancouver"
    assert alert.explanations["birth_date"]["code"] == "month"
    event = timeline.for_case(case).filter(kind=EventKind.SCREENING_ALERT).get()
    assert event.data["alert"] == alert.pk and "Vancouver" in describe(event)
    with translation.override("en"):
        assert describe(event).startswith(f"Screening alert #{alert.pk}: 加拿大联络点")
    assert AuditEntry.objects.filter(object_type__model="alert", kind="create").count() == 1


@pytest.mark.django_db
def test_no_match_logs_the_query_and_raises_nothing(case, officer):
    query = {"properties": {"name": ["Zhang Wei"]}}
    log, results = screen(officer, query)
    assert results == [] and (log.results, log.matches) == (0, 0)
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_below_the_threshold_a_result_is_returned_but_raises_no_alert(case, person, officer):
    log, results = screen(officer, threshold=0.99)
    assert len(results) == 1 and not results[0].match
    assert (log.results, log.matches) == (1, 0) and not Alert.objects.exists()


@pytest.mark.django_db
def test_the_alert_goes_to_the_most_recent_case_not_closed(case, person, officer, province, organisation):
    def opened(number, year, role):
        return open_case(actor=officer, number=number, title="案", province=province, lead_organisation=organisation,
                         opened_on=datetime.date(year, 1, 1), persons={person: role})  # fmt: skip

    newer = opened("ZT-2020-1", 2020, "accomplice")
    newest = opened("ZT-2021-1", 2021, "witness")
    change_status(case=newest, new=CaseStatus.CLOSED, actor=officer)
    screen(officer)
    assert Alert.objects.get().case == newer


@pytest.mark.django_db
def test_raise_alerts_makes_one_alert_per_person_per_log(case, person, officer):
    log, results = screen(officer)
    again = services.raise_alerts(log, results + results, query=QUERY, context="", raised_by=None)
    assert again == [] and Alert.objects.count() == 1


@pytest.mark.django_db
def test_the_datasets_list_persons_of_open_cases_and_red_notice_subjects(case, person, officer):
    loner = create_person(names=[("杨秀兰", "primary")])  # same name, in no case: not listed
    assert list(services.dataset_persons("default")) == [person]
    assert not services.dataset_persons("red-notices").exists()
    _log, results = screen(officer, dataset="red-notices")
    assert results == []

    person.red_notice_number = "A-1234/5-2016"
    person.save()
    assert list(services.dataset_persons("red-notices")) == [person]
    _log, results = screen(officer, dataset="red-notices")
    assert [r.id for r in results] == [str(person.pk)]
    person.red_notice_withdrawn = datetime.date(2020, 1, 1)
    person.red_notice_issued = datetime.date(2016, 1, 1)
    person.save()
    assert not services.dataset_persons("red-notices").exists()  # a withdrawn notice lists nobody

    change_status(case=case, new=CaseStatus.CLOSED, actor=officer)
    assert not services.dataset_persons("default").exists()
    _log, results = screen(officer)
    assert results == [] and str(loner.pk) not in [r.id for r in results]


@pytest.mark.django_db
def test_an_unknown_dataset_is_refused_by_name(officer):
    with pytest.raises(services.UnknownDataset) as refused:
        screen(officer, dataset="sanctions")
    assert "sanctions" in str(refused.value) and "red-notices" in str(refused.value)
    assert not ScreeningLog.objects.exists()


# The lifecycle: new → acknowledged → confirmed or false positive; confirmed and false positive straight from new.

MOVES = {
    S.ACKNOWLEDGED: services.acknowledge,
    S.CONFIRMED: services.confirm,
    S.FALSE_POSITIVE: services.mark_false_positive,
}
ALL_PAIRS = [(a, b) for a in S.values for b in MOVES if a != b]


@pytest.fixture
def alert(case, person, officer):
    screen(officer, context="visa application, Vancouver")
    return Alert.objects.get()


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), ALL_PAIRS)
def test_every_move_is_allowed_or_refused_as_the_lifecycle_says(alert, officer, old, new):
    Alert.objects.filter(pk=alert.pk).update(status=old)
    alert.refresh_from_db()
    allowed = (old, new) in {("new", "acknowledged"), ("new", "confirmed"), ("new", "false_positive"),
                             ("acknowledged", "confirmed"), ("acknowledged", "false_positive")}  # fmt: skip
    if allowed:
        MOVES[new](alert, officer, note="checked")
        alert.refresh_from_db()
        assert (alert.status, alert.handled_by) == (new, officer)
    else:
        with pytest.raises(RuleError):
            MOVES[new](alert, officer)
        alert.refresh_from_db()
        assert alert.status == old


@pytest.mark.django_db
def test_a_handled_alert_keeps_its_notes_is_audited_and_stands_on_the_case_timeline(alert, officer, case):
    version = alert.version
    services.acknowledge(alert, officer, note="护照复印件已索取")
    assert alert.status == S.ACKNOWLEDGED and alert.version == version + 1
    services.confirm(alert, officer, note="指纹比对一致")
    alert.refresh_from_db()
    assert alert.status == S.CONFIRMED and alert.note == "护照复印件已索取\n\n指纹比对一致"
    updates = AuditEntry.objects.filter(object_type__model="alert", kind="update", object_id=str(alert.pk))
    assert [e.after["status"] for e in updates.order_by("seq")] == ["acknowledged", "confirmed"]
    events = timeline.for_case(case).filter(kind=EventKind.SCREENING_ALERT).order_by("occurred_at", "pk")
    assert [e.data["status"] for e in events] == ["new", "acknowledged", "confirmed"]
    assert "指纹比对一致" in describe(events.last())
    with translation.override("en"):
        assert "“acknowledged” → “confirmed”" in describe(events.last())


@pytest.mark.django_db
def test_a_move_based_on_an_old_version_is_refused_and_changes_nothing(alert, officer):
    stale = Alert.objects.get(pk=alert.pk)
    services.acknowledge(alert, officer)
    with pytest.raises(RuleError):
        services.mark_false_positive(stale, officer, note="不是此人")
    alert.refresh_from_db()
    assert alert.status == S.ACKNOWLEDGED and "不是此人" not in alert.note


@pytest.mark.django_db
def test_an_alert_about_a_person_in_no_open_case_stands_on_the_persons_timeline(officer):
    person = create_person(names=[("杨秀兰", "primary")])
    log = ScreeningLog.objects.create(channel=Channel.BULK, query_hash="0" * 64)
    result = compare(Entity.from_ftm(QUERY), Entity(id=str(person.pk), names=("杨秀兰",)))
    [alert] = services.raise_alerts(log, [result], query=QUERY, context="", raised_by=None)
    assert alert.case is None
    assert timeline.for_person(person).filter(kind=EventKind.SCREENING_ALERT, data__alert=alert.pk).exists()
