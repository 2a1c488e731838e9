"""Checkpoints: the trail's length and last hash at a moment, signed, and kept outside the database.

The chain shows a row altered, inserted or removed, but not a trail emptied and begun afresh, nor its last entries
cut together with the head: either leaves a chain that holds. `audit-checkpoint`, run on a schedule, writes the head
to a file or to a log shipper, signed with a key of its own derived from the audit key; `verify-audit --checkpoint
FILE` then proves that nothing up to each checkpoint was altered, cut or replaced. Entries after the last checkpoint
rest on the chain alone: the interval between checkpoints is how much of the trail's end could go unseen.
"""

import datetime
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Max
from django.utils import timezone

from . import keys
from .chain import GENESIS
from .models import AuditEntry

KIND = "repatria-audit-checkpoint"  # what a log shipper or a reader greps for
FORMAT = 1


class CheckpointError(Exception):
    """A checkpoint file that cannot be read; the message says where."""


@dataclass(frozen=True)
class Checkpoint:
    """The trail held entries #1 to #seq, the last with `hash`, at `at` (UTC); `mac` signs the three."""

    seq: int
    hash: str
    at: str
    mac: str

    @classmethod
    def signed(cls, seq: int, hash: str, at: str) -> "Checkpoint":
        content = json.dumps(_fields(seq, hash, at), sort_keys=True, separators=(",", ":")).encode()
        return cls(seq, hash, at, keys.mac(keys.checkpoint_key(), content))

    @property
    def authentic(self) -> bool:
        return hmac.compare_digest(self.mac, Checkpoint.signed(self.seq, self.hash, self.at).mac)

    def to_line(self) -> str:
        return json.dumps({**_fields(self.seq, self.hash, self.at), "mac": self.mac}, sort_keys=True)

    @classmethod
    def from_line(cls, line: str) -> "Checkpoint":
        data = json.loads(line)
        if data.get("kind") != KIND or data.get("format") != FORMAT:
            raise ValueError("not a checkpoint")
        return cls(int(data["seq"]), str(data["hash"]), str(data["at"]), str(data["mac"]))


def take() -> Checkpoint:
    """A checkpoint of the trail as it stands: its last entry, not the head row, which the site's role may update."""
    seq, last_hash = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first() or (0, GENESIS)
    at = timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds")
    return Checkpoint.signed(seq, last_hash, at)


def append_to(path: Path, checkpoint: Checkpoint) -> None:
    """Add a checkpoint at the end of a file, on disk before returning."""
    try:
        with path.open("a", encoding="utf-8") as file:
            file.write(checkpoint.to_line() + "\n")
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        raise CheckpointError(f"{path} cannot be written ({error.strerror}).") from error


def read(path: Path) -> dict[int, Checkpoint]:
    """Every checkpoint in a file, by line number; blank lines are skipped, any other line is an error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CheckpointError(f"{path} cannot be read ({error.strerror}).") from error
    found = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            found[number] = Checkpoint.from_line(line)
        except (ValueError, KeyError, TypeError, AttributeError):
            raise CheckpointError(f"Line {number} of {path} is not an audit checkpoint.") from None
    if not found:
        raise CheckpointError(f"{path} holds no audit checkpoint.")
    return found


def contradictions(found: dict[int, Checkpoint]) -> Iterator[str]:
    """Where the trail as it is now departs from the checkpoints (from `read`), checkpoint by checkpoint."""
    last = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    hashes = _hashes({checkpoint.seq for checkpoint in found.values()})
    for number, checkpoint in found.items():
        which = f"the checkpoint of {checkpoint.at} (line {number})"
        if not checkpoint.authentic:
            yield f"{which} is forged: it was not signed with this installation's audit key"
        elif checkpoint.seq > last:
            yield (
                f"the trail ends at #{last}, but {which} sealed #{checkpoint.seq}: entries were removed (cut from the "
                "end, or the table emptied)"
            )
        elif hashes.get(checkpoint.seq, GENESIS) != checkpoint.hash:
            yield (
                f"entry #{checkpoint.seq} is not the one {which} sealed: the trail up to it was replaced (emptied and "
                "begun afresh, or rewritten)"
            )


def _fields(seq: int, hash: str, at: str) -> dict:
    return {"kind": KIND, "format": FORMAT, "seq": seq, "hash": hash, "at": at}


def _hashes(seqs: set[int], batch: int = 2000) -> dict[int, str]:
    ordered = sorted(seqs)
    found = {}
    for start in range(0, len(ordered), batch):
        found.update(AuditEntry.objects.filter(seq__in=ordered[start : start + batch]).values_list("seq", "hash"))
    return found
