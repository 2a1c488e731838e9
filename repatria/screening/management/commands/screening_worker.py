"""`python -m repatria screening-worker`: screen the bulk files waiting, chunk by chunk, resuming after a restart.

Any number may run (one beside each app server): one at a time screens, holding the database's worker lock
(repatria.screening.worker_lock), and the others wait to take over when it stops.
"""

import datetime
import logging
import signal
import threading
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from django.utils import timezone

from repatria.screening import bulk
from repatria.screening.models import BulkJob, JobStatus
from repatria.screening.worker_lock import WorkerLock, worker_lock

logger = logging.getLogger(__name__)

# A running job untouched this long was left by a worker that died; another worker takes it over.
STALE_AFTER = datetime.timedelta(minutes=10)


class Command(BaseCommand):
    help = (
        "Screen the bulk screening jobs waiting, and those a stopped worker left running (from their last finished "
        "chunk). SIGTERM or Ctrl+C stops after the current chunk. Of the workers started on one database, one at a "
        "time screens; the others wait to take over."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="screen the jobs waiting now, then exit")
        parser.add_argument("--sleep", type=float, default=2.0, help="seconds between looks when idle (default 2)")
        parser.add_argument(
            "--chunk-rows", type=int, default=bulk.CHUNK_ROWS, help=f"rows per chunk (default {bulk.CHUNK_ROWS})"
        )

    def handle(self, *args, once: bool, sleep: float, chunk_rows: int, **options) -> None:
        self.stopping = False
        # Signals reach the main thread only (a test may run the worker in another).
        main = threading.current_thread() is threading.main_thread()
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)} if main else {}
        lock = worker_lock()
        try:
            while self._take_the_lock(lock, once=once, sleep=sleep):
                self._loop(lock, once=once, sleep=sleep, chunk_rows=chunk_rows)
                if once:
                    return
        finally:
            lock.release()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def _take_the_lock(self, lock: WorkerLock, *, once: bool, sleep: float) -> bool:
        """Wait until this worker holds the lock (True) or is stopped (False); with --once, do not wait."""
        if self.stopping:
            return False
        if lock.acquire():
            return True
        self.stdout.write("another worker is screening this database's jobs" + ("" if once else "; waiting"))
        while not once and not self.stopping:
            time.sleep(sleep)
            if lock.acquire():
                return True
        return False

    def _loop(self, lock: WorkerLock, *, once: bool, sleep: float, chunk_rows: int) -> None:
        # Jobs left running when the lock is taken are this worker's: whoever ran them stopped, since it let the lock
        # go. Later, only those whose worker has been silent for STALE_AFTER.
        orphans = list(BulkJob.objects.filter(status=JobStatus.RUNNING).order_by("created", "pk"))
        while not self.stopping and lock.held():
            job = orphans.pop(0) if orphans else self._claim()
            if job is None:
                if once:
                    return
                time.sleep(sleep)
                continue
            self._run(job, chunk_rows, still_holding=lock.held)

    def _claim(self) -> BulkJob | None:
        """The oldest job waiting (or abandoned), marked running so that no other worker takes it."""
        stale = timezone.now() - STALE_AFTER
        waiting = BulkJob.objects.filter(
            Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, updated__lt=stale)
        ).order_by("created", "pk")
        for job in waiting[:5]:
            taken = BulkJob.objects.filter(pk=job.pk, status=job.status, updated=job.updated).update(
                status=JobStatus.RUNNING, updated=timezone.now()
            )
            if taken:
                job.refresh_from_db()
                return job
        return None

    def _run(self, job: BulkJob, chunk_rows: int, still_holding: Callable[[], bool]) -> None:
        self.stdout.write(f"screening job {job.pk} ({job.name}) from row {job.rows_done}")
        try:
            finished = bulk.run_job(job, chunk_rows=chunk_rows, stop=lambda: self.stopping or not still_holding())
        except Exception as error:
            logger.exception("bulk screening job %s failed", job.pk)
            bulk.fail(job, str(error) or type(error).__name__)
            self.stderr.write(f"job {job.pk} failed: {error}")
            return
        if finished:
            self.stdout.write(f"job {job.pk} {job.status}: {job.rows_done} rows, {job.matches} matches")
        else:
            self.stdout.write(f"job {job.pk} paused at row {job.rows_done}; it resumes when a worker starts")
