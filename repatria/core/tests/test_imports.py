"""The generic import machinery: reading files, checking every row, writing all rows or none."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from repatria.cases.models import Offence
from repatria.core.imports.cells import (
    ChoiceParser,
    parse_amount,
    parse_bool,
    parse_date,
    parse_integer,
    parse_past_date,
    split_list,
)
from repatria.core.imports.importer import Column, Importer, Row
from repatria.core.imports.rows import MAX_ROWS, read_rows
from repatria.core.reading import ImportFileError
from repatria.registry.models import Sex


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Reading


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_is_read_with_or_without_bom(encoding):
    rows = read_rows(upload("people.csv", "姓名,性别\n张三,男\n李四,女\n".encode(encoding)))
    assert rows == [{"姓名": "张三", "性别": "男"}, {"姓名": "李四", "性别": "女"}]


def test_xlsx_first_sheet_is_read_as_text():
    content = xlsx([["name", "birth_date", "hundred_list_number"], ["Li Si", datetime.date(1960, 5, 4), 7]])
    rows = read_rows(upload("people.xlsx", content))
    assert rows == [{"name": "Li Si", "birth_date": "1960-05-04", "hundred_list_number": "7"}]


def test_blank_rows_inside_keep_the_row_numbers_and_trailing_ones_go():
    rows = read_rows(upload("f.csv", b"name\nA\n\n,\nB\n\n\n"))
    assert [row.get("name", "") for row in rows] == ["A", "", "", "B"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("blank.csv", b" \n\n", "empty"),
        ("header.csv", b"name,sex\n", "no data rows"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cannot be read"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "cannot be read"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
        ("twice.csv", b"name,Name\nA,B\n", "twice"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(name, content, message):
    with translation.override("en"), pytest.raises(ImportFileError, match=message):
        read_rows(upload(name, content))


def test_more_than_the_row_limit_is_refused():
    content = b"name\n" + b"x\n" * (MAX_ROWS + 1)
    with translation.override("en"), pytest.raises(ImportFileError, match="more than 50,000 rows"):
        read_rows(upload("big.csv", content))
    assert len(read_rows(upload("limit.csv", b"name\n" + b"x\n" * MAX_ROWS))) == MAX_ROWS


# Parsing helpers


def test_shared_parsers():
    assert split_list("a; b；;c ") == ["a", "b", "c"]
    assert [parse_bool(t) for t in ("是", "否", "YES", "0", "true")] == [True, False, True, False, True]
    assert parse_amount("1,234,567.89") == Decimal("1234567.89")
    assert parse_date("2015/4/3") == datetime.date(2015, 4, 3)
    assert parse_integer("07", 1, 100) == 7
    with translation.override("en"):
        for parser, text in [
            (parse_bool, "maybe"),
            (parse_amount, "lots"),
            (parse_amount, "-1"),
            (parse_amount, "1,23"),  # a decimal comma, not 123
            (parse_date, "2015-04"),
            (parse_past_date, "2999-01-01"),
            (lambda t: parse_integer(t, 1, 100), "101"),
        ]:
            with pytest.raises((ValueError, ValidationError)):  # the two refusals Row.parse reports
                parser(text)


def test_choice_parser_takes_codes_labels_and_extra_words():
    sex = ChoiceParser(Sex, {"男": Sex.MALE})
    assert sex("male") == sex("MALE") == sex("男") == Sex.MALE
    assert "male / 男" in sex.describe()
    with translation.override("en"), pytest.raises(ValueError, match="not one of"):
        sex("robot")


# Checking and writing, with a toy importer of offences (a table with no services of its own)


class OffenceImporter(Importer):
    model = Offence
    columns = {
        "code": Column("代码", "code"),
        "name_zh": Column("中文名称", "Chinese name"),
        "name_en": Column("英文名称", "English name"),
    }
    required = frozenset({"code", "name_zh"})
    unique = (("code",),)

    def parse_row(self, row: Row) -> dict:
        if row["code"] and Offence.objects.filter(code=row["code"]).exists():
            row.fail("code", "already in the database")
        return {"code": row["code"], "name_zh": row["name_zh"], "name_en": row["name_en"]}

    def write(self, parsed: dict, actor) -> Offence:
        if parsed["name_en"] == "explode":
            raise ValidationError("the service refused")
        offence = Offence(**parsed)
        offence.full_clean()
        offence.save()
        return offence


def run(rows: list[dict], commit: bool = True):
    return OffenceImporter().run(rows, None, commit=commit)


def problems(report) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in report.errors]


@pytest.mark.django_db
def test_good_rows_are_all_written_with_english_or_chinese_headers():
    before = Offence.objects.count()
    report = run([{"Code*": "t1", "中文名称": "甲", "Name En": "a"}, {"Code*": "t2", "中文名称": "乙", "Name En": "b"}])
    assert report.ok and report.committed and report.rows == 2
    assert Offence.objects.count() == before + 2


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_spreadsheet_row_and_column_and_nothing_is_written():
    before = Offence.objects.count()
    rows = [
        {"代码": "t1", "中文名称": "甲", "英文名称": "a"},
        {"代码": "", "中文名称": "乙", "英文名称": "b"},  # row 3: no code
        {"代码": "", "中文名称": "", "英文名称": ""},  # row 4: blank, skipped but counted in the numbering
        {"代码": "t1", "中文名称": "丙", "英文名称": "c"},  # row 5: repeats row 2
        {"代码": "embezzlement", "中文名称": "丁", "英文名称": "d"},  # row 6: already in the database
    ]
    report = run(rows)
    assert problems(report) == [(3, "代码"), (5, "代码"), (6, "代码")]
    required = gettext("This field is required.")  # in Chinese: the tests run in the default language
    assert report.errors[0].message == required != "This field is required."
    assert "2" in report.errors[1].message
    assert not report.committed
    assert Offence.objects.count() == before


@pytest.mark.django_db
def test_a_service_refusing_the_last_row_rolls_back_every_row():
    before = Offence.objects.count()
    rows = [{"code": "t1", "name_zh": "甲", "name_en": "a"}, {"code": "t2", "name_zh": "乙", "name_en": "explode"}]
    report = run(rows)
    assert [(e.row, e.message) for e in report.errors] == [(3, "the service refused")]
    assert Offence.objects.count() == before


@pytest.mark.django_db
def test_a_model_validation_error_names_its_column():
    report = run([{"code": "t1", "name_zh": "甲" * 60, "name_en": "a"}])
    assert problems(report) == [(2, "name_zh")]


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_even_when_every_row_is_valid():
    before = Offence.objects.count()
    report = run([{"code": "t1", "name_zh": "甲", "name_en": "a"}], commit=False)
    assert report.ok and not report.committed
    assert Offence.objects.count() == before


@pytest.mark.django_db
def test_a_missing_required_column_is_reported_on_the_header_row_and_unknown_ones_are_ignored():
    with translation.override("en"):
        report = run([{"code": "t1", "序号": "1"}])
    assert problems(report) == [(1, "name_zh / 中文名称")]
    assert "required column" in report.errors[0].message
    assert report.ignored_columns == ["序号"]
