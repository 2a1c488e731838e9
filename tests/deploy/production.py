"""The site as DEPLOYMENT.md has it run: `python -m repatria …` in a process of its own, with a production environment
(no development keys, DEBUG off) around a database and folders of the test's own."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

# What a development checkout or the test run sets and a site does not (the browser tests' conftest allows Django's
# async-unsafe calls); DATABASE_URL and the rest are the test's own.
NOT_ON_A_SITE = (
    "REPATRIA_DEV", "DJANGO_SETTINGS_MODULE", "DATABASE_OWNER_URL", "AUDIT_KEY_FILE", "WEB_CONCURRENCY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)  # fmt: skip


def production_environment(folder: Path, **settings: str) -> dict[str, str]:
    """The settings DEPLOYMENT.md lists, with fresh keys and a SQLite database, private and static folders in
    `folder`; `settings` adds to them or replaces them."""
    environment = {name: value for name, value in os.environ.items() if name not in NOT_ON_A_SITE}
    environment.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        AUDIT_KEY=secrets.token_hex(32),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{folder / 'repatria.sqlite3'}",
        PRIVATE_ROOT=str(folder / "private"),
        STATIC_ROOT=str(folder / "static"),
    )
    return environment | settings


def repatria(*args: str, environment: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m repatria ARGS` as an operator would; its output is returned, not checked."""
    command = [sys.executable, "-m", "repatria", *args]
    return subprocess.run(  # noqa: S603 (this interpreter, this project's module)
        command, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )
