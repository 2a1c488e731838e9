"""The statistics page in the browser: choose a period, see the charts, open the records behind a bar and a
figure, copy the bulletin and download both files."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from repatria.stats.tests.conftest import world  # noqa: F401 - the fixture whose figures are known

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHARTS = ("by_month", "by_method", "by_country", "by_province", "abroad_by_years")


@pytest.fixture
def statistics(page, world, sign_in):  # noqa: F811 - the fixture imported above
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/login/")
    sign_in(world.admin, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    page.goto("/stats/")
    return page


def choose_period(page, text: str) -> None:
    page.fill("#id_period", text)
    with page.expect_navigation():
        page.locator("form.stats-query button[type=submit]").click()


def wait_for_charts(page) -> None:
    for name in CHARTS:
        page.locator(f'[data-chart="{name}"][data-drawn] canvas').first.wait_for()


def click_bar(page, chart: str, index: int, value: int) -> None:
    """Click the middle of a horizontal bar, found where ECharts drew it."""
    container = page.locator(f'[data-chart="{chart}"]')
    container.scroll_into_view_if_needed()
    x, y = page.evaluate(
        """([chart, index, value]) => {
            const instance = echarts.getInstanceByDom(document.querySelector(`[data-chart="${chart}"]`));
            return instance.convertToPixel({seriesIndex: 0}, [value / 2, index]);
        }""",
        [chart, index, value],
    )
    box = container.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_an_officer_reads_the_figures_of_a_year_and_takes_them_away(statistics, csp_violations):
    page = statistics
    choose_period(page, "2019")
    assert "period=2019" in page.url
    assert page.input_value("#id_period") == "2019"
    wait_for_charts(page)
    returned = page.locator(".stats-headlines a.stats-figure").first
    assert returned.inner_text() == "4"

    # The first bar of the countries is one person: clicking it lists the return behind it.
    first_country = page.evaluate("JSON.parse(document.getElementById('stats-data').textContent)")["charts"][
        "by_country"
    ]["labels"][0]
    with page.expect_navigation():
        click_bar(page, "by_country", 0, 1)
    assert "breakdown=by_country" in page.url
    assert first_country in page.locator("h1").inner_text()
    assert page.locator("table.stats-records tbody tr").count() == 1
    page.go_back()

    # The headline figure lists the four persons returned, B once, by the last return.
    with page.expect_navigation():
        page.locator(".stats-headlines a.stats-figure").first.click()
    records = page.locator("table.stats-records tbody tr")
    assert records.count() == 4
    assert "2019-11-30" in records.filter(has_text="测试B").inner_text()
    page.go_back()
    wait_for_charts(page)

    bulletin = page.locator("#bulletin-zh-hans")
    page.locator('[data-copy="bulletin-zh-hans"]').click()
    expect(page.locator('[data-copy="bulletin-zh-hans"] + [role=status]')).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == bulletin.input_value()
    assert bulletin.input_value().startswith("2019年，中国共从4个国家和地区追回外逃人员4人")

    with page.expect_download() as xlsx:
        page.get_by_role("link", name="XLSX").click()
    assert xlsx.value.suggested_filename == "statistics-2019.xlsx"
    with open(xlsx.value.path(), "rb") as file:  # saved without its extension, which openpyxl goes by
        sheets = load_workbook(file).sheetnames
    assert (sheets[0], sheets[-1], len(sheets)) == ("概要", "国际合作", 10)  # summary, breakdowns, requests
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF").click()
    assert pdf.value.suggested_filename == "statistics-2019.pdf"
    with open(pdf.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    assert not csp_violations


def test_a_missing_rate_marks_the_amount_incomplete_and_leads_to_the_rate_to_enter(statistics, world):  # noqa: F811
    import datetime

    from repatria.stats.tests.conftest import recover

    recover(world.admin, world.case_E, "GB", "250", "GBP", datetime.date(2019, 8, 8))
    page = statistics
    choose_period(page, "2019")
    assert page.locator(".stats-headlines a.stats-figure").first.inner_text() == "4"  # the counts stay
    expect(page.locator(".stats-headlines .stats-incomplete")).to_be_visible()
    notice = page.locator("#incomplete-amount")
    expect(notice).to_contain_text("1笔追赃")
    with page.expect_navigation():
        notice.get_by_role("link", name="GBP 2019-08-08").click()
    assert page.input_value("#id_date") == "2019-08-08"
