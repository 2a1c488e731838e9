"""`repatria serve` keeps gunicorn and the screening worker together: when one stops, so does the other."""

import subprocess
import sys

from repatria.core.management.commands.serve import default_workers
from repatria.core.serving import supervise


def python(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code])  # noqa: S603 (this interpreter, our code)


def test_when_one_process_stops_unasked_the_other_is_stopped_and_the_command_fails():
    lasting, failing = python("import time; time.sleep(60)"), python("raise SystemExit(3)")
    assert supervise([lasting, failing]) == 1
    assert lasting.returncode is not None and failing.returncode == 3


def test_the_workers_are_two_per_core_and_one_unless_web_concurrency_says(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert default_workers() == 9
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert default_workers() == 3
