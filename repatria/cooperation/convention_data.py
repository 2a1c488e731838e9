"""The convention parties shipped as reference data (data/conventions.csv, partial: see data/README.md), read as
plain rows so that the data migrations and the tests share one reader."""

import csv
import datetime
from pathlib import Path

from django.utils import timezone

DATA = Path(__file__).resolve().parent / "data" / "conventions.csv"
COLUMNS = ["country", "convention", "party_since", "source"]


def rows() -> list[dict[str, str]]:
    """The file's rows, in its order, each a dict of COLUMNS."""
    with DATA.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def party_since(row: dict[str, str]) -> datetime.date | None:
    return datetime.date.fromisoformat(row["party_since"]) if row["party_since"] else None


def load_parties(apps, schema_editor) -> None:
    """Add the rows the database lacks and date the undated ones the file now dates. A row that already has a date
    is left as it is (the central office may have corrected it), so that running this again changes nothing."""
    party = apps.get_model("cooperation", "ConventionParty")
    db = schema_editor.connection.alias
    held = {(p.country_id, p.convention): p for p in party.objects.using(db).all()}
    added, dated = [], []
    for row in rows():
        known = held.get((row["country"], row["convention"]))
        if known is None:
            added.append(party(country_id=row["country"], convention=row["convention"], source=row["source"],
                               party_since=party_since(row)))  # fmt: skip
        elif known.party_since is None and row["party_since"]:
            known.party_since, known.source = party_since(row), row["source"]
            known.version, known.updated = known.version + 1, timezone.now()  # bulk_update skips save()
            dated.append(known)
    party.objects.using(db).bulk_create(added)
    party.objects.using(db).bulk_update(dated, ["party_since", "source", "version", "updated"])
