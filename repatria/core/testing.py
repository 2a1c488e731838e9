"""Helpers for tests: the settings module as a given environment reads it."""

import runpy
from pathlib import Path

import pytest

from repatria import settings as settings_module

# What the settings read that decides whether they load, and how.
READ = ("DEBUG", "REPATRIA_DEV", "SECRET_KEY", "AUDIT_KEY", "AUDIT_KEY_FILE", "DATABASE_URL", "DATABASE_OWNER_URL")


def read_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    """The settings as a production environment (no DEBUG, no development keys) holding only `env` reads them; a
    secret key is given unless `env` names one."""
    for name in READ:
        monkeypatch.delenv(name, raising=False)
    for name, value in {"SECRET_KEY": "a secret key for the settings tests", **env}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings_module.__file__)))
