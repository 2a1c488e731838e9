"""CSV and XLSX exports of exactly what a list shows: its filter, its sort, every page, the visible columns."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django_tables2 import Table
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")


class _Echo:
    def write(self, value: str) -> str:
        return value


# A cell starting with one of these is run as a formula by spreadsheet programs: a name like "=HYPERLINK(…)"
# typed into the registry must open as text on the analyst's machine.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """A value as a spreadsheet cell that opens as text (a leading "=", "+" … gets an apostrophe)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _rows(table: Table):
    exclude = getattr(table.Meta, "exclude_from_export", ())
    for row in table.as_values(exclude_columns=exclude):
        yield [spreadsheet_cell(value) for value in row]


def _csv_lines(table: Table):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the byte-order mark makes Excel read the Chinese text as UTF-8
    for row in _rows(table):
        yield writer.writerow(row)


def _filename(table: Table, extension: str) -> str:
    name = table.data.model._meta.model_name
    return f"{name}-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


def export(table: Table, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
        return response
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in _rows(table):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "xlsx")}"'
    return response
