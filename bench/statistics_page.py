"""Server time of the statistics over a large demo registry: the page for all years, its API, the service alone.

Usage (`make bench-statistics` runs it on a throwaway PostgreSQL, then on SQLite):
    python bench/statistics_page.py [--persons 100000] [--events 1000000] [--repeat 10]

Loads the demo data (once per database) and adds journal notes until the timeline holds `--events` events, as a
registry kept for years would; then times, through Django's test client, the statistics page and the statistics
API for all years (the heaviest period) and for one year, and the year's workbook and PDF report, as the central
administrator and as the Guangdong officer (whose figures go through the grants' filters).
"""

import argparse
import datetime
import io
import random
import statistics
import time

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from list_pages import measure  # sets Django up, as this script's neighbour


def top_up_events(target: int) -> None:
    """Journal notes on random cases until the timeline holds `target` events."""
    from repatria.cases.models import Case, Event, EventKind

    missing = target - Event.objects.count()
    cases = list(Case.objects.values_list("pk", flat=True))
    rng, start = random.Random(7), timezone.now() - datetime.timedelta(days=3650)
    while missing > 0:
        batch = min(missing, 20_000)
        Event.objects.bulk_create(
            Event(kind=EventKind.NOTE, occurred_at=start + datetime.timedelta(minutes=rng.randrange(5_000_000)),
                  case_id=rng.choice(cases), data={"text": "跟进记录"})
            for _ in range(batch)
        )  # fmt: skip
        missing -= batch


def service_time(user, period: str, repeat: int) -> float:
    from repatria.stats import services
    from repatria.stats.periods import parse_period

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        services.figures(user=user, period=parse_period(period))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", persons=args.persons, once=True, fast=True, stdout=io.StringIO())
    top_up_events(args.events)
    print(f"data ready in {time.perf_counter() - start:.0f} s")

    from repatria.accounts.models import User
    from repatria.accounts.testing import verified_login
    from repatria.cases.models import Event, Return
    from repatria.registry.models import Person

    print(
        f"\n{Person.objects.count():,} persons, {Return.objects.count():,} returns, {Event.objects.count():,} "
        f"timeline events on {connection.vendor}; {datetime.datetime.now(datetime.UTC):%Y-%m-%d} (UTC)\n"
    )
    year = str(timezone.localdate().year - 1)
    print("| request | admin median ms | p95 ms | queries | provincial officer median ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    users = [User.objects.get(username=name) for name in ("admin", "guangdong")]
    clients = []
    for user in users:
        clients.append(Client())
        verified_login(clients[-1], user)
    for name, url in [
        ("statistics page, all years", "/stats/?period="),
        (f"statistics page, {year}", f"/stats/?period={year}"),
        ("statistics API, all years", "/api/stats/statistics"),
        (f"statistics API, {year}", f"/api/stats/statistics?period={year}"),
        (f"workbook (XLSX), {year}", f"/stats/export.xlsx?period={year}"),
        (f"report (PDF), {year}", f"/stats/export.pdf?period={year}"),  # the bound: well under 2 s
    ]:
        cells = " | ".join(f"{m:.0f} | {p:.0f} | {q}" for m, p, q in (measure(c, url, args.repeat) for c in clients))
        print(f"| {name} | {cells} |")
    cells = " | ".join(f"{service_time(user, '', args.repeat):.0f} | | " for user in users)
    print(f"| the service alone, all years | {cells} |")


if __name__ == "__main__":
    main()
