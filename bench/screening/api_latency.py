"""Server time of single-query screening requests, POST /api/match/default, over a large demo registry.

Usage (main venv, on a throwaway PostgreSQL):
    scripts/with-postgres .venv/bin/python bench/screening/api_latency.py [--persons 100000] [--requests 400]

Loads the demo data (``seed-demo --fast``, once per database), issues a partner token with the screening scope,
loads the registry's screening index (timed on its own: the first request of a fresh process pays it), then sends
single-query requests through Django's test client with the token: the time from request to response inside the
server, which includes reading the token, screening, the screening log and any alerts. The queries are demo
persons' names written in pinyin, Wade-Giles, Hong Kong Cantonese, traditional characters or with a Western first
name (written by bench/screening/render.py, not by the engine), half with the birth year, and a quarter names of
nobody on the list.
"""

import argparse
import datetime
import io
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
os.environ.setdefault("REPATRIA_DEV", "1")
os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test client

import django  # noqa: E402

django.setup()

import name_tables  # noqa: E402
import render  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def token_client() -> Client:
    from repatria.accounts import tokens
    from repatria.accounts.models import Organisation, OrganisationKind, Scope, User

    partner = Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by("pk").first()
    issued = tokens.issue_token(
        organisation=partner, name="latency benchmark", scopes=[Scope.SCREENING],
        expires=timezone.now() + datetime.timedelta(days=1), created_by=User.objects.get(username="admin"),
    )  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Token {issued.key}")


def queries(entities: list, count: int, seed: int) -> list[dict]:
    rng = random.Random(f"api:{seed}")
    chinese = [e for e in entities if e.names and render.split(e.names[0])[0] and "\u4e00" <= e.names[0][0] <= "\u9fff"]
    out = []
    for i in range(count):
        if i % 4 == 3:  # nobody on the list: a name from the tables with a birth date
            surname = rng.choice(name_tables.surnames())[0]
            given = rng.choice(name_tables.male_given())[0] + rng.choice(name_tables.female_given())[0]
            family, rest = render.pinyin(surname + given)
            props = {"name": [f"{family} {rest}"], "birthDate": [str(rng.randint(1945, 1985))]}
        else:
            entity = rng.choice(chinese)
            name = entity.names[0]
            style = rng.choice(("pinyin", "wade_giles", "cantonese", "traditional", "western"))
            if style == "pinyin":
                family, rest = render.pinyin(name)
                text = f"{family.upper()} {rest}"
            elif style == "wade_giles":
                family, rest = render.wade_giles(name)
                text = f"{family} {'-'.join(rest).capitalize()}"
            elif style == "cantonese":
                family, rest = render.cantonese(name, rng)
                text = f"{family.upper()} {' '.join(s.capitalize() for s in rest)}"
            elif style == "traditional":
                text = render.traditional(name)
            else:
                family, rest = render.pinyin(name)
                text = f"{rng.choice(name_tables.western_male())} {family} {rest}"
            props = {"name": [text]}
            if entity.birth_dates and rng.random() < 0.5:
                props["birthDate"] = [entity.birth_dates[0][:4]]
        out.append({"queries": {"q": {"schema": "Person", "properties": props}}})
    return out


def p95(times: list[float]) -> float:
    ordered = sorted(times) or [0.0]
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", persons=args.persons, once=True, fast=True, stdout=io.StringIO())
    print(f"demo data ready in {time.perf_counter() - start:.0f} s")

    from repatria.registry.models import Person
    from repatria.screening.listing import registry_index
    from repatria.screening.services import dataset_persons

    start = time.perf_counter()
    index = registry_index()
    loaded = time.perf_counter() - start
    print(f"screening index of {len(index):,} persons loaded from the database in {loaded:.1f} s")

    client = token_client()
    listed = {str(pk) for pk in dataset_persons("default").values_list("pk", flat=True)}
    bodies = queries([e for e in index if e.id in listed], args.requests, args.seed)
    for body in bodies[:10]:  # warm the caches of the engine and the connection
        client.post("/api/match/default", data=json.dumps(body), content_type="application/json")
    times, sql = {True: [], False: []}, {True: [], False: []}  # by whether the request had a match
    for body in bodies:
        connection.queries_log.clear()  # a bounded deque: counting past its end would count nothing
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post("/api/match/default", data=json.dumps(body), content_type="application/json")
            took = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.content[:500]
        hit = any(r["match"] for r in response.json()["responses"]["q"]["results"])
        times[hit].append(took)
        sql[hit].append(len(captured))
    every = sorted(times[True] + times[False])
    print(
        f"\n{Person.objects.count():,} persons, {len(listed):,} in the default dataset, on {connection.vendor}; "
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}"
    )
    print(
        f"POST /api/match/default, one query per request, {len(every)} requests ({len(times[True])} with a match): "
        f"median {statistics.median(every):.1f} ms, p95 {p95(every):.1f} ms, max {every[-1]:.1f} ms; "
        f"p95 {p95(times[False]):.1f} ms without a match, {p95(times[True]):.1f} ms with one; "
        f"SQL queries per request: median {statistics.median(sql[False] or [0]):.0f} without a match, "
        f"{statistics.median(sql[True] or [0]):.0f} with one"
    )


if __name__ == "__main__":
    main()
