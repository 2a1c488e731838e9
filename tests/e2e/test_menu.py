"""The menu bar at the widths offices use: one line in either language, for the central administrator and a
provincial officer; its dropdowns open (by mouse and by keyboard) and reach their pages; a case list keeps its
dates and case numbers on one line."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse 9"
WIDTHS = (1400, 1280)
# The menus both roles see, in menu order, in Chinese and in English.
MENUS = (
    ["登记管理", "国际合作", "筛查", "统计分析", "系统管理"],
    ["Registry", "Cooperation", "Screening", "Statistics", "Administration"],
)


@pytest.fixture
def users(django_user_model):
    """The central administrator and the Guangdong officer, with a case of Guangdong whose title is long."""
    from repatria.accounts.models import Organisation, OrganisationKind, Role
    from repatria.cases.services import open_case
    from repatria.geo.models import Province
    from repatria.registry.services import create_person

    guangdong = Province.objects.get(code="440000")
    central = Organisation.objects.create(
        name_zh="中央反腐败国际追逃追赃工作办公室",
        name_en="Central fugitive office",
        kind=OrganisationKind.CENTRAL_OFFICE,
    )
    office = Organisation.objects.create(
        name_zh="广东省追逃办", name_en="Guangdong office", kind=OrganisationKind.PROVINCIAL_OFFICE, province=guangdong
    )
    admin = django_user_model.objects.create_user(
        "central-admin", password=PASSWORD, role=Role.ADMIN, organisation=central
    )
    officer = django_user_model.objects.create_user(
        "gd-officer", password=PASSWORD, role=Role.PROVINCIAL_OFFICER, organisation=office
    )
    person = create_person(names=[("陈建国", "primary"), ("CHEN Jianguo", "romanisation")])
    open_case(
        actor=admin,
        number="ZT-2019-00077",
        title="某省某市某局原局长涉嫌受贿、贪污、挪用公款、滥用职权及违规出境长期滞留境外案" * 2,
        province=guangdong,
        lead_organisation=office,
        opened_on=datetime.date(2019, 2, 1),
        fled_on=datetime.date(2018, 11, 30),
        persons={person: "principal"},
    )
    return {"admin": admin, "provincial_officer": officer}


def switch_to_english(page) -> None:
    with page.expect_navigation():
        page.locator("button[name=language][value=en]").click()


def assert_one_line(page) -> None:
    """Every part of the bar on one row, no menu label broken, the search box at its width."""
    bar = page.locator("nav.navbar").bounding_box()
    assert bar["height"] < 60, bar
    links = page.locator(".main-menu > .nav-item > .nav-link")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert {round(box["y"]) for box in boxes} == {round(boxes[0]["y"])}, boxes  # side by side
    assert max(box["height"] for box in boxes) < 40, boxes  # one line of text each
    search = page.locator(".navbar-search input").bounding_box()
    assert search["width"] >= 200, search
    sign_out = page.locator("nav.navbar form[action='/logout/'] button").bounding_box()
    assert sign_out["x"] + sign_out["width"] <= page.viewport_size["width"], sign_out
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def lines_of(cell) -> int:
    """How many lines of text an element takes."""
    return cell.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
        }"""
    )


def visit_every_page_of_the_menu(page, menus: list[str]) -> None:
    """Each menu opens and each of its items reaches its page, where the menu is marked as the current one."""
    for index, label in enumerate(menus):
        toggle = page.locator(".main-menu > .dropdown > .nav-link").nth(index)
        count = toggle.locator("xpath=following-sibling::ul/li").count()
        for item in range(count):
            toggle = page.locator(".main-menu > .dropdown > .nav-link").nth(index)
            assert toggle.inner_text() == label
            toggle.click()
            link = toggle.locator("xpath=following-sibling::ul//a").nth(item)
            link.wait_for(state="visible")
            href = link.get_attribute("href")
            with page.expect_navigation():
                link.click()
            assert page.url.endswith(href), (page.url, href)
            assert page.locator(f".main-menu a.dropdown-item.active[href='{href}']").count() == 1
            assert "active" in page.locator(".main-menu > .dropdown > .nav-link").nth(index).get_attribute("class")


@pytest.mark.parametrize("role", ["admin", "provincial_officer"])
def test_the_menu_keeps_to_one_line_and_reaches_every_page(page, users, sign_in, role, csp_violations):
    page.goto("/login/")
    sign_in(users[role], PASSWORD)
    page.get_by_role("heading", name="工作台").wait_for()
    for language, menus in zip(("zh", "en"), MENUS, strict=True):
        if language == "en":
            switch_to_english(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/cases/")
            labels = page.locator(".main-menu > .dropdown > .nav-link").all_inner_texts()
            assert labels == menus
            assert_one_line(page)
            page.locator("table td a", has_text="ZT-2019-00077").wait_for()
            cells = page.locator("table tbody td.text-nowrap")
            assert cells.count() >= 2  # the case number and the date opened
            assert all(lines_of(cells.nth(i)) == 1 for i in range(cells.count()))
        visit_every_page_of_the_menu(page, menus)
    assert not csp_violations


def test_a_menu_opens_and_leads_to_its_page_by_keyboard(page, users, sign_in):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/login/")
    sign_in(users["admin"], PASSWORD)
    page.get_by_role("heading", name="工作台").wait_for()
    screening = page.get_by_role("button", name="筛查")
    screening.focus()
    page.keyboard.press("Enter")
    assert screening.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "批量筛查"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/screening/bulk/")
