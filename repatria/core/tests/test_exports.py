"""Every list's exports carry plain values: no page markup, numbers as numbers, an amount and its currency in two
columns, yes/no in the reader's language."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from repatria.accounts.tests.world import SPECS, build_world
from repatria.assets.services import change_asset

LISTS = [f"{spec.app}:{name}_list" for name, spec in SPECS.items() if spec.parent is None]


@pytest.fixture
def world(db) -> dict:
    world = build_world()
    # Side A's asset: valued in dollars on a day with a rate (7.0 from 2019-01-01), recovered in yuan.
    asset = world["records"]["A"]["asset"]
    change_asset(asset, value=Decimal("1234567.5"), value_currency="USD", valued_on=datetime.date(2019, 2, 1),
                 recovered_amount=Decimal("2000"), recovered_currency="CNY")  # fmt: skip
    return world


def _csv(client, url) -> list[list[str]]:
    response = client.get(url, {"export": "csv"})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _xlsx(client, url) -> list[list]:
    response = client.get(url, {"export": "xlsx"})
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", LISTS)
def test_no_export_cell_carries_markup_or_an_untranslated_truth_value(officer_client, world, url_name):
    url = reverse(url_name)
    for rows in (_csv(officer_client, url), _xlsx(officer_client, url)):
        cells = [str(cell) for row in rows for cell in row if cell is not None]
        assert len(rows) > 1
        assert not [cell for cell in cells if "<" in cell or cell in ("True", "False")]


@pytest.mark.django_db
def test_the_asset_export_has_numbers_and_the_currency_in_a_column_of_its_own(officer_client, world):
    header, *rows = _xlsx(officer_client, reverse("assets:asset_list"))
    row = next(r for r in rows if r[0] == "资产A")
    value, currency = header.index("价值"), header.index("价值：币种")
    assert (row[value], row[currency]) == (1234567.5, "USD")
    recovered = header.index("追回金额")
    assert (row[recovered], row[recovered + 1]) == (2000, "CNY")
    header, *rows = _csv(officer_client, reverse("assets:asset_list"))
    row = next(r for r in rows if r[0] == "资产A")
    assert (row[value], row[currency]) == ("1234567.50", "USD")


@pytest.mark.django_db
def test_yes_and_no_are_written_in_the_readers_language(officer_client, world):
    header, *rows = _csv(officer_client, reverse("registry:person_list"))
    column = header.index("党员和国家工作人员")
    assert {row[column] for row in rows} == {"否"}
    officer_client.cookies["django_language"] = "en"
    header, *rows = _csv(officer_client, reverse("registry:person_list"))
    assert {row[header.index("Party member or state functionary")] for row in rows} == {"no"}
