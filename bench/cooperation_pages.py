"""Server time of the cooperation pages (requests, country index and profile) over a large demo registry.

Usage (on a throwaway PostgreSQL, as `make bench` runs list_pages.py):
    scripts/with-postgres .venv/bin/python bench/cooperation_pages.py [--persons 100000] [--requests 50000]

Loads the demo data (once per database, `seed-demo --fast`), then adds `--requests` cooperation requests in bulk
(once per database): synthetic and plausible, spread over the demo's cases (the country where the case's principal
was last known to be), kinds, directions, states and dates, with the steps each state implies (along the lifecycle's
allowed moves), the case's principal among the persons concerned and, for the asset kinds, the case's assets. They are
written with bulk_create, NOT through cooperation.services: opening and moving 50,000 requests one at a time (basis,
checks, steps, timeline events) would take hours. So the case timelines have no request events and the requests no
checks, but the one whose page is timed: it is given them as the service reads them (a page never writes). Then
times each page through Django's test client as the central administrator and as the Guangdong provincial officer, as
bench/list_pages.py does: median, 95th percentile and SQL queries of one request.
"""

import argparse
import datetime
import io
import os
import random
import time
from collections import Counter

from django.core.management import call_command
from django.db import connection
from django.test import Client
from list_pages import measure  # sets Django up, as this script's neighbour

# (weight, kind, channel) of an outgoing request: mostly MLA and the police channel's notices and locating.
KINDS = [
    (8, "extradition", "central_authority"), (3, "provisional_arrest", "police"),
    (4, "mla_service", "central_authority"), (8, "mla_evidence", "central_authority"),
    (3, "mla_testimony", "central_authority"),
    (4, "mla_search", "central_authority"), (8, "mla_freezing", "central_authority"),
    (10, "mla_bank_records", "central_authority"), (6, "confiscation", "central_authority"),
    (1, "transfer", "diplomatic"), (12, "le_locate", "police"), (4, "le_deport", "police"),
    (3, "le_handover", "police"), (10, "interpol_notice", "police"), (3, "interpol_diffusion", "police"),
    (3, "denial_of_entry", "diplomatic"), (2, "visa_revocation", "diplomatic"),
]  # fmt: skip
ASSET_KINDS = {"mla_freezing", "mla_search", "confiscation"}
REFUSALS = ["nationality", "political", "dual_criminality", "death_penalty", "insufficient_evidence", "time_limit",
            "human_rights", "other"]  # fmt: skip
# The path to each state from a request's first one, along the lifecycle's allowed moves (checked against
# services.TRANSITIONS below), with the weight of requests left in that state.
OUT = ["draft", "review", "approved", "sent"]
PATHS = {
    "outgoing": [
        (4, ["draft"]), (2, OUT[:2]), (2, OUT[:3]), (12, OUT), (8, [*OUT, "acknowledged"]),
        (4, [*OUT, "acknowledged", "more_requested"]), (14, [*OUT, "acknowledged", "in_execution"]),
        (25, [*OUT, "acknowledged", "in_execution", "executed"]),
        (6, [*OUT, "acknowledged", "in_execution", "partly_executed"]), (10, [*OUT, "acknowledged", "refused"]),
        (3, ["draft", "withdrawn"]), (3, [*OUT, "withdrawn"]),
    ],
    "incoming": [
        (10, ["received"]), (10, ["received", "acknowledged"]), (10, ["received", "acknowledged", "review"]),
        (5, ["received", "more_requested"]), (20, ["received", "acknowledged", "review", "in_execution"]),
        (30, ["received", "acknowledged", "review", "in_execution", "executed"]), (10, ["received", "refused"]),
        (5, ["received", "withdrawn"]),
    ],
}  # fmt: skip
ANSWERED = {"executed", "partly_executed", "refused"}


def _weighted(rng: random.Random, rows: list[tuple]) -> tuple:
    return rng.choices(rows, weights=[row[0] for row in rows])[0]


def _check_paths() -> None:
    from repatria.cooperation.services import TRANSITIONS

    for direction, paths in PATHS.items():
        for _weight, path in paths:
            for old, new in zip(path, path[1:], strict=False):
                assert new in TRANSITIONS[direction][old], (direction, old, new)


class Registry:
    """What the requests hang off, read once: cases with their principal, the country where that person was last
    known to be, and their assets; the offices an incoming request on no case of ours is addressed to."""

    def __init__(self) -> None:
        from repatria.accounts.models import Organisation, OrganisationKind
        from repatria.assets.models import Asset
        from repatria.cases.models import Case, CasePerson, CaseRole
        from repatria.registry.models import Whereabouts

        last_seen = dict(Whereabouts.objects.order_by("date_from", "pk").values_list("person", "country"))
        principal = dict(CasePerson.objects.filter(role=CaseRole.PRINCIPAL).values_list("case", "person"))
        self.assets: dict[int, list[int]] = {}
        for case, asset in Asset.objects.values_list("case", "pk"):
            self.assets.setdefault(case, []).append(asset)
        self.cases = [
            (pk, organisation, opened, principal[pk], last_seen[principal[pk]])
            for pk, organisation, opened in Case.objects.values_list("pk", "lead_organisation", "opened_on")
            if last_seen.get(principal.get(pk))
        ]
        self.offices = list(
            Organisation.objects.filter(
                kind__in=[OrganisationKind.CENTRAL_OFFICE, OrganisationKind.PROVINCIAL_OFFICE]
            ).values_list("pk", flat=True)
        )
        self.countries = [case[4] for case in self.cases]  # a foreign case's state, as often as ours are there


def _dates(rng: random.Random, start: datetime.date, steps: int, until: datetime.date) -> list[datetime.date]:
    """The days of a request's states: preparation before sending takes days to weeks, answers weeks to years."""
    days, day = [], start
    for i in range(steps):
        if i:
            day += datetime.timedelta(days=int(rng.expovariate(1 / (12 if i < 4 else 90))) + 1)
        days.append(min(day, until))
    return days


def add_requests(total: int) -> None:
    """Bulk-creates requests numbered OUT-year-00001… and IN-year-00001… until there are `total` (see the docstring)."""
    from repatria.accounts.models import Organisation
    from repatria.cases.models import Case
    from repatria.cooperation.models import Request, RequestStep
    from repatria.cooperation.reach import fill_provinces
    from repatria.demo.tables import UNTIL

    missing = total - Request.objects.count()
    if missing <= 0:
        return
    _check_paths()
    rng, registry, sequence = random.Random(13), Registry(), Counter()
    Persons, Assets = Request.persons.through, Request.assets.through  # noqa: N806
    while missing > 0:
        batch = [_request(rng, registry, sequence, UNTIL) for _ in range(min(missing, 5_000))]
        created = Request.objects.bulk_create(request for request, _path, _days in batch)
        RequestStep.objects.bulk_create(
            RequestStep(request=request, old=old, new=new, happened_on=day)
            for request, path, days in batch
            for old, new, day in zip([path[0], *path], path, days, strict=False)
            if old != new or path[0] == "received"  # an incoming request's first step is its reception
        )
        Persons.objects.bulk_create(Persons(request=r, person_id=r.person) for r in created if r.person)
        Assets.objects.bulk_create(Assets(request=r, asset_id=a) for r in created for a in r.asset_ids)
        # auto_now_add dated them today: date them as drafted (or received), one UPDATE per batch.
        for request, _path, days in batch:
            request.created = request.updated = datetime.datetime.combine(days[0], datetime.time(9), datetime.UTC)
        Request.objects.bulk_update(created, ["created", "updated"], batch_size=1_000)
        missing -= len(batch)
    fill_provinces(Request, Case, Organisation)  # as save() writes it
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as seed-demo does after its bulk load


def _request(rng: random.Random, registry: Registry, sequence: Counter, until: datetime.date):
    """An unsaved request with the states it went through and their days."""
    from repatria.cooperation.models import Request

    direction = "incoming" if rng.random() < 0.15 else "outgoing"
    _weight, kind, channel = _weighted(rng, KINDS)
    _weight, path = _weighted(rng, PATHS[direction])
    case, organisation, opened, person, country = rng.choice(registry.cases)
    on_case = direction == "outgoing" or rng.random() < 0.5
    start = opened + datetime.timedelta(days=rng.randrange(max(1, min(2_000, (until - opened).days))))
    days = _dates(rng, min(start, until), len(path), until)
    prefix = "OUT" if direction == "outgoing" else "IN"
    sequence[prefix, days[0].year] += 1
    request = Request(
        number=f"{prefix}-{days[0].year}-{sequence[prefix, days[0].year]:05d}",
        direction=direction,
        kind=kind,
        state=path[-1],
        case_id=case if on_case else None,
        foreign_case="" if on_case else f"{country}-{rng.randrange(10_000, 99_999)}/{days[0].year}",
        person_particulars="" if on_case else "（示例）外国案件的当事人，不在本登记册中",
        country_id=country if on_case else rng.choice(registry.countries),
        organisation_id=organisation if on_case else rng.choice(registry.offices),
        channel=channel,
        urgency="urgent" if rng.random() < 0.1 else "normal",
        deadline=days[min(3, len(days) - 1)] + datetime.timedelta(days=rng.randrange(30, 180))
        if rng.random() < 0.3
        else None,
        facts="（示例）案件事实摘要。",
        assistance_sought="（示例）请求协助的事项。",
        legal_basis="interpol" if kind.startswith("interpol") else rng.choice(["convention"] * 4 + ["reciprocity"]),
        convention="UNCAC" if not kind.startswith("interpol") else "",
        refusal_ground=rng.choice(REFUSALS) if path[-1] == "refused" else "",
        sent_on=days[path.index("sent")] if "sent" in path else days[0] if direction == "incoming" else None,
        answered_on=days[-1] if path[-1] in ANSWERED else None,
    )
    request.person = person if on_case else None
    request.asset_ids = registry.assets.get(case, [])[:2] if on_case and kind in ASSET_KINDS else []
    return request, path, days


def pages() -> list[tuple[str, str]]:
    from django.conf import settings
    from django.db.models import Count

    from repatria.accounts.models import User
    from repatria.cooperation import services
    from repatria.cooperation.countries import believed_there
    from repatria.cooperation.models import Request

    guangdong = Request.objects.restrict(User.objects.get(username="guangdong"))
    far = max(1, min(100, guangdong.count() // settings.PAGINATE_BY))  # a page the provincial officer has too
    request = guangdong.filter(direction="outgoing", state="in_execution").order_by("pk").first()
    services.sync_checks(request)  # the checks it left with (bulk_create wrote none)
    by_country = Counter(dict(Request.objects.values_list("country").annotate(n=Count("pk")).order_by()))
    fugitives = Counter(dict(believed_there(User.objects.get(username="admin")).values_list("country")
                             .annotate(n=Count("person")).order_by()))  # fmt: skip
    country = max(by_country, key=lambda c: (by_country[c], fugitives[c]))
    print(f"country profile: {country}, {by_country[country]:,} requests, {fugitives[country]:,} fugitives there")
    return [
        ("request list", "/cooperation/requests/"),
        ("request list, state filter", "/cooperation/requests/?state=in_execution"),
        (f"request list, country {country}", f"/cooperation/requests/?country={country}"),
        (f"request list, page {far}", f"/cooperation/requests/?page={far}"),
        ("request detail", request.get_absolute_url()),
        ("country index", "/cooperation/countries/"),
        (f"country profile {country}", f"/cooperation/countries/{country}/"),
        ("return list (issue 1's page, to compare with its figures)", "/returns/"),  # how loaded the machine is
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", persons=args.persons, once=True, fast=True, stdout=io.StringIO())
    print(f"demo data ready in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    add_requests(args.requests)
    print(f"requests ready in {time.perf_counter() - start:.0f} s")

    from repatria.accounts.models import User
    from repatria.accounts.testing import verified_login
    from repatria.cooperation.models import Request, RequestStep
    from repatria.registry.models import Person

    print(
        f"\n{Person.objects.count():,} persons, {Request.objects.count():,} requests, {RequestStep.objects.count():,} "
        f"steps on {connection.vendor}; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} (UTC)\n"
    )
    clients = []
    for username in ("admin", "guangdong"):  # the central administrator; the officer's pages go through the grants
        clients.append(Client())
        verified_login(clients[-1], User.objects.get(username=username))  # past password and TOTP
    listed = pages()
    print("load average (1, 5, 15 min) before the run: " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))
    print("| page | admin median ms | p95 ms | queries | provincial officer median ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, url in listed:
        cells = " | ".join(f"{m:.1f} | {p:.1f} | {q}" for m, p, q in (measure(c, url, args.repeat) for c in clients))
        print(f"| {name} | {cells} |")
    print("\nload average (1, 5, 15 min) after the run: " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
