"""Online backups of the database that prove themselves, and their verified restore.

A backup is only worth what its restore gives back. So every backup carries a manifest (JSON beside it) with the rows
of every table and the applied migrations, read in the very snapshot the backup copies, and the SHA-256 of the file.
A restore refuses a file that does not match its hash, and reports success only when the restored tables hold the
rows the manifest promises and every registered verifier agrees.
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore are run with a fixed argument list, never through a shell
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .database_roles import as_owner

# Checks run after a restore, once the row counts match: each returns an error message, or None when all is well.
# The audit trail's chain check registers itself here.
VERIFIERS: list[Callable[[], str | None]] = []

MANIFEST_FORMAT = 1
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
PG_BIN_ROOT = Path("/usr/lib/postgresql")
Cursor = Any  # a DB-API cursor: sqlite3's, psycopg's or Django's wrapper; only execute/fetchone/fetchall are used


class BackupError(Exception):
    """A backup or restore that did not happen or did not verify; the message is written for the operator."""


@dataclass(frozen=True)
class Contents:
    """What a database holds, in one snapshot: rows per table and the applied migrations."""

    tables: dict[str, int]
    migrations: list[tuple[str, str]]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass(frozen=True)
class Manifest:
    """What a backup file must be (its hash) and must give back (its contents) for a restore to count as done."""

    engine: str
    file: str
    size: int
    sha256: str
    created: str
    contents: Contents

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "engine": self.engine,
                "file": self.file,
                "size": self.size,
                "sha256": self.sha256,
                "created": self.created,
                "rows": self.contents.rows,
                "tables": self.contents.tables,
                "migrations": [list(migration) for migration in self.contents.migrations],
            },
            indent=2,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if data.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"unknown manifest format {data.get('format')!r}")
        contents = Contents(
            tables={str(table): int(count) for table, count in data["tables"].items()},
            migrations=[(str(app), str(name)) for app, name in data["migrations"]],
        )
        return cls(data["engine"], data["file"], int(data["size"]), data["sha256"], data["created"], contents)


# Public entry points.


def backup(path: Path | None = None, *, using: str = DEFAULT_DB_ALIAS) -> tuple[Path, Manifest]:
    """Copy the live database to `path` (default under var/backups/) and write its manifest beside it."""
    conn = connections[using]
    engine = _engine(conn)
    path = Path(path) if path else default_path(engine)
    for existing in (path, manifest_path(path)):
        if existing.exists():
            raise BackupError(f"{existing} already exists; choose another path (backups are never overwritten).")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = _temp_beside(path)
    try:
        contents = _sqlite_backup(conn, staged) if engine == "sqlite" else _pg_backup(conn, staged)
        size, digest = staged.stat().st_size, _sha256(staged)
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    manifest = Manifest(engine, path.name, size, digest, timezone.localtime().isoformat(timespec="seconds"), contents)
    _write_atomically(manifest_path(path), manifest.to_json())
    return path, manifest


def check_file(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """The backup's manifest, once the file is known to be the one the manifest describes; nothing is touched."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    manifest = read_manifest(path)
    engine = _engine(connections[using])
    if manifest.engine != engine:
        raise BackupError(f"{path} is a {manifest.engine} backup; the configured database is {engine}.")
    if _sha256(path) != manifest.sha256:
        raise BackupError(
            f"{path} does not match its manifest (the SHA-256 differs): the file is damaged or was altered. "
            "Nothing was restored."
        )
    return manifest


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Replace the configured database with a backup, and prove it holds what the backup's manifest says."""
    path = Path(path)
    manifest = check_file(path, using=using)
    conn = connections[using]
    if manifest.engine == "sqlite":
        _sqlite_restore(path, manifest, conn)
    else:
        with as_owner(using):  # it drops and makes the tables: the site's own role may not
            _pg_restore(path, manifest, conn)
    return manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest beside a backup: without it a restore could not be verified, so it is required."""
    manifest_file = manifest_path(path)
    try:
        return Manifest.from_json(manifest_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"The manifest {manifest_file} is missing; an unverifiable backup is not restored.") from None
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"The manifest {manifest_file} is unreadable ({error}).") from error


def manifest_path(path: Path) -> Path:
    """Where a backup's manifest lives: beside it, named after it, so the two travel together."""
    path = Path(path)
    return path.with_name(f"{path.name}.manifest.json")


def default_path(engine: str) -> Path:
    """A new, time-stamped file under var/backups/, so that successive backups never overwrite each other."""
    var_dir = Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return var_dir / "backups" / f"repatria-{stamp}{SUFFIXES[engine]}"


def project_tables() -> list[str]:
    """The table of every installed model (many-to-many ones included): what a backup must give back."""
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


# Reading and comparing contents, alike for both engines.


def read_contents(cursor: Cursor, engine: str, tables: Iterable[str] | None = None) -> Contents:
    """Rows per table (the project's, by default) and the migration state, all through the one cursor given."""
    existing = _existing_tables(cursor, engine)
    wanted = project_tables() if tables is None else tables
    counts = {table: _count(cursor, table) for table in wanted if table in existing}
    migrations: list[tuple[str, str]] = []
    if "django_migrations" in existing:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [(app, name) for app, name in cursor.fetchall()]
    return Contents(counts, migrations)


def differences(expected: Contents, actual: Contents) -> list[str]:
    """Every way `actual` falls short of `expected`, in words an operator can act on."""
    problems = []
    for table, count in expected.tables.items():
        found = actual.tables.get(table)
        if found is None:
            problems.append(f"table {table} is missing")
        elif found != count:
            problems.append(f"{table} has {found:,} rows, the manifest says {count:,}")
    if actual.migrations != expected.migrations:
        problems.append("the applied migrations differ from the manifest's")
    return problems


def _existing_tables(cursor: Cursor, engine: str) -> set[str]:
    if engine == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = ANY (current_schemas(false))")
    return {name for (name,) in cursor.fetchall()}


def _count(cursor: Cursor, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'  # the same identifier quoting in SQLite and PostgreSQL
    cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 - a table name from the installed models, quoted
    return cursor.fetchone()[0]


def _verify_live(conn: BaseDatabaseWrapper, manifest: Manifest) -> list[str]:
    """Recount the restored database through Django, then ask every registered verifier."""
    with conn.cursor() as cursor:
        actual = read_contents(cursor, manifest.engine, manifest.contents.tables)
    problems = differences(manifest.contents, actual)
    problems += [message for verifier in VERIFIERS if (message := verifier())]
    return problems


def _engine(conn: BaseDatabaseWrapper) -> str:
    if conn.vendor not in SUFFIXES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {conn.vendor}.")
    return conn.vendor


# SQLite.


def _sqlite_file(conn: BaseDatabaseWrapper) -> Path:
    if conn.is_in_memory_db():
        raise BackupError("The configured SQLite database lives in memory; there is no file to back up or restore.")
    return Path(conn.settings_dict["NAME"])


def _sqlite_backup(conn: BaseDatabaseWrapper, target: Path) -> Contents:
    """Copy with SQLite's online backup, then count in the copy: the counts are those of the copied snapshot."""
    live = _sqlite_file(conn)
    if not live.is_file():
        raise BackupError(f"There is no database at {live}.")
    with (
        contextlib.closing(sqlite3.connect(live, timeout=30)) as source,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        # The default pages=-1 copies the whole database in a single step, inside one read transaction: one
        # consistent snapshot. In WAL mode other processes go on writing meanwhile; they never restart the copy.
        source.backup(copy)
        # A self-contained file: the copy takes the source's WAL mode, and a WAL file would need -wal/-shm companions.
        copy.execute("PRAGMA journal_mode=DELETE")
        return read_contents(copy.cursor(), "sqlite")


def _sqlite_restore(backup_file: Path, manifest: Manifest, conn: BaseDatabaseWrapper) -> None:
    """Stage a verified copy beside the live file, swap it in atomically, recheck; put the old one back on failure."""
    live = _sqlite_file(conn)
    staged = _stage_sqlite_copy(backup_file, live, manifest)
    try:
        connections.close_all()
        with _sole_access(live):
            previous = _keep_previous(live)
            os.replace(staged, live)
            _fsync_dir(live.parent)
    finally:
        staged.unlink(missing_ok=True)
    try:
        problems = _verify_live(conn, manifest)
    except BaseException:
        _put_back(previous, live)
        raise
    if problems:
        _put_back(previous, live)
        raise BackupError(
            "Verification failed after the restore, so the previous database was put back: " + "; ".join(problems) + "."
        )
    if previous:
        previous.unlink(missing_ok=True)


def _stage_sqlite_copy(backup_file: Path, live: Path, manifest: Manifest) -> Path:
    """Copy the backup beside the live file (same file system, so the swap is atomic) and verify the copy itself."""
    staged = _temp_beside(live)
    try:
        with backup_file.open("rb") as source, staged.open("wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
            target.flush()
            os.fsync(target.fileno())
        _match_owner(staged, live)
        problems = _sqlite_file_problems(staged, manifest)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if problems:
        staged.unlink(missing_ok=True)
        raise BackupError(
            "Verification failed; nothing was restored and the live database is untouched: " + "; ".join(problems) + "."
        )
    return staged


def _sqlite_file_problems(path: Path, manifest: Manifest) -> list[str]:
    if _sha256(path) != manifest.sha256:
        return ["the copy beside the database does not match the manifest's SHA-256 (copy error?)"]
    with contextlib.closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as copy:
        (integrity,) = copy.execute("PRAGMA quick_check").fetchone()
        if integrity != "ok":
            return [f"SQLite's integrity check of the backup failed ({integrity})"]
        return differences(manifest.contents, read_contents(copy.cursor(), "sqlite", manifest.contents.tables))


@contextlib.contextmanager
def _sole_access(live: Path) -> Iterator[None]:
    """Hold the live database exclusively while it is swapped, and make sure no -wal file outlives the swap.

    Leaving WAL mode needs every other connection to be closed, so it doubles as the check that nobody else has the
    database open; a stale -wal file would otherwise be replayed into the restored database.
    """
    if not live.exists():
        yield
        return
    with contextlib.closing(sqlite3.connect(live, timeout=5, isolation_level=None)) as lock:
        try:
            (mode,) = lock.execute("PRAGMA journal_mode=DELETE").fetchone()
            lock.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError:
            mode = "busy"
        if mode != "delete":
            raise BackupError(
                f"{live} is in use by another process; stop the web server and workers, then restore again. "
                "Nothing was changed."
            )
        yield


def _keep_previous(live: Path) -> Path | None:
    """A hard link to the database being replaced, so that a restore failing its checks can be undone."""
    if not live.exists():
        return None
    previous = live.with_name(f".{live.name}.before-restore")
    previous.unlink(missing_ok=True)
    try:
        os.link(live, previous)
    except OSError:
        shutil.copy2(live, previous)
    return previous


def _put_back(previous: Path | None, live: Path) -> None:
    connections.close_all()
    with _sole_access(live):
        if previous:
            os.replace(previous, live)
        else:
            live.unlink()
        _fsync_dir(live.parent)


def _match_owner(path: Path, like: Path) -> None:
    """The restored file keeps the live file's mode and owner, so the web server can still open it."""
    if not like.exists():
        return
    shutil.copymode(like, path)
    status = like.stat()
    with contextlib.suppress(PermissionError):
        os.chown(path, status.st_uid, status.st_gid)


# PostgreSQL.


def _pg_backup(conn: BaseDatabaseWrapper, target: Path) -> Contents:
    """pg_dump the database, counting rows in the very snapshot the dump copies.

    Why a shared snapshot rather than counting afterwards in a temporary restore: a REPEATABLE READ transaction
    exports its snapshot, pg_dump --snapshot imports it, so the counts and the dump see exactly the same committed
    data whatever is written meanwhile, and the counts describe the live database, not just whatever the file holds
    (the restore's recount then proves the file gives it back). The transaction stays open until pg_dump is done:
    an exported snapshot lives only as long as its transaction, and the ACCESS SHARE locks the counts took keep
    schema changes off those tables until pg_dump holds its own. A temporary restore would also need CREATEDB
    rights and the time of a full restore on every backup.
    """
    import psycopg

    with contextlib.closing(psycopg.connect(**conn.get_connection_params())) as session:
        session.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with session.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version_num')::int")
            snapshot, version = cursor.fetchone()
            contents = read_contents(cursor, "postgresql")
        pg_dump = pg_tool("pg_dump", version // 10000)
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *_pg_target(conn)], conn)
        session.rollback()
    return contents


def _pg_restore(backup_file: Path, manifest: Manifest, conn: BaseDatabaseWrapper) -> None:
    """pg_restore into the configured database in one transaction, then recount and ask the verifiers."""
    pg_restore = pg_tool("pg_restore", conn.pg_version // 10000)
    connections.close_all()
    # --single-transaction: a restore that fails half-way leaves the database as it was, not half dropped.
    # --no-acl: the grants are made afresh for this installation's roles (database_roles.as_owner), whatever the
    # roles of the database the backup was taken from.
    options = ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction"]
    _run([pg_restore, *options, *_pg_target(conn), str(backup_file)], conn)
    problems = _verify_live(conn, manifest)
    if problems:
        raise BackupError(
            f"Verification failed after restoring {backup_file}; the database now holds that backup's data, which "
            "does not match its manifest: " + "; ".join(problems) + "."
        )


def pg_tool(name: str, server_major: int) -> str:
    """The PostgreSQL client program to run: the one matching the server's major version, else the newest.

    pg_dump refuses servers newer than itself, and the one on PATH (Debian's wrapper) is not always the right one.
    """
    found = _pg_tool_candidates(name)
    if not found:
        raise BackupError(f"{name} was not found; install the PostgreSQL client programs (postgresql-client).")
    return choose_tool(found, server_major)


def choose_tool(found: list[tuple[int, str]], server_major: int) -> str:
    """Of (major version, path) pairs, the first matching the server, else the newest (the first of equals)."""
    matching = [path for major, path in found if major == server_major]
    return matching[0] if matching else max(found, key=lambda candidate: candidate[0])[1]


def _pg_tool_candidates(name: str) -> list[tuple[int, str]]:
    found = []
    on_path = shutil.which(name)
    if on_path and (major := _tool_major(on_path)) is not None:
        found.append((major, on_path))
    for bindir in PG_BIN_ROOT.glob("*/bin"):
        tool = bindir / name
        if bindir.parent.name.isdigit() and tool.is_file() and os.access(tool, os.X_OK):
            found.append((int(bindir.parent.name), str(tool)))
    return found


def _tool_major(path: str) -> int | None:
    result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    match = re.search(r"PostgreSQL\)\s+(\d+)", result.stdout)
    return int(match.group(1)) if match else None


def _pg_target(conn: BaseDatabaseWrapper) -> list[str]:
    name = conn.settings_dict["NAME"]
    return ["--no-password", f"--dbname={name}"] if name else ["--no-password"]


def _pg_env(conn: BaseDatabaseWrapper) -> dict[str, str]:
    """libpq's environment for the configured database; the password goes in PGPASSWORD, never on the command line."""
    settings_dict = conn.settings_dict
    _args, extra = conn.client.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _run(args: list[str], conn: BaseDatabaseWrapper) -> None:
    result = subprocess.run(args, env=_pg_env(conn), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        message = result.stderr.strip()[-2000:] or "no message"
        raise BackupError(f"{Path(args[0]).name} failed (exit status {result.returncode}): {message}")


# Files.


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _temp_beside(path: Path) -> Path:
    """An empty, private (0600) file in the same folder, to be renamed over `path` once complete."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(descriptor)
    return Path(name)


def _write_atomically(path: Path, text: str) -> None:
    staged = _temp_beside(path)
    try:
        with staged.open("w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: on POSIX it is recorded in the folder, which needs its own fsync."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
