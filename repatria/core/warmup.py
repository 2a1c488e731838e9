"""What a web process prepares in the background as soon as it starts, so that its first request does not: the
screening engine's index of every person, which the first search would otherwise build (seconds: 3.5 s for 3,000
persons, 7 s for the demo's registry).

Apps register their warm-ups in ready(); only the web process starts them (repatria.wsgi, which gunicorn's workers and
runserver load, each after its fork): management commands and migrations never search, and leave the index unbuilt.
A request that comes while a warm-up runs waits for what it needs (the index's lock), never for more.
"""

import logging
import threading
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)

_tasks: list[Callable[[], object]] = []


def register(task: Callable[[], object]) -> None:
    """Have the web process call `task` once, in the background, when it starts."""
    _tasks.append(task)


def _run() -> None:
    try:
        for task in _tasks:
            try:
                task()
            except Exception:  # the first request that needs it does it then, as before
                logger.exception("warm-up %s failed", getattr(task, "__qualname__", task))
    finally:
        connections.close_all()  # this thread's own connections


def start() -> threading.Thread:
    """Run the registered warm-ups in a daemon thread (it does not hold up the process's exit)."""
    thread = threading.Thread(target=_run, name="warm-up", daemon=True)
    thread.start()
    return thread
