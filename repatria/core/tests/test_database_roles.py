"""The site's role on PostgreSQL: migrations and restores connect as the tables' owner, named beside the site's role;
`check --deploy` warns a site that connects as the owner. (The roles at work: tests/security/test_audit_rewrite.py.)"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from repatria.core.database_roles import site_owns_the_tables
from repatria.core.testing import read_settings

SITE = "postgres://repatria_site:site-password@db.example.org:5432/repatria"


def test_the_owner_is_named_beside_the_sites_role_for_the_same_database(monkeypatch):
    owner = "postgres://repatria_owner:owner-password@db.example.org:5432/repatria"
    loaded = read_settings(monkeypatch, REPATRIA_DEV="1", DATABASE_URL=SITE, DATABASE_OWNER_URL=owner)
    assert loaded["DATABASES"]["default"]["USER"] == "repatria_site"
    assert loaded["DATABASE_OWNER"] == {
        "USER": "repatria_owner", "PASSWORD": "owner-password", "HOST": "db.example.org", "PORT": 5432
    }  # fmt: skip
    assert read_settings(monkeypatch, REPATRIA_DEV="1", DATABASE_URL=SITE)["DATABASE_OWNER"] is None


@pytest.mark.parametrize(
    ("site", "owner"),
    [
        (SITE, "postgres://repatria_owner@db.example.org:5432/another"),
        ("sqlite:///var/repatria.sqlite3", "sqlite:///var/repatria.sqlite3"),
    ],
)
def test_an_owner_of_another_database_is_refused(monkeypatch, site, owner):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_OWNER_URL must name the PostgreSQL database DATABASE_URL"):
        read_settings(monkeypatch, REPATRIA_DEV="1", DATABASE_URL=site, DATABASE_OWNER_URL=owner)


def test_check_deploy_warns_a_postgresql_site_that_connects_as_the_tables_owner(settings):
    settings.DATABASE_OWNER = None
    warned = [message.id for message in site_owns_the_tables(None)]
    assert warned == (["repatria.W001"] if connection.vendor == "postgresql" else [])
    settings.DATABASE_OWNER = {"USER": "repatria_owner", "PASSWORD": "", "HOST": "", "PORT": ""}
    assert site_owns_the_tables(None) == []
