"""Screening in the browser: the search box finds a person however the name is written, and a partner's match
through the API raises an alert that an officer sees on the dashboard, opens, acknowledges and confirms."""

import datetime
import json
import urllib.request

import pytest
from django.utils import timezone, translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse 9"


@pytest.fixture
def registry(django_user_model):
    """杨秀兰 (synthetic), principal of an open Guangdong case, and a central administrator."""
    from repatria.accounts.models import Organisation, OrganisationKind
    from repatria.cases.services import open_case
    from repatria.geo.models import Province
    from repatria.registry.services import create_person
    from repatria.screening import listing

    listing.LISTING.reset()  # an index of this test's registry only
    officer = django_user_model.objects.create_user("officer", password=PASSWORD, role="admin")
    office = Organisation.objects.create(
        name_zh="广东省追逃办", name_en="Guangdong office", kind=OrganisationKind.PROVINCIAL_OFFICE
    )
    person = create_person(names=[("杨秀兰", "primary"), ("YANG Xiulan", "romanisation")], sex="female",
                           birth_date="1950-07")  # fmt: skip
    create_person(names=[("张伟", "primary")])
    case = open_case(
        actor=officer, number="ZT-2016-00001", title="某局贪污案", province=Province.objects.get(pk="440000"),
        lead_organisation=office, opened_on=datetime.date(2016, 4, 1), persons={person: "principal"},
    )  # fmt: skip
    return {"officer": officer, "person": person, "case": case}


@pytest.fixture
def signed_in(page, registry, sign_in):
    page.goto("/login/")
    sign_in(registry["officer"], PASSWORD)
    page.get_by_role("heading", name="工作台").wait_for()
    return page


def test_the_search_box_finds_the_person_however_the_name_is_written(signed_in, registry, csp_violations):
    page = signed_in
    for typed in ("楊秀蘭", "yang xiulan", "YEUNG Sau Lan"):
        page.fill("nav input[type=search]", typed)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/search/?q=" in page.url
        results = page.locator("table.search-hits")
        results.get_by_role("link", name="杨秀兰").wait_for()
        assert "张伟" not in results.inner_text(), typed
    assert not csp_violations


def test_the_search_box_opens_a_case_by_its_number_and_says_why_a_name_matched(signed_in, registry, csp_violations):
    page = signed_in
    page.fill("nav input[type=search]", "zt 2016 00001")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(registry["case"].get_absolute_url())
    page.fill("nav input[type=search]", "杨秀兰")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.locator("table.search-hits tbody tr").first
    assert first.get_by_role("link").inner_text() == "杨秀兰"
    assert first.locator("td.why").inner_text() == "名字完全一致"
    assert not csp_violations


def partner_token(officer) -> str:
    from repatria.accounts import tokens
    from repatria.accounts.models import Organisation, OrganisationKind

    partner = Organisation.objects.create(name_zh="加拿大联络点", name_en="Canada contact point",
                                          kind=OrganisationKind.PARTNER, country_id="CA")  # fmt: skip
    issued = tokens.issue_token(organisation=partner, name="签证系统", scopes=["screening"],
                                expires=timezone.now() + datetime.timedelta(days=30), created_by=officer)  # fmt: skip
    return issued.key


def match(base_url: str, key: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the test's own live server
        f"{base_url}/api/match/default", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json", "Accept-Language": "en"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())


def status_label(status: str) -> str:
    from repatria.screening.models import AlertStatus

    with translation.override("zh-hans"):
        return str(AlertStatus(status).label)


def test_a_partners_match_raises_an_alert_the_officer_acknowledges_and_confirms(
    signed_in, registry, live_server, csp_violations
):
    from repatria.screening.models import Alert

    page = signed_in
    body = {"queries": {"visa-1": {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"],
                                                                      "birthDate": ["1950-07-14"]}}},
            "context": "visa application, Vancouver"}  # fmt: skip
    answer = match(live_server.url, partner_token(registry["officer"]), body)
    [result] = answer["responses"]["visa-1"]["results"]
    assert result["match"] and result["caption"] == "杨秀兰"

    page.goto("/")
    card = page.locator("a.new-alerts")
    assert card.locator(".fs-3").inner_text() == "1"
    card.click()
    page.wait_for_url("**/screening/alerts/?status=new")
    alert = Alert.objects.get()
    page.locator("table").get_by_role("link", name=str(alert.pk), exact=True).click()

    page.get_by_text("visa application, Vancouver").wait_for()
    assert "杨秀兰" in page.locator("h1").inner_text()
    assert "ZT-2016-00001" in page.inner_text("main") and "YEUNG Sau Lan" in page.inner_text(".explanations")
    page.fill("textarea[name=note]", "已请加方提供护照照片")
    page.locator("button[name=new][value=acknowledged]").click()
    page.locator(".alert-status", has_text=status_label("acknowledged")).wait_for()

    page.fill("textarea[name=note]", "照片与档案一致")
    page.locator("button[name=new][value=confirmed]").click()
    page.locator(".alert-status", has_text=status_label("confirmed")).wait_for()
    assert page.locator("button[name=new]").count() == 0
    assert "照片与档案一致" in page.inner_text("main")

    alert.refresh_from_db()
    assert alert.status == "confirmed" and alert.handled_by == registry["officer"]
    page.goto(registry["case"].get_absolute_url())
    assert "照片与档案一致" in page.locator(".timeline").inner_text()
    assert not csp_violations
