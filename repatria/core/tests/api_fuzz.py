"""Schemathesis against the API's own OpenAPI schema, in process: the WSGI application, an officer's session.

Used by test_api_schema.py, whose bounded run is in the suite and whose long run is bench/fuzz_api.py.
The checks: no 5xx, and every answer as the schema describes it (status, content type and body).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.db.models import Model
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from repatria.accounts.models import User
from repatria.accounts.testing import verified_login

SCHEMA_URL = "/api/schema/?format=json"
CHECKS = [not_a_server_error, response_schema_conformance]


@dataclass(frozen=True)
class Session:
    """What a signed-in officer's browser sends: the session cookie, and the CSRF token twice for writes."""

    cookies: dict[str, str]
    headers: dict[str, str]


def officer_session(user: User) -> Session:
    """A session past both sign-in steps, as the officer's browser would hold it."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    client = Client()
    verified_login(client, user)
    csrf = _get_new_csrf_string()
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value, "csrftoken": csrf}
    return Session(cookies=cookies, headers={"X-CSRFToken": csrf})


@contextmanager
def requests_keep_the_connection() -> Iterator[None]:
    """Stop the WSGI handler from closing the database connection after each request, as Django's test client
    does: a test's data lives in a transaction on that connection (PostgreSQL would lose it)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


def load_schema(*, max_examples: int, deterministic: bool, coverage: bool) -> schemathesis.BaseSchema:
    """The schema as the running site serves it, set to generate neither credentials nor a cache on disk."""
    from django.core.wsgi import get_wsgi_application  # not repatria.wsgi: the web process's warm-up has no place here

    config = schemathesis.Config.from_dict(
        {
            "cache": {"enabled": False},
            "generation": {
                "max-examples": max_examples,
                "deterministic": deterministic,
                "with-security-parameters": False,  # the session signs in; a generated header would only be a 401
            },
            "phases": {"coverage": {"enabled": coverage}, "stateful": {"enabled": False}},
        }
    )
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), config=config)


def _records() -> dict[str, type[Model]]:
    from repatria.accounts.models import Organisation
    from repatria.assets.models import Asset
    from repatria.cases.models import Case, Return
    from repatria.registry.models import Person

    return {"persons": Person, "cases": Case, "returns": Return, "assets": Asset, "organisations": Organisation}


# Fields of payloads that name another record, by the collection it is in; and codes of reference data.
REFERENCES = {"case": "cases", "person": "persons", "principal": "persons", "lead_organisation": "organisations",
              "parent": "organisations"}  # fmt: skip
CODES = {"province": "440000", "country": "US", "jurisdiction": "US"}


def _existing(model: type[Model], seed: int) -> Model | None:
    ids = list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:10])
    return model._base_manager.get(pk=ids[seed % len(ids)]) if ids else None


def steer(case: schemathesis.Case) -> None:
    """Point some generated ids and codes at records that exist (those that came out even), so that requests get
    past "not found" into the code behind it; the rest stay as generated. An update steered to a record then
    names its current version half the time, and gets past the conflict check too."""
    records = _records()
    model = records.get(case.operation.path.split("/")[2])
    target = None
    value = case.path_parameters.get("id")
    if model is not None and isinstance(value, int) and value % 2 == 0:
        target = _existing(model, value // 2)
        if target is not None:
            case.path_parameters["id"] = target.pk
    body = case.body
    if not isinstance(body, dict):
        return
    for name, collection in REFERENCES.items():
        if isinstance(body.get(name), int) and body[name] % 2 == 0:
            found = _existing(records[collection], body[name] // 2)
            body[name] = found.pk if found is not None else body[name]
    for name, code in CODES.items():
        if isinstance(body.get(name), str) and len(body[name]) % 2 == 0:
            body[name] = code
    if target is not None and isinstance(body.get("version"), int) and body["version"] % 2 == 0:
        body["version"] = target.version


def check(case: schemathesis.Case, session: Session) -> None:
    """Send the generated request (steered) as the officer and validate the answer."""
    steer(case)
    case.call_and_validate(headers=session.headers, cookies=session.cookies, checks=CHECKS)
