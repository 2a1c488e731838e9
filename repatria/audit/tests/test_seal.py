"""The trail sealed under the audit key: the key comes from outside the database, verifies only what it sealed, and
the upgrade seals a trail from before the key only if that trail holds."""

import hashlib
import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from repatria.audit import chain
from repatria.audit.models import AuditEntry
from repatria.audit.testing import rewrite, tamper
from repatria.core.testing import read_settings

A_KEY = "k" * 32
upgrade = importlib.import_module("repatria.audit.migrations.0004_keyed_chain")


def test_the_audit_key_is_read_from_the_environment_or_from_a_file(monkeypatch, tmp_path):
    assert read_settings(monkeypatch, AUDIT_KEY=A_KEY)["AUDIT_KEY"] == A_KEY
    key_file = tmp_path / "audit.key"
    key_file.write_text(A_KEY + "\n")
    assert read_settings(monkeypatch, AUDIT_KEY_FILE=str(key_file))["AUDIT_KEY"] == A_KEY
    assert read_settings(monkeypatch, REPATRIA_DEV="1")["AUDIT_KEY"] == "insecure-development-audit-key-only"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "AUDIT_KEY .* must hold a secret of at least 32 characters"),
        ({"AUDIT_KEY": "short"}, "must hold a secret of at least 32 characters"),
        ({"AUDIT_KEY": A_KEY, "AUDIT_KEY_FILE": "/etc/repatria/audit.key"}, "Set AUDIT_KEY or AUDIT_KEY_FILE, not bo"),
        ({"AUDIT_KEY_FILE": "/nonexistent/audit.key"}, "AUDIT_KEY_FILE /nonexistent/audit.key cannot be read"),
    ],
)
def test_a_production_site_will_not_start_without_a_proper_audit_key(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        read_settings(monkeypatch, **env)


@pytest.mark.django_db
def test_the_trail_verifies_only_under_the_key_that_sealed_it(case, settings):
    assert chain.first_break() is None
    settings.AUDIT_KEY = A_KEY  # a copy of the database checked, or a trail forged, with another key
    assert str(chain.first_break()) == "entry #1: its content was altered (its hash no longer matches)"


def unkeyed(entry: AuditEntry) -> str:
    """The hash every entry had before the key: SHA-256 of the same content."""
    return hashlib.sha256(chain.canonical(entry)).hexdigest()


def run_upgrade() -> None:
    """The migration's step, with the models as they were before it (plain managers, no append-only guard), in the
    test's transaction as migrate runs it in one of its own (SQLite's editor cannot be entered in one: it is not)."""
    before = MigrationExecutor(connection).loader.project_state(("audit", "0003_truncate_guard")).apps
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's pending checks would stand in ALTER's way
    upgrade.seal(before, connection.schema_editor())


def hashes() -> list[tuple[str, str]]:
    return list(AuditEntry.objects.order_by("seq").values_list("prev_hash", "hash"))


@pytest.fixture
def unkeyed_trail(case) -> list[tuple[str, str]]:
    """The trail as an installation from before the key holds it."""
    rewrite(1, sealed_by=unkeyed)
    assert chain.first_break() is not None
    return hashes()


@pytest.mark.django_db
def test_the_upgrade_seals_a_trail_from_before_the_key(unkeyed_trail):
    contents = list(AuditEntry.objects.order_by("seq").values_list("seq", "username", "object_repr", "after"))
    run_upgrade()
    assert chain.first_break() is None
    assert not set(hashes()) & set(unkeyed_trail)
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", "username", "object_repr", "after")) == contents
    if connection.vendor == "postgresql":  # the rows' guard, lifted for the upgrade, stands again
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET username = 'x'")


@pytest.mark.django_db
def test_the_upgrade_refuses_a_trail_that_does_not_hold_and_changes_nothing(unkeyed_trail):
    tamper("UPDATE audit_auditentry SET username = 'someone else' WHERE seq = 3")
    with pytest.raises(CommandError, match=r"does not hold under its unkeyed hashes \(entry #3: its content was alte"):
        run_upgrade()
    assert hashes() == unkeyed_trail


@pytest.mark.django_db
def test_entries_the_upgraded_site_wrote_before_the_migration_ran_are_sealed_with_the_rest(unkeyed_trail):
    chain.append(kind="view", object_repr="written under the key, on an unkeyed trail")
    run_upgrade()
    assert chain.first_break() is None and AuditEntry.objects.count() == len(unkeyed_trail) + 1


@pytest.mark.django_db
def test_the_upgrade_run_again_on_a_sealed_trail_changes_nothing(case):
    sealed = hashes()
    run_upgrade()
    assert hashes() == sealed and chain.first_break() is None
