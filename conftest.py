"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _test_databases_may_be_emptied():
    """Transactional tests end with Django's flush, one TRUNCATE of every table, which PostgreSQL refuses for the audit
    trail (repatria/audit/migrations/0003): the test database's flush alone runs with triggers off, as its superuser
    may. Nothing else is let through: a TRUNCATE of the trail in a test is refused as on a site."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **options):
        statements = flush(self, style, tables, **options)
        return ["SET LOCAL session_replication_role = replica", *statements] if statements else statements

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Tests run in the default language, as a user would meet the site."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    """Stored files go to a folder of the test's own, which a test can look into (settings.PRIVATE_ROOT)."""
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """Client.force_login skips signing in, so it skips the TOTP step too: officers' pages need both.

    Tests of the sign-in itself go through the login form, or pass verified=False.
    """
    from django.test import Client

    from repatria.accounts.testing import mark_verified
    from repatria.accounts.twofactor import requires_two_factor

    original = Client.force_login

    def force_login(self, user, backend=None, verified=True):
        original(self, user, backend)
        if verified and requires_two_factor(user):
            mark_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_registry_index():
    """Each test's database starts afresh, and ids are reused: so does the screening index of the registry."""
    from repatria.screening.listing import LISTING

    LISTING.reset()
    yield
    LISTING.reset()


@pytest.fixture
def officer(django_user_model):
    from repatria.accounts.models import Role

    return django_user_model.objects.create_user("officer", password="correct horse 9", role=Role.ADMIN)


@pytest.fixture
def officer_client(client, officer):
    """A client signed in as `officer` past both steps: password and TOTP code."""
    from repatria.accounts.testing import verified_login

    verified_login(client, officer)
    return client


@pytest.fixture
def organisation(db):
    from repatria.accounts.models import Organisation, OrganisationKind

    return Organisation.objects.create(
        name_zh="广东省追逃办", name_en="Guangdong office", kind=OrganisationKind.PROVINCIAL_OFFICE
    )


@pytest.fixture
def province(db):
    from repatria.geo.models import Province

    return Province.objects.get(code="440000")


@pytest.fixture
def person(db):
    from repatria.registry.services import create_person

    return create_person(
        names=[("杨秀兰", "primary"), ("楊秀蘭", "alias"), ("YANG Xiulan", "romanisation")],
        sex="female",
        birth_date="1950-07",
    )


@pytest.fixture
def case(person, province, organisation, officer):
    import datetime

    from repatria.cases.services import open_case

    return open_case(
        actor=officer,
        number="ZT-2016-00001",
        title="某局贪污案",
        province=province,
        lead_organisation=organisation,
        opened_on=datetime.date(2016, 4, 1),
        fled_on=datetime.date(2015, 12, 1),
        persons={person: "principal"},
    )
