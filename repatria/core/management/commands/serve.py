"""`python -m repatria serve`: the site in production, in one command (docs/DEPLOYMENT.md).

It collects the static files, then runs two processes and watches them: gunicorn serving `repatria.wsgi` (WhiteNoise
serves the static files) and the bulk screening worker. SIGTERM or SIGINT is passed on to both, which stop
gracefully (gunicorn finishes the requests under way, the worker the chunk it is screening); if either stops of its
own accord, the other is stopped too and the command fails, so that whatever supervises it (systemd) starts both
again. Migrations are not run here: they are a step of an upgrade, as the tables' owner (`repatria migrate`).
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

# Long enough for the slowest request: the first screening in a worker process builds the index of every person
# (about 20 s per 100,000 persons, docs/BENCHMARKS.md), and a large export or PDF takes seconds.
TIMEOUT_SECONDS = 120


def default_workers() -> int:
    """WEB_CONCURRENCY if set (gunicorn's convention), else 2 × the cores this process may run on + 1."""
    if configured := os.environ.get("WEB_CONCURRENCY"):
        return int(configured)
    return 2 * len(os.sched_getaffinity(0)) + 1


class Command(BaseCommand):
    help = (
        "Serve the site in production: collect the static files, then run gunicorn and the bulk screening worker "
        "until SIGTERM. Run `migrate` (as the tables' owner) before, on every upgrade."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="address:port to listen on (default 127.0.0.1:8000)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="gunicorn worker processes (default: WEB_CONCURRENCY, else 2 × cores + 1)",
        )

    def handle(self, *args, bind: str, workers: int, **options) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = [
            *(sys.executable, "-m", "gunicorn", "repatria.wsgi"),
            *("--bind", bind, "--workers", str(workers), "--timeout", str(TIMEOUT_SECONDS)),
            *("--access-logfile", "-", "--no-control-socket"),
        ]
        worker = [sys.executable, "-m", "repatria", "screening-worker"]
        self.stdout.write(f"serving on {bind} with {workers} workers, and the screening worker")
        processes = [subprocess.Popen(command) for command in (gunicorn, worker)]  # noqa: S603 (this interpreter)
        sys.exit(supervise(processes))


def supervise(processes: list[subprocess.Popen]) -> int:
    """Wait until a signal asks the processes to stop or one of them stops, then stop them all. The exit status is 0
    when they were asked to stop and all stopped cleanly, else 1."""
    asked = []

    def stop(signum: int) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signum)

    def on_signal(signum: int, frame: object) -> None:
        asked.append(signum)
        stop(signum)

    previous = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not asked and all(process.poll() is None for process in processes):
            time.sleep(0.2)
        if not asked:
            stop(signal.SIGTERM)
        statuses = [process.wait() for process in processes]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0 if asked and not any(statuses) else 1
