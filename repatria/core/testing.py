"""Helpers for tests: the settings module as a given environment reads it, and the record specs of every app."""

import importlib
import importlib.util
import runpy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

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


ACTIONS = frozenset({"view", "add", "change", "delete", "export"})


@dataclass(frozen=True)
class RecordSpec:
    """What the tests that loop over every record type (the permission matrices) need to know of one type.

    Each app lists its types in `<app>/specs.py` as `SPECS`; `record_specs()` gathers them all, so the record
    types of a new app join the matrices without a test being edited.
    """

    model: type[models.Model]
    # Text that shows the record in its list or export.
    marker: Callable[[models.Model], str]
    # For a part edited from its parent's page: the parent's field ("case", "person", "request"...); None for a
    # paged type.
    parent: str | None = None
    # A payload that creates through the API a record like those given (one of each type, keyed by model
    # name, on one side of the matrices' world); None if the type has no endpoint of its own.
    api_payload: Callable[[dict[str, models.Model]], dict] | None = None
    # A free-text field the API's update changes.
    api_text: str = ""
    # The actions every provincial and agency officer holds on every record of the type, wherever it is;
    # None when their grants follow the record's case or person.
    officers_hold: frozenset[str] | None = None
    # The actions users do on the type's records: the matrices try only these (the others are the system's, or the
    # parent's; the type's specs module says which and where they are tested).
    actions: frozenset[str] = ACTIONS
    # For a part whose actions are done on its parent's page rather than on pages of its own (a check decided on
    # its request's page): whether the logged-in client may do the action on the record, found out as the user
    # would and changing nothing; None for the pages named `<app>:<model>_<action>`.
    probe: Callable[[Client, str, models.Model], bool] | None = None

    @property
    def name(self) -> str:
        return self.model._meta.model_name

    @property
    def app(self) -> str:
        return self.model._meta.app_label


def record_specs() -> dict[str, RecordSpec]:
    """Every installed app's record specs (its `specs` module, if it has one), by model name."""
    specs = {}
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.specs") is not None:
            module = importlib.import_module(f"{config.name}.specs")
            specs |= {spec.name: spec for spec in module.SPECS}
    return specs
