import pytest

from repatria.core.dates import format_partial_date, parse_partial_date, precision


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1955", "1955"),
        ("1955-4", "1955-04"),
        ("1955/04/12", "1955-04-12"),
        ("1955年4月12日", "1955-04-12"),
        ("1955年4月", "1955-04"),
        ("1955年", "1955"),
    ],
)
def test_partial_dates_are_normalised_to_iso(text, iso):
    assert parse_partial_date(text) == iso


@pytest.mark.parametrize("text", ["55", "1955-13", "1955-02-30", "April 1955", ""])
def test_a_wrong_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_precision_and_display():
    assert precision("1955-04") == "month"
    assert format_partial_date("1955-04", "zh-hans") == "1955年4月"
    assert format_partial_date("1955-04-12", "en") == "1955-04-12"
