"""CSV and XLSX exports of exactly what a list shows: its filter, its sort, every page, the visible columns."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import Table
from django_tables2.columns import BoundColumn
from django_tables2.rows import BoundRow
from openpyxl import Workbook

from .tables import MoneyColumn

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
    """The header and a line per record: plain values (never the page's links or marks), numbers as numbers, an
    amount's currency in a column of its own."""
    exclude = getattr(table.Meta, "exclude_from_export", ())
    columns = [c for c in table.columns.iterall() if not (c.column.exclude_from_export or c.name in exclude)]
    yield [spreadsheet_cell(header) for column in columns for header in _headers(column)]
    for row in table.rows:
        yield [_plain(value) for column in columns for value in _values(row, column)]


def _headers(column: BoundColumn) -> list[str]:
    header = str(column.header)
    if isinstance(column.column, MoneyColumn):
        return [header, _("%(amount)s: currency") % {"amount": header}]
    return [header]


def _values(row: BoundRow, column: BoundColumn) -> list:
    value = row.get_cell_value(column.name)
    if isinstance(column.column, MoneyColumn):
        return [value, column.column.currency(row.record) if value is not None else None]
    return [value]


def _plain(value):
    """A cell's value as the export writes it: numbers and days as they are, yes/no in the reader's language."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # spreadsheets keep no time zone
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    return spreadsheet_cell(value)


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
