"""Backups and their restore: the data comes back, damaged files are refused, and a restore proves itself."""

import contextlib
import hashlib
import io
import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.models import Count

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.audit import keys
from repatria.core import backup
from repatria.registry.models import Person, PersonName
from repatria.registry.services import create_person

# Backups are taken from outside the test's transaction, and restores replace the whole database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the live SQLite file is swapped only on SQLite")


@pytest.fixture(autouse=True)
def file_database(transactional_db, tmp_path):
    """On SQLite the test database lives in memory; backups need a file, so the test runs on a copy in one.

    A connection of our own keeps the in-memory database alive meanwhile; every thread's connection follows the
    settings' NAME, so the test's other threads use the file too.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    settings_dict = connection.settings_dict
    memory_name = settings_dict["NAME"]
    keeper = sqlite3.connect(memory_name, uri=True)
    file = tmp_path / "live.sqlite3"
    with contextlib.closing(sqlite3.connect(file)) as target:
        keeper.backup(target)
    settings_dict["NAME"] = str(file)
    connection.close()  # closes the in-memory connection for real, now that NAME is a file
    try:
        yield
    finally:
        connections.close_all()
        settings_dict["NAME"] = memory_name
        connection.ensure_connection()
        keeper.close()


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "backups" / f"repatria{backup.SUFFIXES[connection.vendor]}"


def back_up(*args: str) -> str:
    out = io.StringIO()
    call_command("backup", *args, stdout=out)
    return out.getvalue()


def restore(path: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(path), interactive=False, stdout=out)
    return out.getvalue()


def some_records() -> Organisation:
    create_person(names=[("王某", "primary")])
    create_person(names=[("李某", "primary"), ("Li Mou", "romanisation")])
    return Organisation.objects.create(name_zh="某省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE)


def tamper_manifest(path: Path, table: str, delta: int) -> None:
    manifest_file = backup.manifest_path(path)
    data = json.loads(manifest_file.read_text(encoding="utf-8"))
    data["tables"][table] += delta
    manifest_file.write_text(json.dumps(data), encoding="utf-8")


def test_a_backup_restores_the_data_it_was_taken_from(path, monkeypatch):
    organisation_id = some_records().pk
    out = back_up(str(path))
    manifest = backup.read_manifest(path)
    contents = manifest.contents
    assert out.startswith(f"Backed up {len(contents.tables)} tables, {contents.rows:,} rows to {path}")
    assert contents.tables["registry_person"] == Person.objects.count() >= 2
    assert contents.tables["registry_personname"] == PersonName.objects.count()
    assert ("registry", "0001_initial") in contents.migrations
    assert manifest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()

    Person.objects.all().delete()
    Organisation.objects.filter(pk=organisation_id).delete()
    seen = []
    monkeypatch.setattr(backup, "VERIFIERS", [lambda: seen.append(Person.objects.count())])
    out = restore(path)

    assert out.strip() == f"Restored {path} and verified {len(contents.tables)} tables, {contents.rows:,} rows."
    assert seen == [contents.tables["registry_person"]]  # the hook ran, on the restored data
    assert Organisation.objects.filter(pk=organisation_id, name_zh="某省追逃办").exists()
    li = Person.objects.get(display_name="李某")
    assert sorted(li.names.values_list("name", flat=True)) == ["Li Mou", "李某"]
    create_person(names=[("赵某", "primary")])  # the restored database takes new writes
    assert Person.objects.count() == contents.tables["registry_person"] + 1


def test_the_default_backup_goes_to_a_time_stamped_file_under_var_backups(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = back_up()
    suffix = backup.SUFFIXES[connection.vendor]
    (written,) = (tmp_path / "backups").glob(f"repatria-*{suffix}")
    assert re.fullmatch(rf"repatria-\d{{8}}-\d{{6}}{re.escape(suffix)}", written.name)
    assert backup.manifest_path(written).is_file()
    assert f" rows to {written} " in out


def test_an_existing_file_is_never_overwritten(path):
    back_up(str(path))
    with pytest.raises(CommandError, match="already exists"):
        back_up(str(path))


def test_a_corrupted_backup_is_refused_and_the_database_left_as_it_was(path):
    some_records()
    back_up(str(path))
    create_person(names=[("赵某", "primary")])  # after the backup: a restore would take it away
    before = Person.objects.count()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    with pytest.raises(CommandError, match=r"does not match its manifest \(the SHA-256 differs\)"):
        restore(path)

    assert Person.objects.count() == before
    assert Person.objects.filter(display_name="赵某").exists()


def test_a_backup_without_its_manifest_is_refused(path):
    back_up(str(path))
    backup.manifest_path(path).unlink()
    with pytest.raises(CommandError, match="manifest .* is missing"):
        restore(path)


def test_a_tampered_manifest_count_is_reported_as_a_verification_failure(path):
    some_records()
    back_up(str(path))
    persons = backup.read_manifest(path).contents.tables["registry_person"]
    tamper_manifest(path, "registry_person", +1)

    message = f"Verification failed.*registry_person has {persons:,} rows, the manifest says {persons + 1:,}"
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert Person.objects.count() >= 2  # the database is still usable


def test_a_failing_verifier_fails_the_restore(path, monkeypatch):
    back_up(str(path))
    monkeypatch.setattr(backup, "VERIFIERS", [lambda: None, lambda: "the audit chain breaks at entry 7"])
    with pytest.raises(CommandError, match="Verification failed.*the audit chain breaks at entry 7"):
        restore(path)


def test_a_restore_verifies_the_audit_trail_under_the_audit_key(path, settings):
    some_records()
    back_up(str(path))
    assert restore(path).startswith("Restored")
    settings.AUDIT_KEY = "another installation's key, long enough"  # the backup taken elsewhere, or its trail forged
    message = "Verification failed.*the audit trail does not hold: entry #1: its content was altered"
    with pytest.raises(CommandError, match=message):
        restore(path)


@on_sqlite  # pg_dump's custom format is compressed: a key in it would not show in its bytes
def test_the_audit_key_is_not_in_the_backup(path, settings):
    some_records()
    back_up(str(path))
    data = path.read_bytes()
    for secret in (settings.AUDIT_KEY.encode(), keys.chain_key(), keys.checkpoint_key()):
        assert secret not in data and secret.hex().encode() not in data


@on_sqlite
@pytest.mark.parametrize("failure", ["manifest", "verifier"])
def test_a_failed_check_leaves_the_live_sqlite_file_as_it_was(path, monkeypatch, failure):
    some_records()
    back_up(str(path))
    create_person(names=[("赵某", "primary")])
    before = Person.objects.count()
    if failure == "manifest":
        tamper_manifest(path, "registry_personname", -1)  # caught on the staged copy, before the swap
    else:
        monkeypatch.setattr(backup, "VERIFIERS", [lambda: "the audit chain breaks"])  # caught after: put back
    with pytest.raises(CommandError, match="Verification failed"):
        restore(path)

    assert Person.objects.count() == before
    assert Person.objects.filter(display_name="赵某").exists()
    folder = Path(connection.settings_dict["NAME"]).parent
    assert not [p.name for p in folder.iterdir() if p.name.endswith((".partial", ".before-restore"))]


def test_a_backup_taken_during_writes_restores_a_consistent_state(path):
    some_records()
    under_way = threading.Event()
    errors: list[Exception] = []

    def write() -> None:
        try:
            for number in range(200):
                # One transaction: a person and both names, or nothing.
                create_person(names=[(f"并发{number}", "primary"), (f"Bingfa {number}", "romanisation")])
                if number == 10:
                    under_way.set()
        except Exception as error:  # reported by the test below
            errors.append(error)
        finally:
            under_way.set()
            connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        under_way.wait(timeout=60)
        back_up(str(path))
    finally:
        writer.join(timeout=300)
    assert not writer.is_alive()
    assert not errors
    assert Person.objects.filter(display_name__startswith="并发").count() == 200
    manifest = backup.read_manifest(path)

    restore(path)

    assert Person.objects.count() == manifest.contents.tables["registry_person"]
    assert PersonName.objects.count() == manifest.contents.tables["registry_personname"]
    written = Person.objects.filter(display_name__startswith="并发").annotate(names_count=Count("names"))
    assert 11 <= written.count() <= 200
    assert not written.exclude(names_count=2).exists()  # no person without both of its names


def test_the_postgresql_client_matching_the_server_is_preferred():
    found = [(16, "/usr/bin/pg_dump"), (15, "/usr/lib/postgresql/15/bin/pg_dump"), (16, "/usr/lib/pg/16/pg_dump")]
    assert backup.choose_tool(found, 15) == "/usr/lib/postgresql/15/bin/pg_dump"
    assert backup.choose_tool(found, 14) == "/usr/bin/pg_dump"  # none matches: the newest, PATH's first
    assert backup.choose_tool([(13, "/usr/bin/pg_dump")], 15) == "/usr/bin/pg_dump"  # the only one: pg_dump will say
