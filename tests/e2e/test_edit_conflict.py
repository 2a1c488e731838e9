"""Two officers edit the same case: the second save is refused and shows both versions; nothing is lost."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_second_save_is_refused_and_shows_both_versions(page, second_page, sign_in, django_user_model):
    from repatria.accounts.models import Organisation, OrganisationKind
    from repatria.cases.models import Case
    from repatria.cases.services import open_case
    from repatria.geo.models import Province

    office = Organisation.objects.create(name_zh="福建省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE)
    first = django_user_model.objects.create_user("first", password="correct horse 9", role="admin")
    second = django_user_model.objects.create_user("second", password="correct horse 9", role="admin")
    case = open_case(actor=first, number="ZT-2020-00100", title="原案名", province=Province.objects.get(pk="350000"),
                     lead_organisation=office, opened_on=datetime.date(2020, 5, 1))  # fmt: skip
    edit = f"/cases/{case.pk}/edit/"
    for user, browser_page in ((first, page), (second, second_page)):
        browser_page.goto(edit)
        sign_in(user, "correct horse 9", on=browser_page)
        browser_page.wait_for_url(f"**{edit}")

    page.fill("#id_title", "第一位的案名")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="ZT-2020-00100 · 第一位的案名").wait_for()

    second_page.fill("#id_title", "第二位的案名")
    second_page.get_by_role("button", name="保存").click()
    conflict = second_page.locator(".edit-conflict")
    conflict.wait_for()
    assert "第一位的案名" in conflict.locator(".theirs").inner_text()
    assert "第二位的案名" in conflict.locator(".yours").inner_text()
    assert second_page.input_value("#id_title") == "第二位的案名"
    assert Case.objects.get(pk=case.pk).title == "第一位的案名"

    second_page.get_by_role("button", name="保存").click()  # having compared, the second officer keeps theirs
    second_page.get_by_role("heading", name="ZT-2020-00100 · 第二位的案名").wait_for()
    assert Case.objects.get(pk=case.pk).title == "第二位的案名"
