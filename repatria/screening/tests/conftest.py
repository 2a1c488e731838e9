"""Fixtures of the screening tests: a fresh registry index for each test, a partner and its tokens."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from repatria.accounts.models import Organisation, OrganisationKind, Role, Scope, User
from repatria.screening import listing


@pytest.fixture(autouse=True)
def _index_catches_up_at_every_call(monkeypatch):
    """Commit hooks do not run inside a test's transaction: the index reads what changed at every call instead."""
    monkeypatch.setattr(listing, "REFRESH_SECONDS", 0.0)


@pytest.fixture
def partner(db) -> Organisation:
    from repatria.geo.models import Country

    return Organisation.objects.create(
        name_zh="加拿大联络点", name_en="Canada contact point", kind=OrganisationKind.PARTNER,
        country=Country.objects.get(pk="CA"),
    )  # fmt: skip


@pytest.fixture
def token_key(partner, officer):
    """Makes tokens of the partner with the given scopes; returns the key."""
    from repatria.accounts import tokens

    def make(scopes=(Scope.SCREENING,)) -> str:
        issued = tokens.issue_token(
            organisation=partner, name="签证系统", scopes=list(scopes),
            expires=timezone.now() + datetime.timedelta(days=30), created_by=officer,
        )  # fmt: skip
        return issued.key

    return make


@pytest.fixture
def partner_api(token_key) -> Client:
    """A partner system's client: a token with the screening scope, no session."""
    return Client(HTTP_AUTHORIZATION=f"Token {token_key()}")


@pytest.fixture
def provincial_officer(organisation, province) -> User:
    organisation.province = province
    organisation.save()
    return User.objects.create_user("gd-officer", role=Role.PROVINCIAL_OFFICER, organisation=organisation)
