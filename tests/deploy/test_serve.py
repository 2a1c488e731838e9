"""`python -m repatria serve`, the production command, serves a freshly migrated site: an officer signs in through the
real forms (password, then the authenticator's code), reads the dashboard and its stylesheet; SIGTERM stops the
server and the screening worker together."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from django_otp.oath import totp

from .production import production_environment, repatria

READY_WITHIN = 60  # seconds: collecting the static files takes most of it (7 s on 2 cores)
STOPPED_WITHIN = 30
USERNAME, PASSWORD = "night-officer", "served as in production 7"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the hex secret an authenticator app would hold

MAKE_OFFICER = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from repatria.accounts.models import Role, User
officer = User.objects.create_user({USERNAME!r}, password={PASSWORD!r}, role=Role.ADMIN)
TOTPDevice.objects.create(user=officer, name="authenticator", key={TOTP_KEY!r}, confirmed=True)
"""

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the server runs on a SQLite file of its own whatever the suite's database: once is enough",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(environment: dict[str, str], log_path) -> subprocess.Popen:
    """`repatria serve` on a free loopback port, in a process group of its own; stopped with SIGTERM afterwards, and
    whatever is left of the group killed."""
    port = free_port()
    command = [sys.executable, "-m", "repatria", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603 (this interpreter, this project's module)
            command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server.url = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(STOPPED_WITHIN)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_until_ready(server: subprocess.Popen, log_path) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log_path.read_text()}"
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(f"{server.url}/login/", timeout=10).status_code == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"the server did not answer within {READY_WITHIN} s:\n{log_path.read_text()}")


def sign_in(browser: requests.Session, url: str) -> requests.Response:
    """Password, then the code the authenticator shows, as a person would type them; the page signing in ends on."""
    browser.get(f"{url}/login/").raise_for_status()
    form = {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    code_step = browser.post(f"{url}/login/", data=form)
    assert code_step.status_code == 200 and code_step.url.startswith(f"{url}/login/code/"), code_step.url
    code = f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
    return browser.post(code_step.url, data={"code": code, "csrfmiddlewaretoken": browser.cookies["csrftoken"]})


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_production_command_serves_pages_and_static_files_and_stops_on_sigterm(tmp_path):
    environment = production_environment(tmp_path, SECURE_TLS="false")  # plain HTTP on the loopback
    for step in (("migrate", "--no-input", "-v", "0"), ("shell", "-c", MAKE_OFFICER)):
        done = repatria(*step, environment=environment)
        assert done.returncode == 0, done.stderr
    log_path = tmp_path / "serve.log"
    with served(environment, log_path) as server:
        wait_until_ready(server, log_path)
        browser = requests.Session()
        dashboard = sign_in(browser, server.url)
        assert dashboard.status_code == 200 and dashboard.url == f"{server.url}/", dashboard.url
        assert USERNAME in dashboard.text

        # The stylesheet under its hashed name, compressed, kept by browsers for as long as they like.
        stylesheet = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', dashboard.text)
        assert stylesheet, "the page names no hashed stylesheet"
        css = browser.get(f"{server.url}{stylesheet[1]}", headers={"Accept-Encoding": "gzip"})
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
        assert css.headers["Content-Encoding"] == "gzip" and "immutable" in css.headers["Cache-Control"]
        assert "https://getbootstrap.com/" in css.text[:200]

        server.send_signal(signal.SIGTERM)
        assert server.wait(STOPPED_WITHIN) == 0, log_path.read_text()
        deadline = time.monotonic() + 5
        while not group_is_gone(server.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert group_is_gone(server.pid), "gunicorn or the screening worker outlived the command"
