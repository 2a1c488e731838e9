"""An officer's day: create a person, open a case, record the return and see it on the timeline."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def signed_in(page, django_user_model, sign_in):
    from repatria.accounts.models import Organisation, OrganisationKind

    Organisation.objects.create(
        name_zh="浙江省追逃办", name_en="Zhejiang office", kind=OrganisationKind.PROVINCIAL_OFFICE
    )
    officer = django_user_model.objects.create_user("officer", password="correct horse 9", role="admin")
    page.goto("/login/")
    sign_in(officer, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    return page


def test_person_case_return_and_timeline(signed_in, csp_violations):
    page = signed_in
    page.goto("/persons/add/")
    page.fill("#id_names-0-name", "陈建国")
    page.fill("#id_names-1-name", "CHEN Jianguo")
    page.select_option("#id_names-1-kind", "romanisation")
    page.select_option("#id_sex", "male")
    page.fill("#id_birth_date", "1962-03")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="陈建国").wait_for()

    page.get_by_role("link", name="立案").click()
    page.fill("#id_number", "ZT-2019-00077")
    page.fill("#id_title", "某局局长受贿案")
    page.select_option("#id_province", label="浙江省")
    page.select_option("#id_lead_organisation", label="浙江省追逃办")
    page.fill("#id_opened_on", "2019-02-01")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("ZT-2019-00077").first.wait_for()
    assert "陈建国" in page.locator(".card", has_text="人员").first.inner_text()

    page.get_by_role("link", name="登记追回").click()
    page.select_option("#id_person", label="陈建国")
    page.fill("#id_date", "2020-06-18")
    page.select_option("#id_country", "NZ")
    page.select_option("#id_method", "persuasion")
    page.get_by_role("button", name="保存").click()
    timeline = page.locator(".timeline")
    timeline.get_by_text("劝返").wait_for()
    assert "新西兰" in timeline.inner_text()
    assert "已追回" in page.locator("h1").inner_text()

    page.fill("input[type=search]", "chen jianguo")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="陈建国").wait_for()
    assert not csp_violations
