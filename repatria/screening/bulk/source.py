"""The file of a bulk screening: its columns, checked on upload, and read as a stream of rows to screen."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.core.dates import parse_partial_date
from repatria.core.imports.cells import split_list
from repatria.core.imports.importer import Column, header_key
from repatria.core.reading import UNREADABLE, XLSX, ImportFileError, records, sniff

MAX_ROWS = 1_000_000
MAX_BYTES = 512 * 1024 * 1024
MAX_UNPACKED = 1024 * 1024 * 1024  # an XLSX of MAX_ROWS rows of the eight columns unpacks to about 400 MB

BulkFileError = ImportFileError

COLUMNS: dict[str, Column] = {
    "id": Column("编号", gettext_lazy("your reference for the row, repeated in the results"), "", ("ref",)),
    "name": Column("姓名", gettext_lazy("the person's name, in characters or letters"), "", ("full_name",)),
    "alias": Column("别名", gettext_lazy("other names"), gettext_lazy("several, separated by ; or ；"), ("aliases",)),
    "birth_date": Column(
        "出生日期",
        gettext_lazy("date of birth"),
        gettext_lazy("date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("birthdate", "date_of_birth", "dob"),
    ),
    "gender": Column("性别", gettext_lazy("sex"), "male / female, m / f, 男 / 女", ("sex",)),
    "nationality": Column(
        "国籍", gettext_lazy("nationality"), gettext_lazy("ISO codes such as CN or US, separated by ;"), ()
    ),
    "passport_number": Column("护照号码", gettext_lazy("passport number"), "", ("passport", "护照号")),
    "id_number": Column("身份证号码", gettext_lazy("identity card number"), "", ("身份证号", "national_id")),
}
REQUIRED = "name"
_SPELLINGS = {header_key(h): key for key, column in COLUMNS.items() for h in column.headers(key)}
_GENDERS = {"male": "male", "m": "male", "男": "male", "female": "female", "f": "female", "女": "female"}
_NO_GENDER = {"", "unknown", "other", "u", "x", "未知", "不详"}
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


# Reading ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]  # by column key
    unreadable: bool = False


class Source:
    """A bulk file being read: its header matched to the columns, then its non-blank data rows one by one."""

    def __init__(self, f: IO[bytes]) -> None:
        self.records = records(f, max_rows=MAX_ROWS, max_bytes=MAX_BYTES, max_unpacked=MAX_UNPACKED)
        try:
            header = next(self.records, None)
            if header is None:
                raise BulkFileError(_("The file is empty."))
            self.columns, self.ignored = _match_header(header)
        except BaseException:
            self.close()
            raise

    def rows(self) -> Iterator[SourceRow]:
        for number, record in enumerate(self.records, start=2):
            if record == UNREADABLE:
                yield SourceRow(number, {}, unreadable=True)
                continue
            if not any(record):  # a blank row, told at once (a file may hold a million)
                continue
            cells = {key: (record[i] or "").strip() if i < len(record) else "" for key, i in self.columns.items()}
            if any(cells.values()):
                yield SourceRow(number, cells)

    def close(self) -> None:
        self.records.close()


def _match_header(header: list[str | None]) -> tuple[dict[str, int], list[str]]:
    """Column key → position; refuses a file without a name column or with a column twice."""
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        text = (cell or "").lstrip("\ufeff").strip()
        if not text:
            continue
        key = _SPELLINGS.get(header_key(text))
        if key is None:
            ignored.append(text)
        elif key in columns:
            message = _("“%(first)s” and “%(second)s” are the same column.")
            raise BulkFileError(message % {"first": names[key], "second": text})
        else:
            columns[key], names[key] = position, text
    if REQUIRED not in columns:
        raise BulkFileError(
            _("The required column “%(column)s” is missing: the first row must name the columns.")
            % {"column": f"{REQUIRED} / {COLUMNS[REQUIRED].zh}"}
        )
    return columns, ignored


@contextlib.contextmanager
def open_source(path: str | os.PathLike) -> Iterator[Source]:
    with open(path, "rb") as f:
        source = Source(f)
        try:
            yield source
        finally:
            source.close()


@dataclass(frozen=True)
class FileCheck:
    ignored_columns: list[str]


def check_file(uploaded: UploadedFile) -> FileCheck:
    """Refuse, with the reason in the user's language, a file that is not a CSV or XLSX with a name column and at
    least one row of data, or that is over the limits. A CSV is read to its end (a million rows take about a second),
    so that too many rows or too long a row are refused at once; an XLSX, a hundred times slower to read, is checked
    as a package (its size, parts and XML) with its first rows, and the worker meets its row limit."""
    if (uploaded.name or "").lower().endswith(".xls"):
        raise BulkFileError(_("Old .xls files cannot be read: save the sheet as .xlsx or as CSV (UTF-8)."))
    f = uploaded.file
    try:
        whole = sniff(f) != XLSX
        with contextlib.closing(Source(f)) as source:
            if next(source.rows(), None) is None:
                raise BulkFileError(_("The file has a header row but no data rows."))
            if whole:
                for _row in source.records:
                    pass
    finally:
        f.seek(0)
    return FileCheck(source.ignored)


# Rows ------------------------------------------------------------------------------------------------------------


def parse_row(row: SourceRow) -> dict[str, Any]:
    """The row as a FollowTheMoney entity; ValueError with the reason when it cannot be screened."""
    if row.unreadable:
        raise ValueError(_("This line cannot be read as CSV."))
    cells = row.cells
    name = cells.get("name", "")
    if not name:
        raise ValueError(_("The name is empty."))
    props: dict[str, list[str]] = {"name": [name], "alias": split_list(cells.get("alias", ""))}
    if cells.get("birth_date"):
        props["birthDate"] = [parse_partial_date(cells["birth_date"])]
    gender = cells.get("gender", "").casefold()
    if gender not in _NO_GENDER:
        if gender not in _GENDERS:
            raise ValueError(_("“%(value)s” is not a sex: write male or female, m or f, 男 or 女.") % {"value": gender})
        props["gender"] = [_GENDERS[gender]]
    nationalities = split_list(cells.get("nationality", ""))
    for code in nationalities:
        if not _COUNTRY.match(code):
            raise ValueError(_("“%(value)s” is not a two-letter country code such as CN or US.") % {"value": code})
    props["nationality"] = [code.upper() for code in nationalities]
    props["passportNumber"] = split_list(cells.get("passport_number", ""))
    props["idNumber"] = split_list(cells.get("id_number", ""))
    entity_id = cells.get("id") or f"row-{row.number}"
    return {"id": entity_id, "schema": "Person", "properties": {k: v for k, v in props.items() if v}}
