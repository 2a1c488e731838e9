"""Server time of the list and detail pages over a large demo registry.

Usage (the Makefile's `make bench` runs it on a throwaway PostgreSQL):
    python bench/list_pages.py [--persons 100000] [--repeat 20]

Loads the demo data (once per database), then times each page through Django's test client: the time
from request to response inside the server, the median and 95th percentile, and the number of SQL
queries, which must not grow with the page size (no N+1).
"""

import argparse
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
os.environ.setdefault("REPATRIA_DEV", "1")
os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test client

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def pages() -> list[tuple[str, str]]:
    from repatria.accounts.models import Organisation
    from repatria.assets.models import Asset
    from repatria.cases.models import Case, Return
    from repatria.registry.models import Person

    # Records of Guangdong, so that the provincial officer may open them too.
    person = Person.objects.filter(returns__case__province="440000").order_by("pk").first()
    case = Case.objects.filter(returns__isnull=False, province="440000").order_by("pk").first()
    return [
        ("person list", "/persons/"),
        ("person list, search “zhang wei”", "/persons/?q=zhang+wei"),
        ("person list, search 楊", "/persons/?q=楊"),
        ("person list, sorted by birth date, page 100", "/persons/?sort=-birth_date&page=100"),
        ("case list", "/cases/"),
        ("case list, status filter", "/cases/?status=at_large&status=located"),
        ("return list", "/returns/"),
        ("asset list", "/assets/"),
        ("organisation list", "/organisations/"),
        ("person detail", person.get_absolute_url()),
        ("case detail", case.get_absolute_url()),
        ("return detail", Return.objects.filter(case=case).first().get_absolute_url()),
        ("asset detail", Asset.objects.filter(case__province="440000").order_by("pk").first().get_absolute_url()),
        ("organisation detail", Organisation.objects.order_by("pk").first().get_absolute_url()),
        ("dashboard", "/"),
    ]


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm caches
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", persons=args.persons, once=True, fast=True, stdout=io.StringIO())
    print(f"demo data ready in {time.perf_counter() - start:.0f} s")

    from repatria.accounts.models import User
    from repatria.accounts.testing import verified_login
    from repatria.registry.models import Person

    machine = f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    print(f"\n{Person.objects.count():,} persons on {connection.vendor} {connection.Database.__name__}")
    print(f"{machine} · {time.strftime('%Y-%m-%d')}\n")
    # The central administrator sees everything; the Guangdong officer's pages go through the grants' filters.
    clients = {}
    for username in ("admin", "guangdong"):
        clients[username] = Client()
        verified_login(clients[username], User.objects.get(username=username))  # past password and TOTP
    print("| page | admin median ms | p95 ms | queries | provincial officer median ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, url in pages():
        figures = [measure(client, url, args.repeat) for client in clients.values()]
        cells = " | ".join(f"{median:.1f} | {p95:.1f} | {queries}" for median, p95, queries in figures)
        print(f"| {name} | {cells} |")


if __name__ == "__main__":
    main()
