"""One bulk screening worker at work per database, however many are started (`repatria serve` starts one beside every
app server): a worker screens only while it holds the database's worker lock, and the others wait to take over.

The lock ends with the process or connection that holds it, so a worker killed or cut off never keeps the others
waiting, and the one that takes over may resume every job left running. On PostgreSQL it is a session advisory lock
of the connection the worker writes its checkpoints through: a worker that lost that connection can write nothing
more. On SQLite, whose database is a file on one machine, it is a lock of a file beside the private files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

# The advisory lock's number among the database's: any fixed number no other program on the database uses.
ADVISORY_KEY = 0x52455041  # "REPA"


class AdvisoryLock:
    """PostgreSQL's session advisory lock, on the given connection."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.holding = False

    def acquire(self) -> bool:
        """Take the lock if no other worker holds it; True while this one does."""
        if not self.held():
            self.holding = self._ask("SELECT pg_try_advisory_lock(%s)")
        return self.holding

    def held(self) -> bool:
        """Whether this worker still holds the lock (a connection lost and opened anew holds nothing)."""
        self.holding = self.holding and self._ask(
            "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted "
            "AND classid = 0 AND objid = %s AND objsubid = 1)"
        )
        return self.holding

    def release(self) -> None:
        if self.holding:
            with contextlib.suppress(DatabaseError):
                self._ask("SELECT pg_advisory_unlock(%s)")
        self.holding = False

    def _ask(self, query: str) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute(query, [ADVISORY_KEY])
            return bool(cursor.fetchone()[0])


class FileLock:
    """An exclusive flock of a file, held while the file stays open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        if self.fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            self.fd = fd
        return True

    def held(self) -> bool:
        return self.fd is not None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


WorkerLock = AdvisoryLock | FileLock


def worker_lock(using: str = DEFAULT_DB_ALIAS) -> WorkerLock:
    """The lock that makes a worker the database's one worker at work."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return AdvisoryLock(connection)
    return FileLock(Path(settings.PRIVATE_ROOT) / "screening" / "worker.lock")
