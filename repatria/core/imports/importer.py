"""The importer: columns, rows, the report, and writing all rows or none."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import gettext as _

from ..querysets import allows
from .cells import T, Text, error_messages, split_list
from .rows import RowError


@dataclass(frozen=True)
class Column:
    """One column of an import file: the Chinese header (the English one is its key), what it holds, how to write it."""

    zh: str
    description: Text
    format: Text = ""
    other_headers: tuple[str, ...] = ()

    def headers(self, key: str) -> tuple[str, ...]:
        return (key, self.zh, *self.other_headers)


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)  # what the user should look at; nothing refused
    ignored_columns: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class Row:
    """One data row being parsed: its cells by column key, and the problems found so far."""

    def __init__(self, number: int, cells: dict[str, str]):
        self.number = number
        self.cells = cells
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def is_blank(self) -> bool:
        return not any(self.cells.values())

    def fail(self, column: str, error: Exception | str) -> None:
        if isinstance(error, str):
            self.errors.append((column, error))
            return
        self.errors.extend((name or column, message) for name, message in error_messages(error))

    def warn(self, column: str, message: str) -> None:
        """Tell the user about the cell (a likely duplicate, say) without refusing the row."""
        self.warnings.append((column, message))

    def fail_if(self, column: str, message: str) -> None:
        """Record the message as this row's error, if there is one."""
        if message:
            self.errors.append((column, message))

    def parse(self, column: str, parser: Callable[[str], T], default: Any = None) -> Any:
        """The parsed cell, or `default` when it is empty or wrong (a wrong one is recorded as this row's error)."""
        text = self[column]
        if not text:
            return default
        try:
            return parser(text)
        except (ValueError, ValidationError) as error:
            self.fail(column, error)
            return default

    def parse_list(self, column: str, parser: Callable[[str], T]) -> list[T]:
        """Every `;`-separated item parsed; each wrong one is recorded and left out."""
        values = []
        for item in split_list(self[column]):
            try:
                values.append(parser(item))
            except (ValueError, ValidationError) as error:
                self.fail(column, error)
        return values


def header_key(header: str) -> str:
    """Headers match whatever the case, spaces or a required-marker star: “Birth date*” is birth_date."""
    return re.sub(r"[\s\-]+", "_", header.strip().strip("*＊").strip()).casefold()


class Importer:
    """Reads rows into service calls. Subclasses declare the columns and write `parse_row` and `write`."""

    model: ClassVar[type[models.Model]]
    columns: ClassVar[dict[str, Column]]
    required: ClassVar[frozenset[str]] = frozenset()
    # Groups of parsed keys whose values must not repeat within one file (the database is checked in parse_row).
    unique: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # Model fields whose names differ from their column, to place a service's ValidationError.
    field_columns: ClassVar[dict[str, str]] = {}

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Any] = {}
        self._headers: dict[str, str] = {}

    def parse_row(self, row: Row) -> dict[str, Any]:
        """The row's values for `write`; wrong cells go to row.fail (or raise RowError, ValueError, ValidationError)."""
        raise NotImplementedError

    def write(self, parsed: dict[str, Any], actor) -> models.Model:
        """Write one parsed row through the app's services."""
        raise NotImplementedError

    def cached(self, kind: str, text: str, resolve: Callable[[str], T]) -> T:
        """Resolve a name once per import: a file names the same country or case on many rows."""
        key = (kind, text.strip())
        if key not in self._cache:
            try:
                self._cache[key] = resolve(text)
            except (ValueError, ValidationError) as error:
                self._cache[key] = error
        result = self._cache[key]
        if isinstance(result, Exception):
            raise result
        return result

    def label(self, column: str) -> str:
        """The column as this file names it, or both its names when the file lacks it."""
        if not column:
            return ""
        if column in self._headers:
            return self._headers[column]
        spec = self.columns.get(column)
        return f"{column} / {spec.zh}" if spec else column

    def run(self, rows: list[dict[str, str]], actor, *, commit: bool) -> ImportReport:
        """Check every row and, when `commit` and nothing is wrong, keep what was written; otherwise roll back."""
        self._cache = {}
        self.actor = actor  # references resolve only to records the importing user may see
        report = ImportReport()
        if not self._match_headers(list(rows[0]) if rows else [], report):
            report.rows = sum(1 for cells in rows if any(cells.values()))
            return report
        with transaction.atomic():
            parsed = self._parse_all(rows, report)
            self._check_unique(parsed, report)
            refused = {error.row for error in report.errors}
            self._write_all([(number, values) for number, values in parsed if number not in refused], actor, report)
            order = {header: index for index, header in enumerate(self._headers.values())}
            report.errors.sort(key=lambda error: (error.row, order.get(error.column, len(order))))
            report.committed = commit and report.ok
            if not report.committed:
                transaction.set_rollback(True)
        return report

    def _match_headers(self, headers: list[str], report: ImportReport) -> bool:
        spellings = {header_key(h): key for key, column in self.columns.items() for h in column.headers(key)}
        self._headers = {}
        for header in headers:
            key = spellings.get(header_key(header))
            if key is None:
                report.ignored_columns.append(header)
            elif key in self._headers:
                message = _("“%(first)s” and “%(second)s” are the same column.")
                report.errors.append(CellError(1, header, message % {"first": self._headers[key], "second": header}))
            else:
                self._headers[key] = header
        for key in self.columns:
            if key in self.required and key not in self._headers:
                message = _("The required column “%(column)s” is missing.") % {"column": self.label(key)}
                report.errors.append(CellError(1, self.label(key), message))
        return report.ok

    def _parse_all(self, rows: list[dict[str, str]], report: ImportReport) -> list[tuple[int, dict]]:
        parsed = []
        for number, cells in enumerate(rows, start=2):
            row = Row(number, {key: cells.get(header, "").strip() for key, header in self._headers.items()})
            if row.is_blank():
                continue
            report.rows += 1
            for key in self.columns:
                if key in self.required and not row[key]:
                    row.fail(key, _("This field is required."))
            try:
                values = self.parse_row(row)
            except (RowError, ValueError, ValidationError) as error:
                row.fail("", error)
                values = {}
            self._report(report.errors, number, row.errors)
            self._report(report.warnings, number, row.warnings)
            parsed.append((number, values))
        return parsed

    def _check_unique(self, parsed: list[tuple[int, dict]], report: ImportReport) -> None:
        for group in self.unique:
            first_row: dict[tuple, int] = {}
            for number, values in parsed:
                key = tuple(_comparable(values.get(name)) for name in group)
                if any(part in (None, "") for part in key):
                    continue
                if key in first_row:
                    message = _("This repeats row %(row)d of the file.") % {"row": first_row[key]}
                    report.errors.append(CellError(number, self.label(group[-1]), message))
                else:
                    first_row[key] = number

    def _write_all(self, parsed: list[tuple[int, dict]], actor, report: ImportReport) -> None:
        """Each row in its own savepoint: a refused row leaves the others, and the state they built, in place."""
        for number, values in parsed:
            try:
                with transaction.atomic():
                    record = self.write(dict(values), actor)
                    if hasattr(type(record).objects, "restrict") and not allows(actor, record, "add"):
                        raise RowError(_("This row would create a record outside what you may work on."))
            except (ValidationError, ValueError, RowError) as error:
                self._report(report.errors, number, error_messages(error))
            except (IntegrityError, DataError) as error:
                self._report(
                    report.errors, number, [("", _("The database refused this row: %(error)s") % {"error": error})]
                )

    def _report(self, into: list[CellError], number: int, problems: list[tuple[str, str]]) -> None:
        for name, message in problems:
            column = self.field_columns.get(name, name if name in self.columns else "")
            into.append(CellError(number, self.label(column), message))


def _comparable(value: Any) -> Any:
    return value.strip().casefold() if isinstance(value, str) else value
