"""The security probe's fault 8: the audit trail rewritten without detection. Each test replays one way it was done.

Altering a row and recomputing the later hashes passed `verify-audit` (the digest used no secret); emptying the table
(TRUNCATE fires no row trigger) and beginning a new chain, or cutting the last rows with the head, left a chain that
holds. The chain is now sealed under a key kept outside the database, and checkpoints kept outside it catch the rest.
"""

import hashlib
import hmac
import io
import json
import os
import secrets
import subprocess  # noqa: S404 - the site's commands, run as a deployed site runs them
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from repatria.audit import chain
from repatria.audit.models import AuditEntry
from repatria.audit.testing import rewrite, tamper
from repatria.registry.services import create_person

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's guard and roles")


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def unkeyed(entry: AuditEntry) -> str:
    """What the probe computed: SHA-256 of the entry's content, which needs no secret."""
    return hashlib.sha256(chain.canonical(entry)).hexdigest()


def under_a_key_of_its_own(entry: AuditEntry) -> str:
    """An intruder who read that the chain is keyed, and guessed at the key."""
    return hmac.new(b"insecure-development-key-only", chain.canonical(entry), hashlib.sha256).hexdigest()


@pytest.fixture
def trail(case) -> list[int]:
    """The trail a case and its person leave, checked to verify."""
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert len(seqs) >= 5 and verify().startswith(f"The audit trail holds: {len(seqs)} entries")
    return seqs


@pytest.fixture
def checkpoint_file(tmp_path, trail):
    """A checkpoint of the trail, written as the schedule writes it."""
    path = tmp_path / "audit-checkpoints.jsonl"
    call_command("audit_checkpoint", "--output", str(path))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("sealed_by", [unkeyed, under_a_key_of_its_own])
def test_a_row_altered_and_the_later_hashes_recomputed_without_the_key_is_caught(trail, sealed_by):
    rewrite(trail[2], username="someone else", sealed_by=sealed_by)
    with pytest.raises(CommandError, match=f"entry #{trail[2]}: its content was altered"):
        verify()


@pytest.mark.django_db
def test_a_trail_emptied_and_begun_afresh_holds_as_a_chain_but_not_against_its_checkpoint(trail, checkpoint_file):
    tamper("DELETE FROM audit_auditentry")  # TRUNCATE, where the owner first dropped the guard
    tamper("UPDATE audit_chainhead SET seq = 0, hash = %s", chain.GENESIS)
    for number in range(len(trail) + 1):  # the site goes on writing: a new chain, longer than the one it replaced
        create_person(names=[(f"新链{number}", "primary")])
    assert AuditEntry.objects.count() > len(trail)

    assert verify().startswith("The audit trail holds")  # nothing the chain alone could see
    replaced = rf"entry #{trail[-1]} is not the one the checkpoint of .* sealed: the trail up to it was replaced"
    with pytest.raises(CommandError, match=replaced + r" \(emptied and begun afresh, or rewritten\)"):
        verify("--checkpoint", str(checkpoint_file))


@pytest.mark.django_db
def test_the_last_entries_cut_with_the_head_are_caught_by_the_checkpoint(trail, checkpoint_file):
    kept = trail[-3]
    tamper("DELETE FROM audit_auditentry WHERE seq > %s", kept)
    tamper("UPDATE audit_chainhead SET seq = %s, hash = %s", kept, AuditEntry.objects.get(seq=kept).hash)

    assert verify().startswith("The audit trail holds")
    with pytest.raises(CommandError, match=f"the trail ends at #{kept}, but the checkpoint of .* sealed #{trail[-1]}"):
        verify("--checkpoint", str(checkpoint_file))


@pytest.mark.django_db
def test_the_key_holder_cannot_rewrite_what_a_checkpoint_sealed(trail, checkpoint_file):
    rewrite(trail[1], username="someone else", sealed_by=chain.digest)  # the site's own key: the chain holds
    assert verify().startswith("The audit trail holds")
    with pytest.raises(CommandError, match=f"entry #{trail[-1]} is not the one the checkpoint of .* sealed"):
        verify("--checkpoint", str(checkpoint_file))


@pytest.mark.django_db
def test_a_checkpoint_made_to_fit_a_cut_trail_is_caught_as_forged(trail, checkpoint_file):
    kept = trail[-3]
    tamper("DELETE FROM audit_auditentry WHERE seq > %s", kept)
    tamper("UPDATE audit_chainhead SET seq = %s, hash = %s", kept, AuditEntry.objects.get(seq=kept).hash)
    forged = json.loads(checkpoint_file.read_text())
    forged.update(seq=kept, hash=AuditEntry.objects.get(seq=kept).hash)
    checkpoint_file.write_text(json.dumps(forged) + "\n")

    with pytest.raises(CommandError, match=r"the checkpoint of .* \(line 1\) is forged"):
        verify("--checkpoint", str(checkpoint_file))


@pytest.mark.django_db
@on_postgresql
def test_postgresql_refuses_to_truncate_the_trail_even_to_the_tables_owner(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending checks aside
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == len(trail)


@dataclass(frozen=True)
class Roles:
    """A database of its own on the test cluster, which the role `owner` owns and migrates; the site connects as the
    role `site`."""

    urls: dict[str, str]

    def run(self, *command: str) -> str:
        """`python -m repatria COMMAND` as a deployed site runs it: DATABASE_URL the site's role, the owner's beside."""
        env = {**os.environ, "REPATRIA_DEV": "1", "DATABASE_URL": self.urls["site"]}
        env["DATABASE_OWNER_URL"] = self.urls["owner"]
        result = subprocess.run(  # noqa: S603 - this interpreter, a fixed command
            [sys.executable, "-m", "repatria", *command], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def connect(self, role: str):
        import psycopg

        return psycopg.connect(self.urls[role], autocommit=True)


@pytest.fixture
def roles() -> Iterator[Roles]:
    import psycopg

    params = connection.settings_dict
    server = {"host": params["HOST"], "port": params["PORT"], "user": params["USER"], "password": params["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        if not admin.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
            pytest.skip("making roles and a database takes the test cluster's superuser")
        suffix, password = secrets.token_hex(4), secrets.token_hex(16)
        names = {"owner": f"repatria_owner_{suffix}", "site": f"repatria_site_{suffix}"}
        database = f"repatria_roles_{suffix}"
        for name in names.values():
            admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        admin.execute(f"CREATE DATABASE {database} OWNER {names['owner']}")
        server_address = f"{params['HOST']}:{params['PORT']}/{database}"
        try:
            yield Roles({role: f"postgres://{name}:{password}@{server_address}" for role, name in names.items()})
        finally:
            admin.execute(f"DROP DATABASE {database} WITH (FORCE)")
            for name in names.values():
                admin.execute(f"DROP ROLE {name}")


SITE_AT_WORK = (  # an audited write (an entry added, the chain's head updated), then the trail verified
    "from django.core.management import call_command; from repatria.accounts.models import Organisation; "
    "Organisation.objects.create(name_zh='某省追逃办', kind='provincial_office'); call_command('verify_audit')"
)
REWRITES = [
    "TRUNCATE audit_auditentry",
    "DELETE FROM audit_auditentry",
    "UPDATE audit_auditentry SET username = 'someone else'",
    "DROP TRIGGER audit_entry_append_only ON audit_auditentry",
    "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
    "DROP TABLE audit_auditentry",
]


@on_postgresql
def test_the_sites_role_adds_to_the_trail_but_cannot_rewrite_it_nor_the_owner_truncate_it(roles, tmp_path):
    import psycopg

    roles.run("migrate", "--no-input", "-v", "0")  # as the owner, then the site's role granted its rights
    assert roles.run("shell", "-v", "0", "-c", SITE_AT_WORK).startswith("The audit trail holds: 1 entries")
    with roles.connect("site") as site:
        assert not site.execute("SELECT tablename FROM pg_tables WHERE tableowner = current_user").fetchall()
        for statement in REWRITES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                site.execute(statement)
    with roles.connect("owner") as owner, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        owner.execute("TRUNCATE audit_auditentry")

    backup_file = tmp_path / "repatria.pgdump"
    roles.run("backup", str(backup_file))  # as the site's role, which reads every table
    roles.run("restore", str(backup_file), "--no-input")  # as the owner, which drops and makes them
    # The restored tables are granted to the site's role again, and their trail verifies under the key.
    assert roles.run("shell", "-v", "0", "-c", SITE_AT_WORK).startswith("The audit trail holds: 2 entries")
    with roles.connect("site") as site, pytest.raises(psycopg.errors.InsufficientPrivilege):
        site.execute("DELETE FROM audit_auditentry")
