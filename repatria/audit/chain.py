"""The chain: each entry's hash seals its own fields and the hash of the entry before it, under the audit key.

Altering a row changes what its hash should be, and only the key's holder can compute it (keys.py); inserting or
deleting one breaks the link of the row after it; removing rows at the end leaves the chain head pointing past the
last row. `verify` names the first such row. What the chain cannot show (the table emptied and a new chain begun,
or its last rows cut together with the head) a checkpoint kept outside the database shows (checkpoints.py).
"""

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from . import keys
from .models import AuditEntry, ChainHead

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "kind", "user_id", "username", "organisation", "request_id", "client_address", "object_type_id",
    "object_id", "object_repr", "before", "after", "prev_hash",
)  # fmt: skip


def canonical(entry: AuditEntry) -> bytes:
    """The sealed fields of an entry as one JSON text: the same bytes for the same content on either engine."""
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["at"] = entry.at.astimezone(datetime.UTC).isoformat()
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def digest(entry: AuditEntry) -> str:
    """The entry's hash: HMAC-SHA256 of its content under the chain's key."""
    return keys.mac(keys.chain_key(), canonical(entry))


def append(**fields) -> AuditEntry:
    """Add an entry at the end of the chain; the head row's lock makes concurrent writers take turns."""
    return append_many([fields])[0]


def append_many(entries: list[dict]) -> list[AuditEntry]:
    """Add entries at the end of the chain, in their order, under one lock of the head row and in one insert."""
    if not entries:
        return []
    # No savepoint: a failure here fails the caller's transaction all the same, and a savepoint costs two round trips.
    with transaction.atomic(savepoint=False):
        head, _new = ChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
        at, added = timezone.now(), []
        for fields in entries:
            entry = AuditEntry(seq=head.seq + 1, prev_hash=head.hash, at=at, **fields)
            entry.hash = digest(entry)
            head.seq, head.hash = entry.seq, entry.hash
            added.append(entry)
        AuditEntry.objects.bulk_create(added)
        head.save(update_fields=["seq", "hash"])
    return added


@dataclass
class Break:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"entry #{self.seq}: {self.problem}"


def breaks(
    *,
    entry_model: type[models.Model] = AuditEntry,
    head_model: type[models.Model] = ChainHead,
    sealed_by: Callable[[AuditEntry], str] = digest,
) -> Iterator[Break]:
    """Every place the chain does not hold, in order. The models and the seal are the migration's to change, which
    verifies a trail sealed before the key under its old hashes (migrations/0004)."""
    previous_seq, previous_hash = 0, GENESIS
    for entry in entry_model.objects.order_by("seq").iterator(chunk_size=2000):
        if sealed_by(entry) != entry.hash:
            yield Break(entry.seq, "its content was altered (its hash no longer matches)")
        if entry.seq != previous_seq + 1:
            yield Break(entry.seq, f"entries #{previous_seq + 1} to #{entry.seq - 1} were deleted")
        elif entry.prev_hash != previous_hash:
            yield Break(entry.seq, "it does not follow the entry before it: a row was inserted or replaced")
        previous_seq, previous_hash = entry.seq, entry.hash
    head = head_model.objects.filter(pk=1).first() or head_model(seq=0, hash=GENESIS)
    if head.seq > previous_seq:
        yield Break(previous_seq + 1, f"the entries after #{previous_seq} up to #{head.seq} were deleted")
    elif head.seq < previous_seq or head.hash != previous_hash:
        yield Break(head.seq + 1, f"entries after #{head.seq} were added outside the application")


def first_break() -> Break | None:
    return next(breaks(), None)


def verification() -> str | None:
    """For a restore: what is wrong with the restored trail, if anything."""
    problem = first_break()
    return f"the audit trail does not hold: {problem}" if problem else None
