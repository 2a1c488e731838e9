"""Checkpoints: one signed line per run, to standard output or a file, that `verify-audit --checkpoint` holds the
trail to, line by line."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from repatria.audit import chain
from repatria.audit.models import AuditEntry
from repatria.audit.testing import tamper

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def grow(entries: int) -> None:
    for number in range(entries):
        chain.append(kind="view", object_repr=f"record {number}")


def test_a_checkpoint_is_one_signed_json_line_of_the_trails_length_and_last_hash(case):
    line = run("audit_checkpoint")
    assert line.endswith("\n") and line.count("\n") == 1
    checkpoint = json.loads(line)
    last = AuditEntry.objects.order_by("-seq").first()
    assert checkpoint["kind"] == "repatria-audit-checkpoint" and checkpoint["format"] == 1
    assert (checkpoint["seq"], checkpoint["hash"]) == (last.seq, last.hash)
    taken = datetime.datetime.fromisoformat(checkpoint["at"])
    assert abs(taken - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)
    assert len(checkpoint["mac"]) == 64 and checkpoint["mac"] != last.hash


def test_checkpoints_are_appended_to_a_file_and_verify_counts_what_rests_on_the_chain_alone(case, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", "--output", str(path))
    grow(2)
    call_command("audit_checkpoint", "--output", str(path))
    sealed = AuditEntry.objects.count()
    grow(3)
    assert len(path.read_text().splitlines()) == 2

    at = json.loads(path.read_text().splitlines()[-1])["at"]
    assert run("verify_audit", "--checkpoint", str(path)) == (
        f"The audit trail holds: {sealed + 3} entries, every link verified; the {sealed} up to the last checkpoint "
        f"(#{sealed}, {at}) match every checkpoint in {path} (2), the 3 after it rest on the chain alone.\n"
    )


def test_every_checkpoint_in_the_file_is_held_to_not_only_the_last(case, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", "--output", str(path))
    tamper("DELETE FROM audit_auditentry")
    tamper("UPDATE audit_chainhead SET seq = 0, hash = %s", chain.GENESIS)
    grow(AuditEntry.objects.count() + 10)
    call_command("audit_checkpoint", "--output", str(path))  # the next scheduled run signs the new chain
    with pytest.raises(CommandError, match=r"is not the one the checkpoint of .* \(line 1\) sealed"):
        run("verify_audit", "--checkpoint", str(path))


def test_a_checkpoint_signed_under_another_key_is_forged(case, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    with override_settings(AUDIT_KEY="another installation's key, long enough"):
        call_command("audit_checkpoint", "--output", str(path))
    with pytest.raises(CommandError, match=r"\(line 1\) is forged: it was not signed with this installation's audit"):
        run("verify_audit", "--checkpoint", str(path))


def test_an_empty_trail_has_a_checkpoint_too(db, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", "--output", str(path))
    assert json.loads(path.read_text())["seq"] == 0
    grow(1)
    assert "the 1 after it rest on the chain alone" in run("verify_audit", "--checkpoint", str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, r"checkpoints.jsonl cannot be read \(No such file or directory\)"),
        ("\n\n", "checkpoints.jsonl holds no audit checkpoint"),
        ("{}\n", "Line 1 of .*checkpoints.jsonl is not an audit checkpoint"),
        ('\n{"kind": "repatria-audit-checkpoint", "format": 1, "seq": "x"}\n', "Line 2 of .* is not an audit check"),
    ],
)
def test_a_file_that_is_not_one_of_checkpoints_is_refused_naming_the_line(tmp_path, text, message):
    path = tmp_path / "checkpoints.jsonl"
    if text is not None:
        path.write_text(text)
    with pytest.raises(CommandError, match=message):
        run("verify_audit", "--checkpoint", str(path))


def test_a_checkpoint_file_that_cannot_be_written_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match=r"missing/checkpoints.jsonl cannot be written \(No such file or directory"):
        call_command("audit_checkpoint", "--output", str(tmp_path / "missing" / "checkpoints.jsonl"))
