import pytest

from repatria.accounts.models import Role
from repatria.accounts.tests.world import build_world
from repatria.cooperation import services
from repatria.cooperation.models import Direction, RequestChannel, RequestKind
from repatria.geo.models import Country


@pytest.fixture
def world(db) -> dict:
    return build_world()


@pytest.fixture
def drafter(django_user_model, organisation):
    return django_user_model.objects.create_user(
        "drafter", password="correct horse 9", role=Role.AGENCY_OFFICER, organisation=organisation
    )


@pytest.fixture
def argentina(db) -> Country:
    """A UNCAC party in the shipped reference list, with no treaty with China in the test database."""
    return Country.objects.get(pk="AR")


@pytest.fixture
def draft(case, person, drafter, argentina):
    return services.open_request(
        actor=drafter, direction=Direction.OUTGOING, kind=RequestKind.EXTRADITION, case=case, persons=[person],
        country=argentina, organisation=case.lead_organisation, channel=RequestChannel.DIPLOMATIC,
    )  # fmt: skip
