"""The statistics exports: the XLSX workbook an analyst opens and the Chinese PDF report with charts and bulletin."""

import dataclasses
import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.utils import translation
from openpyxl import load_workbook

from repatria.stats import exports
from repatria.stats.figures import Figures, Row
from repatria.stats.periods import parse_period

BULLETIN = (
    "2018年，天网行动共从62个国家和地区追回外逃人员1335人，其中党员和国家工作人员307人、“红通人员”50人、"
    "“百名红通人员”5人，追回赃款35.41亿元。"
)
# fmt: off
COUNTRIES = [
    "美国", "加拿大", "澳大利亚", "新西兰", "英国", "泰国", "缅甸", "越南", "柬埔寨", "老挝", "马来西亚", "新加坡",
    "印度尼西亚", "菲律宾", "日本", "韩国",
]
PROVINCES = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东",
]
# fmt: on


def sky_net_2018(**changes) -> Figures:
    """Figures shaped like the Sky Net 2018 results, with the year before and a label that looks like a formula."""
    figures = Figures(
        period=parse_period("2018"),
        first_day=datetime.date(2018, 1, 1),
        last_day=datetime.date(2018, 12, 31),
        returned=1335,
        functionaries=307,
        red_notice=50,
        hundred_list=5,
        countries=62,
        amount=Decimal("3541000000.00"),
        by_method=[
            Row("extradition", "引渡", 17),
            Row("repatriation", "遣返", 66),
            Row("prosecution", "异地追诉", 1),
            Row("arrest", "缉捕", 275),
            Row("persuasion", "劝返", 500),
            Row("border", "边境触网", 202),
            Row("home", "境内抓获", 198),
            Row("surrender", "主动投案自首", 76),
        ],
        by_country=[Row(f"C{n}", name, 200 - 10 * n, Decimal(10**8) * (16 - n)) for n, name in enumerate(COUNTRIES)],
        by_province=[Row(f"{11 + n}0000", name, 100 - 4 * n) for n, name in enumerate(PROVINCES)],
        by_agency=[Row("7", '=HYPERLINK("http://example.test","某市监委")', 40, Decimal("1250000.50"))],
        by_offence=[Row("bribery", "受贿", 700), Row("embezzlement", "贪污", 420)],
        by_month=[Row(f"2018-{m:02d}", f"2018年{m}月", 100 + m, Decimal(295083333) + m) for m in range(1, 13)],
        abroad=812,
        abroad_by_country=[Row("US", "美国", 300), Row("CA", "加拿大", 120)],
        abroad_by_years=[Row("0-5", "5年以下", 410), Row("5-10", "5至10年", 402)],
        previous=dataclasses.replace(
            Figures(
                period=parse_period("2017-01-01..2017-12-31"),
                first_day=datetime.date(2017, 1, 1),
                last_day=datetime.date(2017, 12, 31),
            ),
            returned=1300,
            amount=Decimal("1000000000.00"),
            countries=0,
        ),
    )
    return dataclasses.replace(figures, **changes)


def open_workbook(figures: Figures):
    with translation.override("en"):
        data = exports.workbook(figures)
    return load_workbook(io.BytesIO(data))


def column(sheet, label: str) -> dict[str, tuple]:
    """The summary's lines by their first cell."""
    return {row[0].value: row for row in sheet.iter_rows() if row[0].value == label}[label]


# Workbook -------------------------------------------------------------------------------------------------------


def test_workbook_has_a_summary_and_a_sheet_per_breakdown():
    book = open_workbook(sky_net_2018())

    assert book.sheetnames == [
        "Summary",
        "By return method",
        "By country or region",
        "By province",
        "By lead agency",
        "By offence",
        "By month",
        "Abroad by country or region",
        "Abroad by years since flight",
    ]


def test_summary_gives_the_period_the_figures_a_year_earlier_and_the_change():
    sheet = open_workbook(sky_net_2018())["Summary"]

    assert sheet["B1"].value == "2018 (2018-01-01 – 2018-12-31)"
    assert sheet["B2"].value.date() == datetime.date(2018, 1, 1)
    assert sheet["B3"].value.date() == datetime.date(2018, 12, 31)
    assert [cell.value for cell in sheet[5]] == [
        "Measure",
        "This period",
        "A year earlier (2017-01-01 – 2017-12-31)",
        "Change (year on year)",
        "Change (%)",
    ]
    returned = column(sheet, "Persons returned")
    assert [cell.value for cell in returned[1:]] == [1335, 1300, 35, pytest.approx(35 / 1300)]
    assert returned[4].number_format == "0.0%"
    amount = column(sheet, "Amount recovered (CNY)")
    assert [cell.value for cell in amount[1:4]] == [3541000000, 1000000000, 2541000000]
    assert amount[1].number_format == "#,##0.00"
    countries = column(sheet, "Countries and regions returned from")
    assert countries[4].value is None  # no ratio against a year with none


def test_summary_without_a_year_earlier_has_only_this_period():
    sheet = open_workbook(sky_net_2018(previous=None, period=parse_period("")))["Summary"]

    assert sheet["B1"].value == "All years (2018-01-01 – 2018-12-31)"
    assert [cell.value for cell in sheet[5] if cell.value] == ["Measure", "This period"]
    assert column(sheet, "Still abroad on the last day")[1].value == 812


def test_breakdowns_are_numbers_with_their_labels_and_codes():
    book = open_workbook(sky_net_2018())

    countries = list(book["By country or region"].values)
    assert countries[0] == ("Country or region", "Number of persons", "Amount recovered (CNY)", "Code")
    assert countries[1] == ("美国", 200, 1600000000, "C0")
    assert book["By country or region"]["C2"].number_format == "#,##0.00"
    months = list(book["By month"].values)
    assert len(months) == 13 and months[12] == ("2018年12月", 112, 295083345, "2018-12")
    abroad = list(book["Abroad by years since flight"].values)
    assert abroad == [
        ("Years since flight", "Number of persons", "Code"),
        ("5年以下", 410, "0-5"),
        ("5至10年", 402, "5-10"),
    ]


def test_a_label_that_looks_like_a_formula_opens_as_text():
    cell = open_workbook(sky_net_2018())["By lead agency"]["A2"]

    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://example.test","某市监委")'


def test_sheet_names_follow_the_language():
    with translation.override("zh-hans"):
        chinese = load_workbook(io.BytesIO(exports.workbook(sky_net_2018())))
        summary = translation.gettext("Summary")

    assert summary != "Summary"
    assert chinese.sheetnames[0] == summary
    assert open_workbook(sky_net_2018()).sheetnames[0] == "Summary"


# File names -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "extension", "name"),
    [
        ("2019", "xlsx", "statistics-2019.xlsx"),
        ("2019-Q3", "pdf", "statistics-2019-Q3.pdf"),
        ("2019-01..2019-10", "xlsx", "statistics-2019-01_2019-10.xlsx"),
        ("2018-03..", ".pdf", "statistics-2018-03_2018-12-31.pdf"),
        ("", "xlsx", "statistics-2018-01-01_2018-12-31.xlsx"),
    ],
)
def test_file_names_say_the_period_in_ascii(period, extension, name):
    figures = sky_net_2018(period=parse_period(period))

    assert exports.filename(figures, extension) == name
    assert name.isascii()


# PDF ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> bytes:
    return exports.pdf(sky_net_2018(), bulletin=BULLETIN, subject="全国")


def pdf_text(data: bytes) -> str:
    return "".join("".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages).split())


def font_names(data: bytes) -> set[str]:
    """Every font the pages use, the charts' (form XObjects) included."""
    names = set()

    def collect(holder):
        resources = holder.get("/Resources")
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            collect(xobject.get_object())

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        collect(page)
    return names


def test_report_is_a_pdf(report):  # its time is measured in bench/statistics_page.py
    assert report.startswith(b"%PDF")


def test_report_embeds_the_simplified_chinese_noto_face(report):
    names = font_names(report)

    assert any("Noto-Sans-CJK-SC" in name for name in names), names


def test_report_has_the_bulletin_the_figures_and_the_charts(report):
    text = pdf_text(report)

    assert "".join(BULLETIN.split()) in text
    assert "全国" in text
    assert "1,335" in text and "35.41亿" in text  # headline figures
    assert "+35(+2.7%)" in text  # 同比, persons returned
    assert "主动投案自首" in text and "广东" in text and "2018年1月" in text  # method, province, month charts
    assert "日本" in text and "韩国" not in text  # the top 15 countries of 16


def test_report_keeps_markup_in_the_bulletin_as_text():
    data = exports.pdf(sky_net_2018(previous=None), bulletin="<b>加粗</b> & 更多")

    assert "<b>加粗</b>&更多" in pdf_text(data)
