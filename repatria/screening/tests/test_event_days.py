"""Events carry the day they happened as well as when they were entered; the timeline orders by the first. (Here,
among the screening tests, for the alerts' fixtures: the moves of cases and assets take the day in the same way.)"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repatria.assets import services as assets
from repatria.assets.models import AssetKind
from repatria.cases import services, timeline
from repatria.cases.models import EventKind
from repatria.core.services import RuleError
from repatria.geo.models import Country
from repatria.names import Entity
from repatria.screening import services as screening
from repatria.screening.models import Alert, Channel
from repatria.screening.tests.test_services import QUERY

LAST_WEEK = timezone.localdate() - datetime.timedelta(days=7)
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def asset(case, officer):
    return assets.record_asset(
        actor=officer,
        case=case,
        kind=AssetKind.REAL_ESTATE,
        description="house",
        jurisdiction=Country.objects.get(pk="US"),
    )


def moves(case, asset, officer):
    """Each of the three moves that takes the day it happened, by the kind of the event it records."""
    # The fixture's person is screened: one alert.
    screening.screen(Entity.from_ftm(QUERY), QUERY, user=officer, channel=Channel.API)
    Alert.objects.update(created=timezone.now() - datetime.timedelta(days=14))  # raised two weeks ago
    alert = Alert.objects.get()
    return {
        EventKind.STATUS_CHANGED: lambda day: services.change_status(
            case=case, new="located", actor=officer, happened_on=day
        ),
        EventKind.ASSET_STAGE: lambda day: assets.change_stage(
            asset=asset, new="traced", actor=officer, happened_on=day
        ),
        EventKind.SCREENING_ALERT: lambda day: screening.acknowledge(alert, officer, happened_on=day),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [EventKind.STATUS_CHANGED, EventKind.ASSET_STAGE, EventKind.SCREENING_ALERT])
def test_a_move_happened_last_week_is_dated_then_and_entered_now(case, asset, officer, kind):
    before = timezone.now()
    moves(case, asset, officer)[kind](LAST_WEEK)
    event = timeline.for_case(case).filter(kind=kind).order_by("-entered_at").first()
    assert timezone.localdate(event.occurred_at) == LAST_WEEK
    assert event.entered_at >= before
    assert event.entered_later


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [EventKind.STATUS_CHANGED, EventKind.ASSET_STAGE, EventKind.SCREENING_ALERT])
@pytest.mark.parametrize("day", [TOMORROW, datetime.date(2016, 3, 31)])  # the case was opened on 2016-04-01
def test_a_move_in_the_future_or_before_the_record_is_refused(case, asset, officer, kind, day):
    move = moves(case, asset, officer)[kind]
    if kind == EventKind.SCREENING_ALERT and day < TOMORROW:
        day = timezone.localdate() - datetime.timedelta(days=15)  # the alert was raised two weeks ago
    with pytest.raises(RuleError):
        move(day)
    assert not timeline.for_case(case).filter(kind=kind).exclude(data__status="new").exists()


@pytest.mark.django_db
def test_the_timeline_orders_by_the_day_it_happened_then_by_entry(case, officer):
    services.write_note(actor=officer, case=case, text="entered first, happened today")
    services.change_status(case=case, new="located", actor=officer, happened_on=LAST_WEEK)
    services.write_note(actor=officer, case=case, text="entered last, happened today")
    events = timeline.for_case(case).filter(kind__in=[EventKind.NOTE, EventKind.STATUS_CHANGED])
    kinds = [(e.kind, e.data.get("text")) for e in events]
    assert kinds == [
        (EventKind.NOTE, "entered last, happened today"),
        (EventKind.NOTE, "entered first, happened today"),
        (EventKind.STATUS_CHANGED, None),
    ]


@pytest.mark.django_db
def test_closing_on_a_past_day_dates_the_case_closed_then(case, officer):
    services.change_status(case=case, new="closed", actor=officer, happened_on=LAST_WEEK)
    case.refresh_from_db()
    assert case.closed_on == LAST_WEEK


@pytest.mark.django_db
def test_the_status_form_takes_the_day_and_the_timeline_shows_both(officer_client, case):
    page = officer_client.get(case.get_absolute_url()).content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in page
    url = reverse("cases:case_status", args=[case.pk])
    officer_client.post(url, {"new": "located", "version": case.version, "happened_on": LAST_WEEK.isoformat()})
    event = timeline.for_case(case).get(kind=EventKind.STATUS_CHANGED)
    assert timezone.localdate(event.occurred_at) == LAST_WEEK
    page = officer_client.get(case.get_absolute_url()).content.decode()
    assert LAST_WEEK.isoformat() in page
    assert f"录入于{timezone.localdate().isoformat()}" in page


@pytest.mark.django_db
def test_the_status_form_refuses_a_day_in_the_future(officer_client, case):
    url = reverse("cases:case_status", args=[case.pk])
    officer_client.post(url, {"new": "located", "version": case.version, "happened_on": TOMORROW.isoformat()})
    case.refresh_from_db()
    assert case.status == "at_large"
