"""Exchange rates: the office maintains them on their pages and imports them; the demo has a plausible table."""

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.core.models import Currency
from repatria.demo import generator, rates, writer
from repatria.demo.tables import UNTIL
from repatria.stats.models import ExchangeRate

pytestmark = pytest.mark.django_db
IMPORT = reverse("stats:exchangerate_import")
LIST = reverse("stats:exchangerate_list")
D = datetime.date


def user(role: str, province: str = "") -> User:
    office = None
    if province:
        office = Organisation.objects.create(
            name_zh=f"{province}追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province_id=province
        )
    return User.objects.create_user(f"{role}-{User.objects.count()}", role=role, organisation=office)


@pytest.fixture
def admin_client(client):
    client.force_login(user(Role.ADMIN))
    return client


@pytest.fixture
def usd():
    return ExchangeRate.objects.create(currency="USD", date=D(2019, 6, 3), rate=Decimal("6.8976"), source="央行中间价")


# The pages, per role.


def test_an_administrator_adds_a_rate_and_finds_it_in_the_list(admin_client):
    response = admin_client.post(
        reverse("stats:exchangerate_add"),
        {"currency": "EUR", "date": "2019-07-01", "rate": "7.7850", "source": "央行中间价"},
    )
    rate = ExchangeRate.objects.get()
    assert response.status_code == 302 and response.url == rate.get_absolute_url()
    assert (rate.currency, rate.date, rate.rate) == ("EUR", D(2019, 7, 1), Decimal("7.785"))
    page = admin_client.get(LIST, {"currency": "EUR"}).content.decode()
    assert "7.785" in page and "2019" in page
    assert IMPORT in page and reverse("stats:exchangerate_add") in page


def test_a_second_rate_for_the_same_currency_and_day_is_refused_with_a_clear_message(admin_client, usd):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.post(
        reverse("stats:exchangerate_add"), {"currency": "USD", "date": "2019-06-03", "rate": "7"}
    )
    assert response.status_code == 200
    assert "A rate for USD from 2019-06-03 is already recorded" in response.content.decode()
    assert ExchangeRate.objects.get().rate == Decimal("6.8976")


def test_an_administrator_edits_and_deletes_a_rate(admin_client, usd):
    edit = admin_client.get(reverse("stats:exchangerate_edit", args=[usd.pk]))
    assert edit.status_code == 200
    data = {"currency": "USD", "date": "2019-06-03", "rate": "6.9", "source": "", "expected_version": usd.version}
    assert admin_client.post(reverse("stats:exchangerate_edit", args=[usd.pk]), data).status_code == 302
    usd.refresh_from_db()
    assert usd.rate == Decimal("6.9")
    assert admin_client.post(reverse("stats:exchangerate_delete", args=[usd.pk])).status_code == 302
    assert not ExchangeRate.objects.exists()


def test_the_detail_page_shows_the_rates_before_and_after(admin_client, usd):
    before = ExchangeRate.objects.create(currency="USD", date=D(2019, 5, 6), rate=Decimal("6.8"))
    ExchangeRate.objects.create(currency="EUR", date=D(2019, 6, 1), rate=Decimal("7.7"))
    page = admin_client.get(usd.get_absolute_url()).content.decode()
    assert "6.8976" in page and before.get_absolute_url() in page and "7.700000" not in page


def test_a_provincial_officer_reads_rates_but_may_not_change_or_import_them(client, usd):
    client.force_login(user(Role.PROVINCIAL_OFFICER, "440000"))
    page = client.get(LIST).content.decode()
    assert "6.8976" in page
    assert IMPORT not in page and reverse("stats:exchangerate_add") not in page
    detail = client.get(usd.get_absolute_url())
    assert (
        detail.status_code == 200 and reverse("stats:exchangerate_edit", args=[usd.pk]) not in detail.content.decode()
    )
    assert client.get(reverse("stats:exchangerate_edit", args=[usd.pk])).status_code == 404
    assert client.get(reverse("stats:exchangerate_add")).status_code == 403
    assert client.get(IMPORT).status_code == 403
    assert client.post(reverse("stats:exchangerate_delete", args=[usd.pk])).status_code == 404
    assert ExchangeRate.objects.count() == 1


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_are_refused(client, usd, role):
    client.force_login(user(role))
    assert client.get(LIST).status_code == 403
    assert client.get(usd.get_absolute_url()).status_code == 403
    assert client.get(IMPORT).status_code == 403


# The import.


def post(client, text: str, action: str = "import", name: str = "rates.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, text.encode()), "action": action})


def errors(response) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in response.context["report"].errors]


RATES_CSV = """币种,日期,汇率,来源
美元,2019-06-03,6.8976,央行中间价
EUR,2019-06-03,"1,007.7850",央行中间价
日元,2019/6/3,0.063512,
"""


def test_a_dry_run_checks_every_row_and_writes_nothing(admin_client):
    response = post(admin_client, RATES_CSV, action="dry_run")
    assert response.status_code == 200 and response.context["report"].ok
    assert response.context["report"].rows == 3
    assert not ExchangeRate.objects.exists()


def test_an_import_writes_every_rate(admin_client):
    response = post(admin_client, RATES_CSV)
    assert response.status_code == 302 and response.url == LIST
    assert {(r.currency, r.date, r.rate) for r in ExchangeRate.objects.all()} == {
        ("USD", D(2019, 6, 3), Decimal("6.8976")),
        ("EUR", D(2019, 6, 3), Decimal("1007.785")),
        ("JPY", D(2019, 6, 3), Decimal("0.063512")),
    }


def test_a_row_for_a_rate_already_recorded_updates_it(admin_client, usd):
    post(admin_client, "currency,date,rate\nUSD,2019-06-03,6.9001\nUSD,2019-07-01,6.87\n")
    usd.refresh_from_db()
    assert usd.rate == Decimal("6.9001")
    assert usd.source == "央行中间价"  # an empty source keeps the one recorded
    assert usd.version == 2
    assert ExchangeRate.objects.filter(currency="USD").count() == 2


def test_an_xlsx_file_with_english_headers_imports(admin_client):
    book = Workbook()
    book.active.append(["currency", "date", "rate", "source"])
    book.active.append(["Canadian dollar", D(2020, 1, 2), 5.3412, "central bank"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = admin_client.post(
        IMPORT, {"file": SimpleUploadedFile("rates.xlsx", buffer.getvalue()), "action": "import"}
    )
    assert response.status_code == 302
    assert ExchangeRate.objects.get().rate == Decimal("5.3412")


BAD_ZH = """币种,日期,汇率
美元,2019-06-03,6.8976
卢布,2019-13-01,
人民币,2019-06-03,1
美元,2019-06-03,6.9
港元,2019-06-03,-0.88
欧元,2019-06-03,"7,7850"
"""
BAD_EN = BAD_ZH.replace("币种,日期,汇率", "currency,date,rate")


def test_bad_rows_are_reported_by_row_and_chinese_column_and_nothing_is_written(admin_client, usd):
    response = post(admin_client, BAD_ZH)
    assert errors(response) == [
        (3, "币种"),
        (3, "日期"),
        (3, "汇率"),
        (4, "币种"),
        (5, "日期"),
        (6, "汇率"),
        (7, "汇率"),
    ]
    page = response.content.decode()
    required, not_a_date = "This field is required.", "“%(value)s” is not a date: write YYYY-MM-DD."
    assert gettext(required) != required and gettext(required) in page  # in Chinese, the default language
    assert gettext(not_a_date) % {"value": "2019-13-01"} in page
    assert gettext("This repeats row %(row)d of the file.") % {"row": 2} in page
    assert ExchangeRate.objects.get() == usd and usd.rate == Decimal("6.8976")


def test_bad_rows_are_reported_in_english_with_english_columns(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(admin_client, BAD_EN, action="dry_run")
    assert errors(response) == [
        (3, "currency"),
        (3, "date"),
        (3, "rate"),
        (4, "currency"),
        (5, "date"),
        (6, "rate"),
        (7, "rate"),
    ]
    page = response.content.decode()
    assert "“卢布” is not one of:" in page
    assert "Amounts in yuan need no rate" in page
    assert "This repeats row 2 of the file." in page
    assert "A rate must be more than zero." in page
    assert "“7,7850” is not a rate: write a number such as 7.1884." in page
    assert not ExchangeRate.objects.exists()


def test_the_import_page_describes_its_columns_with_the_chinese_currency_names(admin_client):
    page = admin_client.get(IMPORT).content.decode()
    assert "汇率" in page and "USD 美元 美金" in page
    assert "币种" in admin_client.get(IMPORT, {"template": "csv"}).content.decode("utf-8-sig")


# The central parity table as CFETS's history export gives it: every pair it quotes, in its order.

CFETS_CSV = """日期,USD/CNY,EUR/CNY,100JPY/CNY,HKD/CNY,GBP/CNY,AUD/CNY,NZD/CNY,SGD/CNY,CHF/CNY,CAD/CNY,CNY/MOP,CNY/MYR,\
CNY/RUB,CNY/ZAR,CNY/KRW,CNY/AED,CNY/SAR,CNY/HUF,CNY/PLN,CNY/DKK,CNY/SEK,CNY/NOK,CNY/TRY,CNY/MXN,CNY/THB
2024-01-02,7.0920,7.8267,5.0147,0.90795,9.0234,4.8297,4.4734,5.3755,8.4231,5.3381,1.1325,0.64866,12.5743,2.5954,\
183.06,0.51737,0.52866,48.664,0.55637,0.95125,1.4118,1.4363,4.1712,2.3898,4.8103
2024-01-03,7.1002,7.7791,4.9823,0.90880,8.9798,4.8012,4.4562,5.3687,8.3987,5.3250,1.1312,---,12.6041,2.6101,\
183.87,0.51678,0.52801,48.985,0.55871,0.95704,1.4185,1.4445,4.1823,2.4012,4.8250
"""


def test_the_cfets_central_parity_table_imports_as_yuan_per_unit(admin_client):
    upload = SimpleUploadedFile("中间价.csv", CFETS_CSV.encode())
    response = admin_client.post(reverse("stats:exchangerate_import_cfets"), {"file": upload, "action": "import"})
    assert response.status_code == 302, response.context["report"].errors
    rates = {(r.currency, r.date): r.rate for r in ExchangeRate.objects.all()}
    assert rates[("USD", D(2024, 1, 2))] == Decimal("7.092")
    assert rates[("JPY", D(2024, 1, 2))] == Decimal("0.050147")  # quoted per 100 yen
    assert rates[("MYR", D(2024, 1, 2))] == Decimal("1.541640")  # quoted as ringgit per yuan
    assert rates[("THB", D(2024, 1, 3))] == Decimal("0.207254")
    assert ("MYR", D(2024, 1, 3)) not in rates  # not quoted that day
    assert rates[("CAD", D(2024, 1, 3))] == Decimal("5.325")
    assert len(rates) == 23  # the rouble, the won … are no currencies kept here: their columns are ignored
    assert ExchangeRate.objects.filter(source__contains="中国外汇交易中心").count() == 23
    assert "外汇交易中心" in admin_client.get(LIST).content.decode()


def test_a_cfets_xlsx_table_with_a_bad_quote_is_refused_whole(admin_client):
    book = Workbook()
    book.active.append(["日期", "USD/CNY", "EUR/CNY"])
    book.active.append([D(2024, 1, 2), 7.092, 7.8267])
    book.active.append([D(2024, 1, 3), "七点一", 7.7791])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("中间价.xlsx", buffer.getvalue())
    response = admin_client.post(reverse("stats:exchangerate_import_cfets"), {"file": upload, "action": "import"})
    assert errors(response) == [(3, "USD/CNY")]
    assert not ExchangeRate.objects.exists()


def test_the_demo_keeps_its_rates_up_to_today():
    plans = rates.exchange_rates(seed=generator.DEFAULT_SEED, until=D(2026, 10, 31))
    carried = rates.carried_to(plans, D(2026, 12, 3))
    assert carried[: len(plans)] == plans  # the planned rates stay
    usd = [plan for plan in carried if plan.currency == "USD"]
    assert [plan.date for plan in usd[-2:]] == [D(2026, 11, 2), D(2026, 12, 1)]
    assert usd[-1].rate == usd[-3].rate


# The demo's rates.


def test_the_demo_has_every_foreign_currency_on_the_first_business_day_of_every_month():
    plans = rates.exchange_rates(seed=generator.DEFAULT_SEED, until=UNTIL)
    assert plans == rates.exchange_rates(seed=generator.DEFAULT_SEED, until=UNTIL)
    assert plans != rates.exchange_rates(seed=1, until=UNTIL)
    days = sorted({plan.date for plan in plans})
    assert [(day.year, day.month) for day in days][:2] == [(2014, 1), (2014, 2)] and days[-1] <= UNTIL
    assert len(days) == (UNTIL.year - 2014) * 12 + UNTIL.month
    assert days[0] == D(2014, 1, 2)  # New Year's Day is a holiday
    assert D(2019, 10, 8) in days  # after the National Day week
    assert all(day.weekday() < 5 and day.day <= 10 for day in days)
    foreign = {code for code in Currency.values if code != Currency.CNY}
    assert {plan.currency for plan in plans} == foreign and len(plans) == len(foreign) * len(days)


def test_the_demo_rates_stay_near_their_long_run_averages():
    plans = rates.exchange_rates(seed=generator.DEFAULT_SEED, until=UNTIL)
    usd = [plan.rate for plan in plans if plan.currency == "USD"]
    assert Decimal("5.8") < min(usd) and max(usd) < Decimal("8.0")
    hkd = {plan.date: plan.rate for plan in plans if plan.currency == "HKD"}
    for plan in plans:
        if plan.currency == "USD":  # the peg
            assert abs(plan.rate / hkd[plan.date] - Decimal("7.8")) < Decimal("0.001")


def test_some_demo_recoveries_are_in_foreign_currencies_with_a_rate_in_force():
    plans = list(generator.cases(persons=3000))
    recovered = [asset for case in plans for asset in case.assets if asset.recovered_on]
    foreign = [asset for asset in recovered if asset.recovered_currency != Currency.CNY]
    assert 0.25 < len(foreign) / len(recovered) < 0.55
    assert {asset.recovered_currency for asset in foreign} >= {"USD", "CAD", "AUD", "HKD"}
    book = rates.RateBook(rates.exchange_rates(seed=generator.DEFAULT_SEED, until=UNTIL))
    for asset in foreign:
        assert asset.recovered_currency == asset.value_currency
        in_cny = book.to_cny(asset.recovered_amount, asset.recovered_currency, asset.recovered_on)
        held = book.to_cny(asset.value, asset.value_currency, asset.recovered_on)
        assert Decimal("0.35") * held < in_cny <= held  # 40% to all of the value, at the day's rate


class Rollback(Exception):
    pass


def written(fast: bool) -> list[tuple]:
    """The demo's rates written one way, read back, and rolled back."""
    plans = rates.exchange_rates(seed=generator.DEFAULT_SEED, until=D(2015, 6, 30))
    try:
        with transaction.atomic():
            writer_class = writer.BulkWriter if fast else writer.ServiceWriter
            writer_class({}, {"admin": user(Role.ADMIN)}, generator.users()[:1]).write_rates(plans)
            rows = list(
                ExchangeRate.objects.order_by("currency", "date").values_list("currency", "date", "rate", "source")
            )
            raise Rollback
    except Rollback:
        return rows


def test_the_bulk_writer_writes_the_rates_the_services_write():
    through_services = written(fast=False)
    assert len(through_services) == 12 * 18
    assert written(fast=True) == through_services
