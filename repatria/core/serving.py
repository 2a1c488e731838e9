"""The processes of the production server, watched together: gunicorn, the bulk screening worker and the webhook
worker.

`repatria serve` collects the static files, then becomes this watcher (exec, same process): it imports nothing but
the standard library, so it holds a few megabytes where the site's code holds some 250.
"""

import signal
import subprocess
import sys
import time


def commands(*, bind: str, workers: int, timeout: int) -> list[list[str]]:
    """gunicorn serving the site (WhiteNoise serves the static files), the bulk screening worker, and the worker that
    posts the alerts' outcomes to the partners' webhooks."""
    gunicorn = [
        *(sys.executable, "-m", "gunicorn", "repatria.wsgi"),
        *("--bind", bind, "--workers", str(workers), "--timeout", str(timeout)),
        *("--access-logfile", "-", "--no-control-socket"),
    ]
    worker = [sys.executable, "-m", "repatria"]
    return [gunicorn, [*worker, "screening-worker"], [*worker, "webhook-worker"]]


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


def main(argv: list[str]) -> int:
    """`python -m repatria.core.serving BIND WORKERS TIMEOUT`, as `repatria serve` runs it."""
    bind, workers, timeout = argv
    running = commands(bind=bind, workers=int(workers), timeout=int(timeout))
    return supervise([subprocess.Popen(command) for command in running])  # noqa: S603 (this interpreter)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
