"""The asset list in the browser: foreign amounts with their yuan, and the total in yuan under the value column."""

import pytest
from playwright.sync_api import expect

from repatria.assets.tests.test_amounts import assets  # noqa: F401 - three assets in dollars, yuan and euros

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_asset_list_totals_its_values_in_yuan_under_their_column(page, officer, assets, sign_in):  # noqa: F811
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("/login/")
    sign_in(officer, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    page.goto("/assets/")
    expect(page.get_by_role("cell", name="2,000,000.00 USD（≈ 1,400.00万元）")).to_be_visible()

    header = page.locator("thead th", has_text="价值")
    total = page.locator("tfoot td", has_text="合计")
    expect(total).to_have_text("合计：3.64亿元（1项因缺少汇率未计入）")
    header_box, total_box, row_box = (
        header.bounding_box(),
        total.bounding_box(),
        page.locator("tbody tr").first.bounding_box(),
    )
    assert total_box["x"] == header_box["x"]  # under the value column
    assert total_box["height"] <= row_box["height"] + 1  # on one line, as high as a row
