"""The demo's international cooperation: treaties nobody can take for real ones, a UNCAC party without an
extradition treaty, networks with synthetic authorities and contact persons; loaded alike in bulk."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from repatria.cooperation.models import Authority, ContactPerson, ConventionParty, Network, Treaty, TreatyKind
from repatria.demo import cooperation, tables


def load(*args: str) -> None:
    call_command("seed_demo", "--persons", "20", *args, stdout=io.StringIO())


def test_the_plan_is_the_same_for_the_same_seed():
    assert cooperation.treaties(1) == cooperation.treaties(1) != cooperation.treaties(2)
    assert cooperation.authorities(1) == cooperation.authorities(1)


@pytest.mark.django_db
@pytest.mark.parametrize("fast", [False, True])
def test_every_demo_treaty_is_marked_and_titled_as_demo_data(fast):
    load(*(["--fast"] if fast else []))
    treaties = list(Treaty.objects.all())
    assert len(treaties) == len(tables.EXTRADITION_PARTNERS) + len(cooperation.OTHER_TREATIES)
    assert all(t.is_demo and t.title_zh.startswith("（演示）") and t.title_en.startswith("(Demo)") for t in treaties)
    today = timezone.localdate()
    extradition = {t.country_id for t in treaties if t.kind == TreatyKind.EXTRADITION and t.in_force(today)}
    assert extradition == {code for code, _weight in tables.EXTRADITION_PARTNERS}
    assert all(t.terminated_on < today for t in treaties if t.terminated_on)


@pytest.mark.django_db
def test_a_uncac_party_has_no_extradition_treaty():
    load("--fast")
    code = cooperation.UNCAC_PARTY_WITHOUT_EXTRADITION
    assert ConventionParty.objects.filter(country=code, convention="UNCAC").exists()
    assert not Treaty.objects.filter(country=code, kind=TreatyKind.EXTRADITION).exists()
    assert Treaty.objects.filter(country=code, kind=TreatyKind.MLA).exists()


@pytest.mark.django_db
def test_networks_have_synthetic_authorities_and_contact_persons():
    load("--fast")
    assert Network.objects.count() == 5
    assert all(network.members.exists() for network in Network.objects.all())
    assert all(a.name_zh.startswith("（演示）") and a.name_en.startswith("(Demo)") for a in Authority.objects.all())
    people = list(ContactPerson.objects.all())
    assert people and all(p.email.endswith("@example.org") and " 555 " in p.phone for p in people)
    surnames = {p.name.split()[-1] for p in people}
    assert surnames <= set(cooperation.SURNAMES)
