"""Amounts on the assets' pages: the reader's form, the yuan beside a foreign amount, the list's total in yuan."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from repatria.assets.models import Asset
from repatria.assets.services import change_stage, record_asset
from repatria.dashboard import SHOWN
from repatria.geo.models import Country
from repatria.stats.models import ExchangeRate


@pytest.fixture
def assets(case, officer):
    us = Country.objects.get(pk="US")
    ExchangeRate.objects.create(currency="USD", date=datetime.date(2019, 1, 1), rate="7.0")

    def asset(description, value, currency, day):
        return record_asset(actor=officer, case=case, kind="cash", description=description, jurisdiction=us,
                            value=Decimal(value), value_currency=currency, valued_on=day)  # fmt: skip

    return [
        asset("dollars", "2000000", "USD", datetime.date(2019, 2, 1)),
        asset("yuan", "350000000", "CNY", None),
        asset("euros", "100", "EUR", datetime.date(2019, 2, 1)),
    ]


@pytest.mark.django_db
def test_the_asset_list_shows_yuan_beside_foreign_amounts_and_totals_them(officer_client, assets):
    page = officer_client.get(reverse("assets:asset_list")).content.decode()
    assert "2,000,000.00 USD（≈ 1,400.00万元）" in page
    assert "3.50亿元" in page
    assert "100.00 EUR（无2019-02-01的EUR汇率）" in page
    # 1,400万 + 3.5亿; the euros have no rate and are counted out, not as zero.
    assert "合计：3.64亿元（1项因缺少汇率未计入）" in page


@pytest.mark.django_db
def test_the_total_covers_the_whole_filtered_list_not_only_the_page(officer_client, assets, settings):
    settings.PAGINATE_BY = 1
    page = officer_client.get(reverse("assets:asset_list"), {"kind": "cash"}).content.decode()
    assert "合计：3.64亿元" in page


@pytest.mark.django_db
def test_an_asset_shows_its_value_with_the_yuan_equivalent_in_english(officer_client, assets):
    officer_client.cookies["django_language"] = "en"
    page = officer_client.get(reverse("assets:asset", args=[assets[0].pk])).content.decode()
    assert "2,000,000.00 USD (≈ 14,000,000.00 CNY)" in page


def _recovered(client, officer, asset, currency: str, day: str) -> str:
    """Take the asset to confiscation, then record its return on the page; the page the officer lands on."""
    for stage in ("frozen", "confiscated"):
        change_stage(asset=Asset.objects.get(pk=asset.pk), new=stage, actor=officer)
    data = {"new": "returned", "version": Asset.objects.get(pk=asset.pk).version, "recovered_amount": "100",
            "recovered_currency": currency, "recovered_on": day}  # fmt: skip
    return client.post(reverse("assets:asset_stage", args=[asset.pk]), data, follow=True).content.decode()


@pytest.mark.django_db
def test_a_recovery_without_a_rate_warns_at_once_and_stands_on_the_dashboard(officer_client, officer, assets):
    moved = _recovered(officer_client, officer, assets[2], "EUR", "2019-03-01")
    assert "2019-03-01之日没有有效的EUR汇率" in moved
    panel = officer_client.get(reverse("dashboard")).content.decode()
    assert "without-rate" in panel and assets[2].get_absolute_url() in panel
    assert "currency=EUR&amp;date=2019-03-01" in panel


@pytest.mark.django_db
def test_a_recovery_with_its_rate_neither_warns_nor_stands_on_the_dashboard(officer_client, officer, assets):
    moved = _recovered(officer_client, officer, assets[0], "USD", "2019-01-15")
    assert "之日没有有效的" not in moved
    assert "without-rate" not in officer_client.get(reverse("dashboard")).content.decode()


@pytest.mark.django_db
def test_the_asset_list_reads_the_rates_once_however_many_foreign_rows(officer_client, officer, case, assets):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(reverse("assets:asset_list")).status_code == 200
        return len(captured)

    before = queries()
    us = Country.objects.get(pk="US")
    for n, currency in enumerate(("USD", "EUR", "USD", "GBP")):
        day = datetime.date(2019, 2, n + 1)
        record_asset(actor=officer, case=case, kind="cash", description=f"more {n}", jurisdiction=us,
                     value=Decimal(n + 1), value_currency=currency, valued_on=day)  # fmt: skip
    assert queries() == before


@pytest.mark.django_db
def test_the_dashboard_shows_the_latest_recoveries_without_a_rate_and_links_to_them_all(officer_client, officer, case):
    us = Country.objects.get(pk="US")
    for day in range(1, SHOWN + 3):
        asset = record_asset(actor=officer, case=case, kind="cash", description=f"euros {day:02d}", jurisdiction=us,
                             value=Decimal(day), value_currency="EUR")  # fmt: skip
        for stage in ("traced", "frozen", "confiscated"):
            change_stage(asset=asset, new=stage, actor=officer)
        change_stage(asset=asset, new="returned", actor=officer, recovered_amount=Decimal(day),
                     recovered_on=datetime.date(2019, 3, day))  # fmt: skip
    panel = officer_client.get(reverse("dashboard")).content.decode().split("without-rate", 1)[1].split("</table>")[0]
    shown = re.findall(r"euros (\d\d)", panel)
    assert shown == [f"{day:02d}" for day in range(SHOWN + 2, 2, -1)]  # the latest first
    everything = re.search(r'href="([^"]*measure=unconverted[^"]*)"', panel)[1].replace("&amp;", "&")
    listed = officer_client.get(everything).content.decode()
    assert all(f"euros {day:02d}" in listed for day in range(1, SHOWN + 3))
