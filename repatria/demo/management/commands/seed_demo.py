"""`python -m repatria seed-demo`: load synthetic demo data and print the demo logins."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from repatria.accounts.models import User
from repatria.assets.models import Asset
from repatria.cases.models import Case, Event, Return
from repatria.demo import generator, writer
from repatria.demo.tables import DEMO_PASSWORD
from repatria.registry.models import Person


class Command(BaseCommand):
    help = (
        "Load a synthetic, deterministic demo data set (organisations, one login per role, fugitives with their "
        "cases, whereabouts, returns and assets) and print the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=3000, help="how many persons to generate (default 3000)")
        parser.add_argument(
            "--seed", type=int, default=generator.DEFAULT_SEED, help="the same seed gives the same data (default 2014)"
        )
        parser.add_argument("--once", action="store_true", help="do nothing if the database already holds persons")
        parser.add_argument(
            "--fast",
            action="store_true",
            help="write in bulk (about 10 times faster, for large volumes) the same records and timeline events the "
            "services write one by one",
        )

    def handle(self, *args, persons: int, seed: int, once: bool, fast: bool, **options) -> None:
        if persons < 0:
            raise CommandError("--persons cannot be negative.")
        loaded = False
        with transaction.atomic():
            if Person.objects.exists():
                if not once:
                    raise CommandError(
                        "The database already holds persons; the demo loads into an empty registry only "
                        "(use --once to skip quietly, or flush the database first)."
                    )
                self.stdout.write("demo data already loaded")
            else:
                started = time.perf_counter()
                writer.load(persons=persons, seed=seed, fast=fast)
                self._report(persons, time.perf_counter() - started)
                loaded = True
        if loaded:
            # Fresh planner statistics: without them the database plans the first queries for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._print_logins(generator.users(seed))

    def _report(self, persons: int, seconds: float) -> None:
        counts = ", ".join(
            f"{model.objects.count():,} {name}"
            for model, name in ((Person, "persons"), (Case, "cases"), (Return, "returns"), (Asset, "assets"))
        )
        rate = persons / seconds if seconds else 0
        self.stdout.write(
            f"Loaded {counts}, {Event.objects.count():,} timeline events in {seconds:.1f} s ({rate:,.0f} persons/s)."
        )

    def _print_logins(self, plans: tuple[generator.UserPlan, ...]) -> None:
        """The demo accounts as they are in the database (an account that existed before is shown as it is)."""
        users = User.objects.select_related("organisation").in_bulk(
            [plan.username for plan in plans], field_name="username"
        )
        rows = [("username", "role", "organisation")]
        rows += [
            (user.username, user.role, str(user.organisation or ""))
            for plan in plans
            if (user := users.get(plan.username))
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        self.stdout.write(f"\nDemo logins (password: {DEMO_PASSWORD})")
        for username, role, organisation in rows:
            self.stdout.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {organisation}")
