"""`python -m repatria serve`: the site in production, in one command (docs/DEPLOYMENT.md).

It collects the static files, then becomes the watcher of three processes (repatria.core.serving): gunicorn serving
`repatria.wsgi` (WhiteNoise serves the static files), the bulk screening worker and the webhook worker. SIGTERM or
SIGINT is passed on to all three, which stop gracefully (gunicorn finishes the requests under way, the screening
worker the chunk it is screening, the webhook worker the batch it is delivering); if one stops of its own accord, the
others are stopped too and the command fails, so that whatever supervises it (systemd) starts them all again.
Migrations are not run here: they are a step of an upgrade, as the tables' owner
(`repatria migrate`).
"""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

# Long enough for the slowest request, an import of the most rows a file may hold (50,000): one of 2,000 persons took
# 37 s on SQLite on 2 busy cores, so the largest takes some 15 minutes. The first screening in a worker process
# builds the index of every person (about 20 s per 100,000 persons, docs/BENCHMARKS.md).
TIMEOUT_SECONDS = 900


def default_workers() -> int:
    """WEB_CONCURRENCY if set (gunicorn's convention), else 2 × the cores this process may run on + 1."""
    if configured := os.environ.get("WEB_CONCURRENCY"):
        return int(configured)
    return 2 * len(os.sched_getaffinity(0)) + 1


class Command(BaseCommand):
    help = (
        "Serve the site in production: collect the static files, then run gunicorn, the bulk screening worker and "
        "the webhook worker until SIGTERM. Run `migrate` (as the tables' owner) before, on every upgrade."
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
        parser.add_argument(
            "--timeout",
            type=int,
            default=TIMEOUT_SECONDS,
            help=f"seconds a request may take before its worker is restarted (default {TIMEOUT_SECONDS})",
        )

    def handle(self, *args, bind: str, workers: int, timeout: int, **options) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        self.stdout.write(
            f"serving on {bind}: gunicorn with {workers} worker processes, the screening and the webhook workers"
        )
        self.stdout.flush()
        watcher = [sys.executable, "-m", "repatria.core.serving", bind, str(workers), str(timeout)]
        os.execv(sys.executable, watcher)  # noqa: S606 (this interpreter, our module)
