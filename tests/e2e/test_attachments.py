"""An officer attaches a warrant to a case and finds it listed on the case's page and on its timeline."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = b"%PDF-1.4\n%synthetic warrant\n%%EOF\n"


@pytest.fixture
def case_page(page, django_user_model, sign_in):
    from repatria.accounts.models import Organisation, OrganisationKind
    from repatria.cases.services import open_case
    from repatria.geo.models import Province

    office = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE)
    officer = django_user_model.objects.create_user("officer", password="correct horse 9", role="admin")
    case = open_case(actor=officer, number="ZT-2019-00078", title="某局局长受贿案",
                     province=Province.objects.get(pk="330000"), lead_organisation=office,
                     opened_on=datetime.date(2019, 2, 1))  # fmt: skip
    page.goto("/login/")
    sign_in(officer, "correct horse 9")
    page.goto(case.get_absolute_url())
    return page


def test_a_warrant_attached_to_a_case_is_listed_on_its_page(case_page, csp_violations):
    page = case_page
    card = page.locator(".attachments")
    assert "尚无附件" in card.inner_text()
    card.get_by_role("link", name="附加文件").click()
    page.select_option("#id_kind", "warrant")
    page.fill("#id_description", "逮捕令扫描件")
    page.set_input_files("#id_file", {"name": "逮捕令.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="保存").click()

    page.get_by_role("heading", name="ZT-2019-00078").wait_for()
    listed = card.get_by_role("link", name="逮捕令.pdf")
    listed.wait_for()
    assert "逮捕令扫描件" in card.inner_text()
    assert "附加文件：逮捕令“逮捕令.pdf”" in page.locator(".timeline").inner_text()
    with page.expect_download() as download:
        listed.click()
    assert download.value.suggested_filename == "逮捕令.pdf"
    assert not csp_violations
