"""Server-side SVG charts: well-formed documents, one bar or point per row, escaped labels, readable axes."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses the SVG these tests just drew
from decimal import Decimal

import pytest
from django.utils import translation

from repatria.stats import charts
from repatria.stats.figures import Row

SVG = "{http://www.w3.org/2000/svg}"

METHODS = [
    Row("extradition", "引渡", 17),
    Row("repatriation", "遣返", 66),
    Row("arrest", "缉捕", 275),
    Row("persuasion", "劝返", 500),
    Row("surrender", "主动投案自首", 76),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{SVG}rect[@class='bar']")


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("horizontal", [False, True])
def test_one_bar_per_row_with_its_label_and_number(horizontal):
    root = parse(charts.bar_chart(METHODS, title="按追回方式", horizontal=horizontal))

    assert len(bars(root)) == len(METHODS)
    shown = texts(root)
    assert "按追回方式" in shown
    assert {"引渡", "遣返", "缉捕", "劝返", "主动投案自首"} <= set(shown)
    assert {"17", "66", "275", "500", "76"} <= set(shown)


def test_the_longest_bar_is_the_largest_value():
    root = parse(charts.bar_chart(METHODS, title="methods", horizontal=True))

    widths = [float(bar.get("width")) for bar in bars(root)]
    assert max(widths) == widths[3]  # 劝返 500
    assert widths[0] < widths[1] < widths[2]


def test_a_limit_keeps_the_largest_rows_largest_first_and_says_so():
    countries = [Row(f"C{n}", f"国家{n}", persons=n) for n in range(1, 21)]

    root = parse(charts.bar_chart(countries, title="By country", horizontal=True, limit=15))

    assert len(bars(root)) == 15
    labels = [text for text in texts(root) if text.startswith("国家")]
    assert labels == [f"国家{n}" for n in range(20, 5, -1)]
    with translation.override("en"):
        root = parse(charts.bar_chart(countries, title="By country", horizontal=True, limit=15))
    assert "By country (15 of 20)" in texts(root)


def test_markup_in_labels_and_title_stays_text():
    rows = [Row("x", "<script>alert(1)</script>", 3), Row("y", 'A & B "Ltd"', 2), Row("z", "bell\x07", 1)]

    for svg in (
        charts.bar_chart(rows, title="<b>title</b>"),
        charts.bar_chart(rows, title="<b>title</b>", horizontal=True),
        charts.line_chart(rows, title="<b>title</b>"),
    ):
        root = parse(svg)
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
        assert "<script>" not in svg
        assert {"<b>title</b>", "<script>alert(1)</script>", 'A & B "Ltd"', "bell"} <= set(texts(root))


def test_chinese_is_set_in_the_noto_cjk_sc_face():
    root = parse(charts.bar_chart(METHODS, title="按追回方式"))

    assert root.get("font-family").startswith("'Noto Sans CJK SC'")


def test_person_ticks_are_whole_numbers_each_once():
    root = parse(charts.bar_chart([Row("a", "甲", 1), Row("b", "乙", 3)], title="t", horizontal=True))

    ticks = [text for text in texts(root) if text.isdigit()]
    assert ticks[:4] == ["0", "1", "2", "3"]


def test_large_counts_have_thousands_separators():
    root = parse(charts.bar_chart([Row("a", "甲", 7831), Row("b", "乙", 2075)], title="t"))

    assert {"7,831", "2,075", "8,000"} <= set(texts(root))


def test_amounts_read_in_the_readers_scale():
    rows = [Row("2019", "2019年", amount=Decimal("2954000000")), Row("2020", "2020年", amount=Decimal("19654000000"))]

    with translation.override("zh-hans"):
        chinese = texts(parse(charts.bar_chart(rows, title="追回金额", value="amount", horizontal=True)))
    with translation.override("en"):
        english = texts(parse(charts.bar_chart(rows, title="Recovered", value="amount", horizontal=True)))

    assert {"29.54亿", "196.54亿", "200亿"} <= set(chinese)
    assert {"2.95B", "19.65B", "20B"} <= set(english)


def test_readable_numbers():
    assert charts.readable(7831) == "7,831"
    with translation.override("zh-hans"):
        assert charts.readable(Decimal("19654000000"), amount=True) == "196.54亿"
        assert charts.readable(Decimal("35000"), amount=True) == "3.5万"
        assert charts.readable(Decimal("1234.5"), amount=True) == "1,234.5"
        assert charts.readable(Decimal("99999999.999"), amount=True) == "1亿"  # rounded up to the next unit
    with translation.override("en"):
        assert charts.readable(Decimal("19654000000"), amount=True) == "19.65B"
        assert charts.readable(Decimal("35000"), amount=True) == "35K"


def test_line_chart_has_a_point_per_row_in_order():
    months = [Row(f"2019-{m:02d}", f"2019年{m}月", amount=Decimal(m * 10**7)) for m in range(1, 11)]

    root = parse(charts.line_chart(months, title="追回金额", value="amount"))

    points = root.findall(f"{SVG}circle[@class='point']")
    assert len(points) == 10
    xs, ys = [float(p.get("cx")) for p in points], [float(p.get("cy")) for p in points]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # rising amounts go up the page
    assert root.find(f"{SVG}polyline[@class='line']") is not None


def test_many_months_keep_readable_labels():
    months = [Row(f"{2014 + m // 12}-{m % 12 + 1:02d}", f"{2014 + m // 12}年{m % 12 + 1}月", m) for m in range(150)]

    root = parse(charts.bar_chart(months, title="每月"))

    assert len(bars(root)) == 150
    labels = [text for text in texts(root) if "月" in text and text != "每月"]
    assert 3 <= len(labels) <= 15 and labels[0] == "2014年1月"


@pytest.mark.parametrize("rows", [[], [Row("extradition", "引渡"), Row("arrest", "缉捕")]])
def test_nothing_to_draw_says_so(rows):
    with translation.override("en"):
        for svg in (charts.bar_chart(rows, title="Empty"), charts.line_chart(rows, title="Empty", value="amount")):
            root = parse(svg)
            assert not bars(root) and not root.findall(f"{SVG}circle")
            assert "No figures for this period." in texts(root)


def test_an_unknown_value_is_refused():
    with pytest.raises(ValueError, match="value"):
        charts.bar_chart(METHODS, title="t", value="cases")
