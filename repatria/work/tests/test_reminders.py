"""Reminders computed from the records, each of what the user may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repatria.accounts.models import Role
from repatria.accounts.tests.world import member_of
from repatria.assets.models import Asset, AssetStage
from repatria.cases.models import Case, Event
from repatria.registry.models import IdentityDocument, Person
from repatria.work import reminders

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=10)


def soon_to_expire(world, side: str) -> None:
    """Side's passport, red notice and freezing order all end within the horizon."""
    records = world["records"][side]
    IdentityDocument.objects.filter(pk=records["identitydocument"].pk).update(expires_on=SOON)
    issued = SOON.replace(year=SOON.year - 5)
    Person.objects.filter(pk=records["person"].pk).update(red_notice_number=f"A-{side}/1", red_notice_issued=issued)
    Asset.objects.filter(pk=records["asset"].pk).update(stage=AssetStage.FROZEN, frozen_until=SOON)


@pytest.mark.django_db
def test_what_is_about_to_expire_is_of_ones_own_province(world):
    soon_to_expire(world, "A")
    soon_to_expire(world, "B")
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    a = world["records"]["A"]
    assert list(reminders.expiring_passports(officer, TODAY)) == [a["identitydocument"]]
    assert list(reminders.expiring_red_notices(officer, TODAY)) == [a["person"]]
    assert list(reminders.lapsing_freezing_orders(officer, TODAY)) == [a["asset"]]


@pytest.mark.django_db
def test_nothing_past_or_beyond_the_horizon_is_reminded(world, settings):
    settings.REMINDER_HORIZON_DAYS = 5
    soon_to_expire(world, "A")
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    assert not reminders.expiring_passports(officer, TODAY).exists()
    assert not reminders.lapsing_freezing_orders(officer, TODAY).exists()
    IdentityDocument.objects.update(expires_on=TODAY - datetime.timedelta(days=1))
    settings.REMINDER_HORIZON_DAYS = 30
    assert not reminders.expiring_passports(officer, TODAY).exists()


@pytest.mark.django_db
def test_a_withdrawn_red_notice_is_not_reminded(world):
    soon_to_expire(world, "A")
    Person.objects.update(red_notice_withdrawn=TODAY)
    assert not reminders.expiring_red_notices(member_of(world, Role.PROVINCIAL_OFFICER), TODAY).exists()


@pytest.mark.django_db
def test_no_progress_is_measured_in_configurable_days_from_the_last_event(world, settings):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    case = world["records"]["A"]["case"]
    Case.objects.filter(pk=case.pk).update(status="at_large")
    last = Event.objects.filter(case=case).order_by("-occurred_at").first().occurred_at
    silent = (timezone.now() - last).days
    settings.NO_PROGRESS_DAYS = silent + 1
    assert not reminders.no_progress_cases(officer).exists()
    settings.NO_PROGRESS_DAYS = silent - 1
    found = list(reminders.no_progress_cases(officer))
    assert found == [case] and found[0].last_event == last  # province B's silent case is not among them


@pytest.mark.django_db
def test_the_dashboard_says_how_no_progress_is_ordered_and_dates_the_last_event(client, world, settings):
    settings.NO_PROGRESS_DAYS = 30
    Case.objects.update(status="at_large")
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    page = client.get(reverse("dashboard")).content.decode()
    assert "30天无进展的在办案件（按最近动态日期，最久者在前）" in page
    assert "最近动态" in page and "ZT-A" in page and "ZT-B" not in page
    assert reverse("work:reminders") + "#no-progress" in page


@pytest.mark.django_db
def test_the_reminders_page_lists_them_all(client, world):
    soon_to_expire(world, "A")
    soon_to_expire(world, "B")
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    page = client.get(reverse("work:reminders")).content.decode()
    passport = {side: world["records"][side]["identitydocument"].number for side in "AB"}
    assert passport["A"] in page and "A-A/1" in page and "资产A" in page
    assert passport["B"] not in page and "A-B/1" not in page and "资产B" not in page
