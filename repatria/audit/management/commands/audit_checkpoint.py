from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from repatria.audit import checkpoints


class Command(BaseCommand):
    help = (
        "Write a signed checkpoint of the audit trail (how many entries, the last one's hash, the time) as one JSON "
        "line to standard output, for a log shipper, or at the end of FILE. Run it on a schedule and keep its output "
        "outside the database and its server: `verify-audit --checkpoint FILE` checks the trail against it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, metavar="FILE", help="append the checkpoint to FILE")

    def handle(self, *args, output: Path | None, **options) -> None:
        checkpoint = checkpoints.take()
        if output:
            try:
                checkpoints.append_to(output, checkpoint)
            except checkpoints.CheckpointError as error:
                raise CommandError(str(error)) from error
        else:
            self.stdout.write(checkpoint.to_line())
