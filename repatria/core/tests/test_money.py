"""Amounts as readers read them, and their yuan equivalent at the rate of their day."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from repatria.core.money import Amount, Converter, format_amount, with_equivalent
from repatria.stats.models import ExchangeRate

DAY = datetime.date(2019, 3, 1)


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("19654000000", "196.54亿元", "19,654,000,000.00 CNY"),
        ("123456789012.34", "1,234.57亿元", "123,456,789,012.34 CNY"),
        ("100000000", "1.00亿元", "100,000,000.00 CNY"),
        ("99999999.995", "1.00亿元", "99,999,999.995 CNY"),
        ("35205000", "3,520.50万元", "35,205,000.00 CNY"),
        ("10000", "1.00万元", "10,000.00 CNY"),
        ("9999.995", "1.00万元", "10,000.00 CNY"),
        ("5000", "5,000.00元", "5,000.00 CNY"),
        ("0", "0.00元", "0.00 CNY"),
    ],
)
def test_yuan_read_in_wan_and_yi_in_chinese_and_in_full_in_english(amount, zh, en):
    assert format_amount(Decimal(amount), "CNY", "zh-hans") == zh
    assert format_amount(Decimal(amount), "CNY", "en") == en.replace("99,999,999.995", "100,000,000.00")


def test_a_foreign_amount_keeps_its_full_figure_and_code_in_both_languages():
    assert format_amount(Decimal("12345678.5"), "USD", "zh-hans") == "12,345,678.50 USD"
    assert format_amount(Decimal("12345678.5"), "USD", "en") == "12,345,678.50 USD"
    assert format_amount(Decimal("5"), "", "zh-hans") == "5.00元"  # no currency recorded: yuan


@pytest.mark.django_db
def test_a_foreign_amount_shows_its_yuan_at_the_rate_of_its_day_or_says_there_is_none():
    ExchangeRate.objects.create(currency="USD", date=datetime.date(2019, 2, 1), rate="6.7")
    with translation.override("zh-hans"):
        assert with_equivalent(Amount(Decimal("2000000"), "USD", DAY)) == "2,000,000.00 USD（≈ 1,340.00万元）"
        assert with_equivalent(Amount(Decimal("5"), "EUR", DAY)) == "5.00 EUR（无2019-03-01的EUR汇率）"
        assert with_equivalent(Amount(Decimal("5"), "CNY", DAY)) == "5.00元"
    with translation.override("en"):
        assert with_equivalent(Amount(Decimal("2000000"), "USD", DAY)) == "2,000,000.00 USD (≈ 13,400,000.00 CNY)"
        assert with_equivalent(Amount(Decimal("5"), "EUR", DAY)) == "5.00 EUR (no EUR rate on 2019-03-01)"


@pytest.mark.django_db
def test_a_total_counts_the_amounts_left_out_for_lack_of_a_rate():
    ExchangeRate.objects.create(currency="USD", date=datetime.date(2019, 2, 1), rate="6.7")
    amounts = [Amount(Decimal(v), c, DAY) for v, c in (("100", "USD"), ("30", "CNY"), ("1", "EUR"), ("2", "EUR"))]
    assert Converter({a.currency for a in amounts}).total(amounts) == (Decimal("700.00"), 2)
