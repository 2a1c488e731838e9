"""The convention parties shipped as reference data (data/conventions.csv: partial, each row with its source)."""

import csv
import datetime
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "conventions.csv"


def load(apps, schema_editor):
    party = apps.get_model("cooperation", "ConventionParty")
    with DATA.open(encoding="utf-8") as rows:
        party.objects.bulk_create(
            party(
                country_id=row["country"], convention=row["convention"], source=row["source"],
                party_since=datetime.date.fromisoformat(row["party_since"]) if row["party_since"] else None,
            )
            for row in csv.DictReader(rows)
        )  # fmt: skip


def unload(apps, schema_editor):
    apps.get_model("cooperation", "ConventionParty").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0002_grants"), ("geo", "0002_reference_data")]
    operations = [migrations.RunPython(load, unload)]
