import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from repatria.geo import reference
from repatria.geo.models import Country, CountryAlias, Province


def test_every_iso_country_has_names_in_both_languages():
    rows = reference.countries()
    assert len(rows) == 249
    assert all(row["name_zh"] and row["name_en"] for row in rows)
    assert len({row["alpha3"] for row in rows}) == len(rows)


def test_provinces_are_the_34_divisions_with_unique_names():
    rows = reference.provinces()
    assert len(rows) == 34
    for field in ("code", "name_zh", "name_en", "abbreviation"):
        assert len({row[field] for row in rows}) == 34, field
    assert all(len(row["code"]) == 6 and row["code"].endswith("0000") for row in rows)
    assert all(len(row["abbreviation"]) == 1 for row in rows)
    codes = {row["code"] for row in rows}
    assert set(reference.PROVINCE_OTHER_NAMES.values()) <= codes


def test_aliases_point_to_iso_codes_and_never_repeat_a_name():
    codes = {row["code"] for row in reference.countries()}
    names = {
        key.casefold()
        for row in reference.countries()
        for key in (row["code"], row["alpha3"], row["name_zh"], row["name_en"])
    }
    aliases = reference.country_aliases()
    assert len({alias.casefold() for alias, _ in aliases}) == len(aliases)
    for alias, alias_codes in aliases:
        assert alias_codes and set(alias_codes) <= codes, alias
        assert alias.casefold() not in names, alias
        assert len(alias) <= 100


def test_eu_and_southeast_asia():
    assert len(set(reference.EU_MEMBERS)) == 27
    assert "GB" not in reference.EU_MEMBERS
    assert len(set(reference.SOUTHEAST_ASIA)) == 11


@pytest.mark.django_db
def test_migration_loaded_countries():
    assert Country.objects.count() == 249
    assert Country.objects.get(code="CN").name_zh == "中国"
    us = Country.objects.get(code="US")
    assert (us.name_zh, us.name_en, us.alpha3) == ("美国", "United States", "USA")
    assert Country.objects.get(code="GB").name_en == "United Kingdom"


@pytest.mark.django_db
def test_migration_loaded_provinces():
    assert Province.objects.count() == 34
    guangxi = Province.objects.get(code="450000")
    assert (guangxi.name_zh, guangxi.name_en, guangxi.abbreviation) == (
        "广西壮族自治区",
        "Guangxi Zhuang Autonomous Region",
        "桂",
    )
    assert Province.objects.get(code="110000").name_zh == "北京市"
    special = Province.objects.filter(code__in=["710000", "810000", "820000"])
    assert set(special.values_list("abbreviation", flat=True)) == {"台", "港", "澳"}


@pytest.mark.django_db
def test_migration_loaded_aliases():
    assert list(CountryAlias.objects.get(alias="澳洲").countries.values_list("code", flat=True)) == ["AU"]
    eu = set(CountryAlias.objects.get(alias="欧盟成员国").countries.values_list("code", flat=True))
    assert len(eu) == 27
    assert {"FR", "DE"} <= eu
    assert CountryAlias.objects.count() == len(reference.country_aliases())


@pytest.mark.django_db
def test_migration_reverse_removes_what_it_added():
    migration = importlib.import_module("repatria.geo.migrations.0002_reference_data")
    apps = MigrationLoader(connection).project_state(("geo", "0002_reference_data")).apps
    schema_editor = SimpleNamespace(connection=connection)

    migration.unload(apps, schema_editor)
    assert not Country.objects.exists()
    assert not Province.objects.exists()
    assert not CountryAlias.objects.exists()
    assert not CountryAlias.countries.through.objects.exists()

    migration.load(apps, schema_editor)
    assert Country.objects.count() == 249
    assert Province.objects.count() == 34
    assert CountryAlias.objects.count() == len(reference.country_aliases())
