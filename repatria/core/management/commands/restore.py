"""`python -m repatria restore PATH`: put a backup back in place, and prove it holds what its manifest says."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from repatria.core import backup


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by `backup`. The file must match its manifest's SHA-256; after the "
        "restore every table is recounted against the manifest. Stop the web server and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file (its PATH.manifest.json must lie beside it)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database to restore (default: default)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, path: Path, database: str, interactive: bool, **options) -> None:
        try:
            manifest = backup.check_file(path, using=database)
            if interactive:
                self._confirm(path, manifest, database)
            backup.restore(path, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        contents = manifest.contents
        self.stdout.write(f"Restored {path} and verified {len(contents.tables)} tables, {contents.rows:,} rows.")

    def _confirm(self, path: Path, manifest: backup.Manifest, database: str) -> None:
        name = connections[database].settings_dict["NAME"]
        question = (
            f"This replaces everything in the database {name} with the backup {path} (taken {manifest.created}, "
            f"{manifest.contents.rows:,} rows). Type 'yes' to continue: "
        )
        try:
            answer = input(question)
        except EOFError:  # no terminal to answer from: --noinput is the way to script a restore
            answer = ""
            self.stdout.write("")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
