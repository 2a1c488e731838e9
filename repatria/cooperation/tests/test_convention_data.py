"""The shipped convention parties (data/conventions.csv): well formed, each row sourced, and loaded as they are."""

import csv
import datetime
from collections import Counter

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from repatria.cooperation import convention_data
from repatria.cooperation.models import Convention, ConventionParty
from repatria.geo import reference

ROWS = convention_data.rows()
# The day each convention was adopted: no state could be a party earlier.
ADOPTED = {Convention.UNTOC: datetime.date(2000, 11, 15), Convention.UNCAC: datetime.date(2003, 10, 31)}


def test_the_file_has_its_columns_and_rows():
    with convention_data.DATA.open(encoding="utf-8", newline="") as lines:
        assert next(csv.reader(lines)) == convention_data.COLUMNS
    assert ROWS and all(None not in row and all(isinstance(v, str) for v in row.values()) for row in ROWS)


def test_every_state_is_in_geos_countries_and_every_convention_known():
    codes = {country["code"] for country in reference.countries()}
    assert {row["country"] for row in ROWS} <= codes
    assert {row["convention"] for row in ROWS} <= set(Convention.values)


def test_a_state_is_listed_once_per_convention():
    repeated = Counter((row["country"], row["convention"]) for row in ROWS)
    assert [pair for pair, times in repeated.items() if times > 1] == []


def test_every_date_parses_and_falls_between_the_adoption_and_today():
    for row in ROWS:
        since = convention_data.party_since(row)
        assert since is None or ADOPTED[row["convention"]] <= since <= timezone.localdate(), row


def test_every_row_names_its_source_with_an_address_and_fits_the_field():
    longest = ConventionParty._meta.get_field("source").max_length
    assert all("http" in row["source"] and len(row["source"]) <= longest for row in ROWS)


@pytest.mark.django_db
def test_the_migrated_database_holds_the_file():
    held = {(p.country_id, p.convention): p.party_since for p in ConventionParty.objects.all()}
    assert held == {(row["country"], row["convention"]): convention_data.party_since(row) for row in ROWS}


@pytest.mark.django_db
def test_loading_again_dates_undated_rows_and_adds_missing_ones_but_keeps_a_date_held():
    row = next(row for row in ROWS if row["party_since"])
    ConventionParty.objects.filter(country=row["country"], convention=row["convention"]).update(party_since=None)
    ConventionParty.objects.filter(country="CN").delete()
    kept = ConventionParty.objects.exclude(party_since=None).first()
    kept_on = kept.party_since = datetime.date(2001, 1, 1)
    kept.save()
    apps = MigrationExecutor(connection).loader.project_state().apps
    for _ in range(2):
        convention_data.load_parties(apps, connection.schema_editor())
    assert ConventionParty.objects.get(country=row["country"], convention=row["convention"]).party_since
    assert ConventionParty.objects.filter(country="CN").count() == sum(r["country"] == "CN" for r in ROWS)
    assert ConventionParty.objects.get(pk=kept.pk).party_since == kept_on
    assert ConventionParty.objects.count() == len(ROWS)
