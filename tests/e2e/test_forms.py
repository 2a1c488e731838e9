"""The forms an officer fills all day: a country found by typing any of its names or its code, a namesake warned
of before saving, the principal suspect shown by name."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def signed_in(page, django_user_model, sign_in):
    officer = django_user_model.objects.create_user("officer", password="correct horse 9", role="admin")
    page.goto("/login/")
    sign_in(officer, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    return page


@pytest.fixture
def known():
    from repatria.registry.services import create_person

    return create_person(names=[("陈建国", "primary")], sex="male", birth_date="1962-03-05")


def test_a_country_is_picked_by_typing_its_chinese_name_english_name_or_code(signed_in, known, csp_violations):
    page = signed_in
    page.goto(f"/whereabouts/add/?person={known.pk}")
    search = page.locator(".country-search")
    for typed, code in (("新西兰", "NZ"), ("canada", "CA"), ("AUS", "AU"), ("美", "US")):
        search.fill(typed)
        assert page.locator("#id_country").input_value() == code, typed
    assert page.locator("#id_country option:not([hidden])").count() < 10  # the others are hidden
    search.fill("新西兰")
    page.fill("#id_date_from", "2019")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="陈建国").wait_for()
    assert "新西兰" in page.content()
    assert not csp_violations


def test_a_namesake_is_warned_of_and_the_officer_confirms(signed_in, known, csp_violations):
    page = signed_in
    page.goto("/persons/add/")
    page.fill("#id_names-0-name", "CHEN Jianguo")
    page.fill("#id_birth_date", "1962-03")
    page.get_by_role("button", name="保存").click()
    warning = page.locator(".duplicate-warning")
    warning.wait_for()
    assert "已登记同名、同出生日期的人员" in warning.inner_text()
    assert warning.get_by_role("link", name="陈建国").get_attribute("href") == f"/persons/{known.pk}/"
    page.get_by_label("已核实：不是同一人，仍然保存。").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="CHEN Jianguo").wait_for()
    assert not csp_violations


def test_the_principal_suspect_is_shown_by_name(signed_in, known, csp_violations):
    page = signed_in
    page.goto(f"/persons/{known.pk}/")
    page.get_by_role("link", name="立案").click()
    assert page.locator("#id_principal_name").input_value().startswith("陈建国 · 1962年3月5日")
    assert page.locator("#id_principal").input_value() == str(known.pk)
    assert not csp_violations
