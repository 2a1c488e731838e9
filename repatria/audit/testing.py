"""Helpers for tests: what an intruder with the database's own powers, but not the audit key, could do to the trail."""

from collections.abc import Callable

from django.db import connection

from .chain import GENESIS
from .models import AuditEntry


def tamper(sql: str, *params) -> None:
    """Run SQL on the audit tables as their owner would, the rows' guard lifted on PostgreSQL as the owner may."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks may stand in the way of ALTER
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)


def rewrite(seq: int, *, sealed_by: Callable[[AuditEntry], str], username: str | None = None) -> None:
    """Change who entry #seq names (if `username` is given), then recompute its hash and every later one with
    `sealed_by`, and the head's: the rewrite the security probe made, which an unkeyed chain could not tell."""
    before = AuditEntry.objects.filter(seq=seq - 1).values_list("hash", flat=True).first() or GENESIS
    for entry in list(AuditEntry.objects.filter(seq__gte=seq).order_by("seq")):
        if entry.seq == seq and username is not None:
            entry.username = username
        entry.prev_hash = before
        entry.hash = before = sealed_by(entry)
        tamper(
            "UPDATE audit_auditentry SET username = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            entry.username, entry.prev_hash, entry.hash, entry.seq,
        )  # fmt: skip
    tamper("UPDATE audit_chainhead SET hash = %s", before)
