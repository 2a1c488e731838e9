"""Importing persons from CSV and XLSX through the import page."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook

from repatria.registry.models import DocumentKind, IdentityDocument, Person
from repatria.registry.services import create_person

pytestmark = pytest.mark.django_db
URL = reverse("registry:person_import")

GOOD_CSV = """姓名,别名,拼音,性别,出生日期,国籍,身份证号,护照号,原单位,原职务,党员和国家工作人员,红通编号,百名红通编号
王小明,王晓明；王明,WANG Xiaoming,男,1961-03,美国;CA,33010219610312018X,E12345678,某市建设局,局长,是,A-1234/5-2015,7
李华,,,女,1970,新西兰,,,,,否,,
"""


def csv_file(text: str, name: str = "persons.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode())


@pytest.fixture
def user_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("importer", password="x-import-9", role="admin"))
    return client


def post(client, upload, action: str = "import"):
    return client.post(URL, {"file": upload, "action": action})


def test_the_page_describes_every_column(user_client):
    page = user_client.get(URL).content.decode()
    for header in ("name", "姓名", "hundred_list_number", "百名红通编号", "罗马字"):
        assert header in page
    blank = user_client.get(URL, {"template": "csv"})
    assert blank.content.decode("utf-8-sig").startswith("姓名,别名")


def test_a_good_csv_imports_every_row_with_names_documents_and_categories(user_client):
    response = post(user_client, csv_file(GOOD_CSV))
    assert response.status_code == 302
    assert response.url == reverse("registry:person_list")
    wang = Person.objects.get(display_name="王小明")
    assert sorted(wang.names.values_list("name", "kind")) == sorted(
        [("王小明", "primary"), ("王晓明", "alias"), ("王明", "alias"), ("WANG Xiaoming", "romanisation")]
    )
    assert (wang.sex, wang.birth_date, wang.is_functionary, wang.hundred_list_number) == ("male", "1961-03", True, 7)
    assert sorted(wang.nationalities.values_list("code", flat=True)) == ["CA", "US"]
    assert set(wang.documents.values_list("kind", "number", "country")) == {
        (DocumentKind.ID_CARD, "33010219610312018X", "CN"),
        (DocumentKind.PASSPORT, "E12345678", "CN"),
    }
    assert Person.objects.get(display_name="李华").sex == "female"
    follow = user_client.get(response.url)
    assert "2" in str(list(follow.context["messages"])[0])


def test_a_good_xlsx_imports_with_english_headers(user_client):
    book = Workbook()
    book.active.append(["name", "sex", "birth_date", "functionary", "hundred_list_number"])
    book.active.append(["Zhao Liu", "female", 1955, True, 12])
    book.create_sheet("ignored").append(["name"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("persons.xlsx", buffer.getvalue())
    assert post(user_client, upload).status_code == 302
    zhao = Person.objects.get(display_name="Zhao Liu")
    assert (zhao.sex, zhao.birth_date, zhao.is_functionary, zhao.hundred_list_number) == ("female", "1955", True, 12)


BAD_CSV = f"""姓名,性别,出生日期,国籍,百名红通编号,身份证号
好人,男,1960,美国,,
,女,1961,,,
坏日期,男,1961-13,,,
坏国籍,男,,火星,101,
重复,男,,,5,110101196001010011
{"长" * 201},男,,,,1234
"""


def test_bad_rows_are_each_reported_in_chinese_and_nothing_is_written(user_client):
    create_person(names=[("已有", "primary")], hundred_list_number=5)
    before = (Person.objects.count(), IdentityDocument.objects.count())
    response = post(user_client, csv_file(BAD_CSV))
    assert response.status_code == 200
    errors = [(e.row, e.column) for e in response.context["report"].errors]
    assert errors == [
        (3, "姓名"),
        (4, "出生日期"),
        (5, "国籍"),
        (5, "百名红通编号"),
        (6, "百名红通编号"),
        (7, "姓名"),
        (7, "身份证号"),
    ]
    required = gettext("This field is required.")  # in Chinese: the tests run in the default language
    assert required != "This field is required." and required in response.content.decode()
    assert (Person.objects.count(), IdentityDocument.objects.count()) == before


def test_errors_are_in_english_when_the_user_chose_english(user_client):
    user_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(user_client, csv_file(BAD_CSV))
    page = response.content.decode()
    assert "This field is required." in page
    assert "Unknown country or region: “火星”." in page
    assert "is not a whole number from 1 to 100" in page


def test_a_bad_last_row_stops_the_whole_file(user_client):
    before = Person.objects.count()
    response = post(user_client, csv_file(GOOD_CSV + "最后,,,机器人,,,,,,,,,\n"))
    assert [(e.row, e.column) for e in response.context["report"].errors] == [(4, "性别")]
    assert Person.objects.count() == before


def test_the_same_document_twice_in_a_file_is_caught(user_client):
    text = "姓名,身份证号\n甲,110101196001010011\n乙,110101196001010011\n"
    response = post(user_client, csv_file(text))
    [error] = response.context["report"].errors
    assert (error.row, error.column) == (3, "身份证号")
    assert Person.objects.filter(display_name__in=["甲", "乙"]).count() == 0


def test_a_dry_run_writes_nothing_even_when_every_row_is_valid(user_client):
    before = Person.objects.count()
    response = post(user_client, csv_file(GOOD_CSV), action="dry_run")
    assert response.status_code == 200
    assert response.context["report"].ok
    assert "2" in response.context["valid_message"]
    assert Person.objects.count() == before


def test_an_unreadable_file_gets_a_clear_error(user_client):
    user_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(user_client, SimpleUploadedFile("persons.xlsx", b"PK\x03\x04 broken"))
    assert response.status_code == 200
    assert "The file cannot be read" in response.content.decode()


def test_the_import_page_needs_a_login(client):
    assert client.get(URL).status_code == 302
