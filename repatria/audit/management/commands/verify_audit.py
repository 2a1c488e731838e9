from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from repatria.audit import checkpoints
from repatria.audit.chain import first_break
from repatria.audit.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Walk the audit trail's chain and name the first entry that was altered, inserted or deleted; with "
        "--checkpoint, also prove that nothing up to each checkpoint in FILE was altered, cut or replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint", type=Path, metavar="FILE", help="a file of checkpoints written by audit-checkpoint"
        )

    def handle(self, *args, checkpoint: Path | None, **options) -> None:
        try:
            found = checkpoints.read(checkpoint) if checkpoint else {}
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error)) from error
        problem = first_break() or next(checkpoints.contradictions(found), None)
        if problem:
            raise CommandError(f"The audit trail was tampered with: {problem}.")
        count = AuditEntry.objects.count()
        message = f"The audit trail holds: {count:,} entries, every link verified"
        if found:
            last = max(found.values(), key=lambda point: point.seq)
            message += (
                f"; the {last.seq:,} up to the last checkpoint (#{last.seq:,}, {last.at}) match every checkpoint in "
                f"{checkpoint} ({len(found):,}), the {count - last.seq:,} after it rest on the chain alone"
            )
        self.stdout.write(message + ".")
