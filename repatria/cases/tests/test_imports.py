"""Importing cases and returns: through the services, all rows or none."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.cases import timeline
from repatria.cases.imports import CaseImporter
from repatria.cases.models import Case, CaseRole, CaseStatus, Event, Return
from repatria.cases.services import open_case
from repatria.geo.models import Province
from repatria.registry.services import create_person

pytestmark = pytest.mark.django_db
CASES = reverse("cases:case_import")
RETURNS = reverse("cases:return_import")


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("importer", password="x-import-9", role="admin")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def office():
    return Organisation.objects.create(
        name_zh="浙江省追逃办", name_en="Zhejiang office", kind=OrganisationKind.PROVINCIAL_OFFICE
    )


@pytest.fixture
def persons():
    return {name: create_person(names=[(name, "primary")]) for name in ("陈一", "陈二", "周三")}


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("import.csv", text.encode())


def post(client, url: str, upload, action: str = "import"):
    return client.post(url, {"file": upload, "action": action})


def errors(response) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in response.context["report"].errors]


CASE_CSV = """案件编号,案件名称,省份,牵头单位,涉嫌罪名,涉案金额,币种,督办级别,外逃日期,立案日期,人员
ZJ-2014-001,某局受贿案,浙江,浙江省追逃办,受贿；embezzlement,"1,200,000.50",usd,中央,2014-03-02,2014-05-06,陈一;陈二
ZJ-2014-002,某公司挪用案,浙江省,Zhejiang office,挪用公款,,,,,2014/6/1,
"""


def test_a_good_csv_opens_every_case_through_the_service(user_client, office, persons):
    response = post(user_client, CASES, csv_file(CASE_CSV))
    assert response.status_code == 302
    assert response.url == reverse("cases:case_list")
    case = Case.objects.get(number="ZJ-2014-001")
    assert case.province == Province.objects.get(code="330000")
    assert (case.amount_currency, case.supervision_level, case.fled_on) == ("USD", "central", datetime.date(2014, 3, 2))
    assert sorted(case.offences.values_list("code", flat=True)) == ["bribe_taking", "embezzlement"]
    assert dict(case.memberships.values_list("person__display_name", "role")) == {
        "陈一": CaseRole.PRINCIPAL,
        "陈二": CaseRole.ACCOMPLICE,
    }
    assert timeline.for_case(case).filter(kind="case_opened").exists()
    other = Case.objects.get(number="ZJ-2014-002")
    assert (other.amount_currency, other.supervision_level, other.persons.count()) == ("CNY", "provincial", 0)


def test_a_good_xlsx_imports_with_english_headers(user_client, office, persons):
    book = Workbook()
    book.active.append(["number", "title", "province", "lead_organisation", "opened_on", "persons"])
    book.active.append(["ZJ-2015-009", "Test case", "Zhejiang", "Zhejiang office", datetime.date(2015, 1, 2), "周三"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert post(user_client, CASES, SimpleUploadedFile("cases.xlsx", buffer.getvalue())).status_code == 302
    assert Case.objects.get(number="ZJ-2015-009").opened_on == datetime.date(2015, 1, 2)


BAD_CASES = """案件编号,案件名称,省份,牵头单位,涉嫌罪名,立案日期,人员
ZJ-1,好案,浙江,浙江省追逃办,贪污,2014-01-01,陈一
ZJ-2,,火星,无此单位,偷懒,2014-13-01,无名氏
ZJ-1,重复,浙江,浙江省追逃办,,2014-01-01,
ZJ-3,最后一行,浙江,浙江省追逃办,,,陈二;陈二
"""


def test_bad_case_rows_are_each_reported_and_nothing_is_written(user_client, office, persons):
    before = (Case.objects.count(), Event.objects.count())
    response = post(user_client, CASES, csv_file(BAD_CASES))
    assert errors(response) == [
        (3, "案件名称"),
        (3, "省份"),
        (3, "牵头单位"),
        (3, "涉嫌罪名"),
        (3, "立案日期"),
        (3, "人员"),
        (4, "案件编号"),
        (5, "立案日期"),
        (5, "人员"),
    ]
    required = gettext("This field is required.")  # in Chinese: the tests run in the default language
    assert required != "This field is required." and required in response.content.decode()
    assert (Case.objects.count(), Event.objects.count()) == before


def test_case_errors_are_in_english_with_the_english_cookie(user_client, office, persons):
    user_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = post(user_client, CASES, csv_file(BAD_CASES)).content.decode()
    assert "Unknown province: “火星”." in page
    assert "This repeats row 2 of the file." in page
    assert "Unknown offence: “偷懒”." in page


def test_a_case_number_already_in_the_registry_is_refused(user_client, office, persons):
    post(user_client, CASES, csv_file(CASE_CSV))
    response = post(user_client, CASES, csv_file(CASE_CSV), action="dry_run")
    assert errors(response) == [(2, "案件编号"), (3, "案件编号")]


def test_a_dry_run_of_valid_cases_writes_nothing(user_client, office, persons):
    response = post(user_client, CASES, csv_file(CASE_CSV), action="dry_run")
    assert response.context["report"].ok
    assert Case.objects.count() == 0
    assert Event.objects.count() == 0


def test_an_ambiguous_person_name_is_refused_and_an_id_picks_one(office, persons, user):
    twin = create_person(names=[("陈一", "primary")])
    base = {"number": "X-1", "title": "t", "province": "浙江", "lead_organisation": "浙江省追逃办"}
    rows = [{**base, "opened_on": "2014-01-01", "persons": "陈一"}]
    report = CaseImporter().run(rows, user, commit=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "persons")]
    rows[0]["persons"] = f"#{twin.pk}"
    assert CaseImporter().run(rows, user, commit=True).committed
    assert Case.objects.get(number="X-1").persons.get() == twin


@pytest.fixture
def cases(office, persons, user):
    province = Province.objects.get(code="330000")
    common = {"actor": user, "province": province, "lead_organisation": office, "opened_on": datetime.date(2014, 1, 1)}
    return {
        "A": open_case(
            number="A", title="甲案", persons={persons["陈一"]: "principal", persons["陈二"]: "accomplice"}, **common
        ),
        "B": open_case(number="B", title="乙案", persons={persons["周三"]: "principal"}, **common),
    }


RETURN_CSV = """案件编号,人员,追回日期,追回自,追回方式
A,陈一,2018-05-06,美国,劝返
A,陈二,2018-05-07,CA,extradition
B,周三,2019-01-01,,境内抓获
"""


def test_returns_move_each_case_to_returned_and_stand_on_its_timeline(user_client, cases):
    response = post(user_client, RETURNS, csv_file(RETURN_CSV))
    assert response.status_code == 302
    assert response.url == reverse("cases:return_list")
    for case in cases.values():
        case.refresh_from_db()
        assert case.status == CaseStatus.RETURNED
    ret = Return.objects.get(case=cases["A"], person__display_name="陈一")
    assert (ret.method, ret.country_id, ret.date) == ("persuasion", "US", datetime.date(2018, 5, 6))
    assert Return.objects.get(case=cases["B"]).country is None
    kinds = list(timeline.for_case(cases["A"]).values_list("kind", flat=True))
    assert kinds.count("returned") == 2
    assert "status_changed" in kinds
    page = user_client.get(cases["A"].get_absolute_url()).content.decode()
    assert "陈一" in page


BAD_RETURNS = """案件编号,人员,追回日期,追回自,追回方式
A,陈一,2018-05-06,美国,劝返
Z,陈一,2018-05-06,美国,劝返
A,周三,2999-01-01,美国,飞回
B,周三,2019-01-01,,引渡
A,陈一,2018-05-09,美国,遣返
A,陈二,2010-01-01,美国,引渡
"""


def test_bad_return_rows_are_each_reported_and_nothing_is_written(user_client, cases):
    cases["A"].fled_on = datetime.date(2012, 1, 1)
    cases["A"].save()
    before = (Return.objects.count(), Event.objects.count())
    response = post(user_client, RETURNS, csv_file(BAD_RETURNS))
    assert errors(response) == [
        (3, "案件编号"),
        (4, "人员"),
        (4, "追回日期"),
        (4, "追回方式"),
        (5, "追回自"),
        (6, "人员"),
        (7, ""),  # the service refuses a return dated before the flight
    ]
    assert (Return.objects.count(), Event.objects.count()) == before
    cases["A"].refresh_from_db()
    assert cases["A"].status == CaseStatus.AT_LARGE


def test_a_return_already_recorded_is_refused(user_client, cases):
    post(user_client, RETURNS, csv_file(RETURN_CSV))
    response = post(user_client, RETURNS, csv_file(RETURN_CSV), action="dry_run")
    assert errors(response) == [(2, "人员"), (3, "人员"), (4, "人员")]


def test_a_closed_case_takes_no_return_and_the_rule_error_names_the_row(user_client, cases):
    from repatria.cases.services import change_status

    change_status(case=cases["B"], new=CaseStatus.CLOSED, actor=None)
    user_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(user_client, RETURNS, csv_file(RETURN_CSV))
    assert errors(response) == [(4, "")]
    assert "The case is closed" in response.content.decode()
    assert Return.objects.count() == 0


def test_an_unreadable_file_gets_a_clear_error(user_client):
    user_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(user_client, RETURNS, SimpleUploadedFile("returns.csv", b"\x00\x01\x02\x03binary"))
    assert response.status_code == 200
    assert "The file cannot be read" in response.content.decode()
    assert Return.objects.count() == 0


@pytest.mark.parametrize(("url", "words"), [(CASES, ["涉嫌罪名", "督办级别"]), (RETURNS, ["追回方式", "劝返"])])
def test_the_pages_describe_their_columns_and_offer_a_blank_file(user_client, url, words):
    page = user_client.get(url).content.decode()
    assert all(word in page for word in words)
    assert words[0] in user_client.get(url, {"template": "csv"}).content.decode("utf-8-sig")
