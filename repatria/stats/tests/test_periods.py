import datetime

import pytest

from repatria.stats.periods import PeriodError, parse_period

D = datetime.date
TODAY = D(2021, 6, 1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("2020-Q1", D(2020, 1, 1), D(2020, 3, 31)),
        ("2019-q4", D(2019, 10, 1), D(2019, 12, 31)),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29)),
        ("2019-01..2019-10", D(2019, 1, 1), D(2019, 10, 31)),
        ("2014..2020-06", D(2014, 1, 1), D(2020, 6, 30)),
        ("2019-01-05..2019-06-15", D(2019, 1, 5), D(2019, 6, 15)),
        ("2018-03..", D(2018, 3, 1), None),
        ("..2020-06", None, D(2020, 6, 30)),
        ("", None, None),
        ("all", None, None),
    ],
)
def test_periods_as_bulletins_state_them(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


def test_an_open_period_runs_to_today_and_its_year_before_too():
    since = parse_period("2018-03..")
    assert since.last_day(TODAY) == TODAY
    earlier = since.year_earlier(TODAY)
    assert (earlier.start, earlier.end) == (D(2017, 3, 1), D(2020, 6, 1))
    assert parse_period("..2020").year_earlier(TODAY) is None


def test_the_year_before_a_leap_day_ends_on_the_28th():
    earlier = parse_period("2020-02").year_earlier(TODAY)
    assert (earlier.start, earlier.end) == (D(2019, 2, 1), D(2019, 2, 28))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2019-13", "不是有效日期"),
        ("2019-Q5", "YYYY-Qn"),
        ("last year", "YYYY-Qn"),
        ("2019-Q1-05", "季度没有日"),
        ("2020..2019", "早于"),
        ("2019-02-30", "不是有效日期"),
    ],
)
def test_an_unreadable_period_is_refused_in_the_users_language(text, words):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert words in str(error.value)
