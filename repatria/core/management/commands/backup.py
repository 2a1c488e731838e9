"""`python -m repatria backup [PATH]`: an online backup of the database, with a manifest to verify its restore by."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from repatria.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database while the site stays in use: SQLite's online backup or pg_dump, consistent even under "
        "concurrent writes. Beside the backup goes PATH.manifest.json (row counts, migrations, SHA-256), which "
        "`restore` checks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="where to write the backup (default: var/backups/repatria-YYYYMMDD-HHMMSS.sqlite3 or .pgdump)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database to back up (default: default)")

    def handle(self, *args, path: Path | None, database: str, **options) -> None:
        try:
            path, manifest = backup.backup(path, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        contents = manifest.contents
        self.stdout.write(
            f"Backed up {len(contents.tables)} tables, {contents.rows:,} rows to {path} "
            f"(manifest: {backup.manifest_path(path)})."
        )
