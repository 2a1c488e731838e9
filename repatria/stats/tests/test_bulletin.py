"""The bulletin paragraph, checked against the wording and the numbers the published bulletins use."""

import datetime
from decimal import Decimal

import pytest

from repatria.cases.models import ReturnMethod
from repatria.stats.bulletin import about_en, about_zh, bulletin, period_en, period_zh, yuan_en, yuan_zh
from repatria.stats.figures import Figures, Row, Unconverted
from repatria.stats.periods import parse_period

TODAY = datetime.date(2025, 7, 31)
SKY_NET_2018 = {
    ReturnMethod.EXTRADITION: 17,
    ReturnMethod.REPATRIATION: 66,
    ReturnMethod.PROSECUTION_ABROAD: 1,
    ReturnMethod.ARREST: 275,
    ReturnMethod.PERSUASION: 500,
    ReturnMethod.BORDER_ALERT: 202,
    ReturnMethod.CAUGHT_AT_HOME: 198,
    ReturnMethod.SURRENDER: 76,
}


def figures(text: str = "2019", *, methods=None, **counts) -> Figures:
    """Figures for a period written as the app writes it; an open start begins with the records in 2014, an open
    end runs to today."""
    period = parse_period(text)
    by_method = [Row(method.value, method.label, (methods or {}).get(method, 0)) for method in ReturnMethod]
    return Figures(
        period=period,
        first_day=period.start or datetime.date(2014, 1, 1),
        last_day=period.end or TODAY,
        by_method=by_method,
        **counts,
    )


SEED = {
    "returned": 7831,
    "functionaries": 2075,
    "red_notice": 348,
    "hundred_list": 60,
    "countries": 127,
    "amount": Decimal("19654000000"),
}


def test_the_seed_figures_read_as_the_published_bulletin():
    seed = figures("2014..2020-06", methods=SKY_NET_2018, **SEED)
    assert bulletin(seed, "zh-hans") == (
        "2014年至2020年6月，中国共从120多个国家和地区追回外逃人员7831人，其中党员和国家工作人员2075人、"
        "“红通人员”348人、“百名红通人员”60人，追回赃款196.54亿元。"
        "追回的外逃人员中，引渡17人，遣返66人，异地追诉1人，缉捕275人，劝返500人，边境触网202人，"
        "境内抓获198人，主动投案自首76人。"
    )
    assert bulletin(seed, "en") == (
        "From 2014 to June 2020, China brought back 7,831 fugitives from more than 120 countries and regions, "
        "of whom 2,075 were party members or state functionaries, 348 were red-notice subjects and 60 were members "
        "of the “100 list”; CNY 19.654 billion in illicit proceeds was recovered. Of those brought back, "
        "17 were extradited, 66 were repatriated, 1 was prosecuted abroad, 275 were arrested abroad, 500 were "
        "persuaded to return, 202 were caught at the border, 198 were caught inside China and 76 surrendered "
        "voluntarily."
    )


def test_a_province_reports_in_its_own_name():
    scoped = figures("2019", returned=12, countries=3, amount=Decimal("35205000"))
    assert (
        bulletin(scoped, "zh-hans", subject="广东省")
        == "2019年，广东省共从3个国家和地区追回外逃人员12人，追回赃款3520.5万元。"
    )
    assert bulletin(scoped, "en", subject="Guangdong Province") == (
        "In 2019, Guangdong Province brought back 12 fugitives from 3 countries and regions; "
        "CNY 35.205 million in illicit proceeds was recovered."
    )


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2019", "2019年", "In 2019"),
        ("2020-Q1", "2020年第一季度", "In the first quarter of 2020"),
        ("2020-Q4", "2020年第四季度", "In the fourth quarter of 2020"),
        ("2019-03", "2019年3月", "In March 2019"),
        ("2019-01..2019-10", "2019年1月至10月", "From January to October 2019"),
        ("2019-02..2019-04", "2019年2月至4月", "From February to April 2019"),
        ("2014..2020-06", "2014年至2020年6月", "From 2014 to June 2020"),
        ("2018-03..2020-06", "2018年3月至2020年6月", "From March 2018 to June 2020"),
        ("2014..2019", "2014年至2019年", "From 2014 to 2019"),
        ("2019-12..2020-02", "2019年12月至2020年2月", "From December 2019 to February 2020"),
        ("2018-03..", "2018年3月以来", "Since March 2018"),
        ("2018..", "2018年以来", "Since 2018"),
        ("2018-03-05..", "2018年3月5日以来", "Since 5 March 2018"),
        ("..2020-06", "截至2020年6月", "Up to June 2020"),
        ("..2019", "截至2019年底", "Up to the end of 2019"),
        ("..2020-06-15", "截至2020年6月15日", "Up to 15 June 2020"),
        ("", "截至2025年7月31日", "Up to 31 July 2025"),
        ("2019-01-05..2019-06-15", "2019年1月5日至2019年6月15日", "From 5 January 2019 to 15 June 2019"),
        ("2019-01-01..2019-06-15", "2019年1月1日至2019年6月15日", "From 1 January 2019 to 15 June 2019"),
        ("2019-01-05", "2019年1月5日", "On 5 January 2019"),
    ],
)
def test_each_period_is_named_as_the_bulletins_name_it(text, zh, en):
    assert period_zh(figures(text)) == zh
    assert period_en(figures(text)) == en


def test_the_tense_follows_the_period():
    since = figures("2018-03..", returned=3848, amount=Decimal("9911000000"))
    assert bulletin(since, "en") == (
        "Since March 2018, China has brought back 3,848 fugitives; "
        "CNY 9.911 billion in illicit proceeds has been recovered."
    )
    up_to = figures("..2020-06", returned=2, amount=Decimal("100"))
    assert bulletin(up_to, "en") == (
        "Up to June 2020, China had brought back 2 fugitives; CNY 100 in illicit proceeds had been recovered."
    )
    assert bulletin(since, "zh-hans") == "2018年3月以来，中国共追回外逃人员3848人，追回赃款99.11亿元。"


def test_nobody_returned_is_said_plainly():
    nothing = figures("2020-Q1")
    assert bulletin(nothing, "zh-hans") == "2020年第一季度，中国未追回外逃人员，也未追回赃款。"
    assert bulletin(nothing, "en") == (
        "In the first quarter of 2020, China brought back no fugitives and recovered no illicit proceeds."
    )
    money_only = figures("2020-Q1", amount=Decimal("35200000"))
    assert bulletin(money_only, "zh-hans") == "2020年第一季度，中国未追回外逃人员，追回赃款3520万元。"
    assert bulletin(money_only, "en") == (
        "In the first quarter of 2020, China brought back no fugitives; "
        "CNY 35.2 million in illicit proceeds was recovered."
    )
    assert "0人" not in bulletin(nothing, "zh-hans") + bulletin(money_only, "zh-hans")


def test_categories_and_amounts_that_are_zero_are_left_out():
    some = figures("2019", returned=969, countries=40, red_notice=16, methods={ReturnMethod.PERSUASION: 969})
    assert bulletin(some, "zh-hans") == (
        "2019年，中国共从40个国家和地区追回外逃人员969人，其中“红通人员”16人。追回的外逃人员中，劝返969人。"
    )
    assert bulletin(some, "en") == (
        "In 2019, China brought back 969 fugitives from 40 countries and regions, of whom 16 were red-notice "
        "subjects. Of those brought back, 969 were persuaded to return."
    )


def test_one_person_one_country_read_in_the_singular():
    one = figures(
        "2019",
        returned=1,
        countries=1,
        functionaries=1,
        red_notice=1,
        hundred_list=1,
        methods={ReturnMethod.EXTRADITION: 1},
    )
    assert bulletin(one, "zh-hans") == (
        "2019年，中国共从1个国家或地区追回外逃人员1人，其中党员和国家工作人员1人、“红通人员”1人、“百名红通人员”1人。"
        "追回的外逃人员中，引渡1人。"
    )
    assert bulletin(one, "en") == (
        "In 2019, China brought back 1 fugitive from 1 country or region, of whom 1 was a party member or state "
        "functionary, 1 was a red-notice subject and 1 was a member of the “100 list”. "
        "Of those brought back, 1 was extradited."
    )


def test_returns_from_unrecorded_countries_name_no_country_count():
    unknown = figures("2019", returned=5)
    assert bulletin(unknown, "zh-hans") == "2019年，中国共追回外逃人员5人。"
    assert bulletin(unknown, "en") == "In 2019, China brought back 5 fugitives."


def test_the_dead_are_told_apart_from_those_brought_back():
    closed = figures("2019", returned=4, died=2, methods={ReturnMethod.OTHER: 3, ReturnMethod.EXTRADITION: 1})
    assert bulletin(closed, "zh-hans").endswith("追回的外逃人员中，引渡1人，其他方式3人。另有2名外逃人员在境外死亡。")
    assert bulletin(closed, "en").endswith(
        "Of those brought back, 1 was extradited and 3 were brought back by other means. 2 more fugitives died abroad."
    )
    nobody = figures("2019", died=1)
    assert bulletin(nobody, "zh-hans") == "2019年，中国未追回外逃人员，也未追回赃款。另有1名外逃人员在境外死亡。"


def test_an_incomplete_amount_says_what_it_leaves_out():
    left_out = (Unconverted(1, datetime.date(2019, 8, 8), "GBP", Decimal(250)),)
    incomplete = figures("2019", returned=1, amount=Decimal(5000), unconverted=left_out)
    assert "追回赃款5000元（不含1笔缺少汇率的追赃）" in bulletin(incomplete, "zh-hans")
    assert "recovered (not counting 1 recovery without an exchange rate)" in bulletin(incomplete, "en")


def test_methods_follow_the_bulletins_order_whatever_the_rows_order():
    rows = [Row(ReturnMethod.SURRENDER.value, "", 2), Row(ReturnMethod.EXTRADITION.value, "", 1)]
    shuffled = Figures(parse_period("2019"), TODAY, TODAY, returned=3, by_method=rows)
    assert bulletin(shuffled, "zh-hans").endswith("引渡1人，主动投案自首2人。")


def test_a_method_the_bulletin_does_not_know_is_refused():
    strange = Figures(parse_period("2019"), TODAY, TODAY, returned=1, by_method=[Row("teleported", "", 1)])
    with pytest.raises(ValueError, match="teleported"):
        bulletin(strange, "en")


def test_only_chinese_and_english_bulletins_exist():
    assert bulletin(figures(), "zh-Hans").startswith("2019年")
    with pytest.raises(ValueError, match="fr"):
        bulletin(figures(), "fr")


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("19654000000", "196.54亿元", "CNY 19.654 billion"),
        ("19654500000", "196.55亿元", "CNY 19.655 billion"),  # half up, not to even
        ("19654499999", "196.54亿元", "CNY 19.654 billion"),
        ("19655000000", "196.55亿元", "CNY 19.655 billion"),
        ("10000000000", "100亿元", "CNY 10 billion"),
        ("9911000000", "99.11亿元", "CNY 9.911 billion"),
        ("354490000", "3.54亿元", "CNY 354.49 million"),
        ("100000000", "1亿元", "CNY 100 million"),
        ("99999999", "1亿元", "CNY 100 million"),
        ("99950000", "9995万元", "CNY 99.95 million"),
        ("35205000", "3520.5万元", "CNY 35.205 million"),
        ("35200000", "3520万元", "CNY 35.2 million"),
        ("999999600", "10亿元", "CNY 1 billion"),
        ("1234567.5", "123.46万元", "CNY 1.235 million"),
        ("350000", "35万元", "CNY 350,000"),
        ("12345", "1.23万元", "CNY 12,345"),
        ("9999.995", "1万元", "CNY 10,000"),
        ("5000", "5000元", "CNY 5,000"),
        ("49.5", "49.5元", "CNY 49.5"),
        ("0", "0元", "CNY 0"),
        ("-320000000", "-3.2亿元", "CNY -320 million"),
    ],
)
def test_amounts_are_written_as_the_bulletins_write_them(amount, zh, en):
    assert yuan_zh(Decimal(amount)) == zh
    assert yuan_en(Decimal(amount)) == en


@pytest.mark.parametrize(
    ("count", "zh", "en"),
    [
        (1, "1个", "1"),
        (8, "8个", "8"),
        (19, "19个", "19"),
        (20, "20个", "20"),
        (21, "20多个", "more than 20"),
        (56, "50多个", "more than 50"),
        (120, "120个", "120"),
        (127, "120多个", "more than 120"),
        (1234, "1230多个", "more than 1,230"),
    ],
)
def test_countries_are_counted_in_round_tens_from_twenty(count, zh, en):
    assert about_zh(count) == zh
    assert about_en(count) == en


@pytest.mark.parametrize(("count", "zh", "en"), [(8, "8个", "8"), (20, "20个", "20"), (120, "120个", "120")])
def test_exact_country_counts_read_exactly_in_the_bulletin(count, zh, en):
    exact = figures("2019", returned=200, countries=count)
    assert f"从{zh}国家和地区" in bulletin(exact, "zh-hans")
    assert f"from {en} countries and regions" in bulletin(exact, "en")
