"""Bulk import from CSV or XLSX: every row is checked, every problem reported, and either all rows are written or none.

Half an import leaves the registry in a state nobody can describe, so a file with any bad row writes nothing:
the officer fixes the rows the report names and sends the whole file again. Rows are written through the apps'
services (so the timeline and the lifecycle rules apply), each in a savepoint inside one outer transaction that
a dry run, or any error, rolls back.
"""

import csv
import datetime
import functools
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from repatria.accounts.permissions import allows, can

from .dates import parse_partial_date
from .forms import BootstrapMixin
from .models import non_negative
from .reading import UNREADABLE, XLSX, ImportFileError, records, sniff, unreadable
from .views import OfficerRequiredMixin, object_url

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
Text = str | Promise

MAX_ROWS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024  # an XLSX of MAX_ROWS rows of twenty columns unpacks to about 50 MB
_LIST_SEPARATOR = re.compile(r"[;；]")

# How the columns table describes common formats.
DATE = gettext_lazy("date, YYYY-MM-DD")
PARTIAL_DATE = gettext_lazy("date: YYYY, YYYY-MM or YYYY-MM-DD")
LIST = gettext_lazy("several, separated by ; or ；")
YES_NO = gettext_lazy("yes/no, 是/否, true/false or 1/0; empty means no")
AMOUNT = gettext_lazy("number, e.g. 1234567.89")
COUNTRIES = gettext_lazy("country or region names or ISO codes (CN, USA), separated by ;")
PERSON_REFERENCE = gettext_lazy("#id (e.g. #12) or the exact primary name of one person")


class RowError(Exception):
    """A row cannot be imported; `column` is the column at fault, or empty for the row as a whole."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column


# Reading -------------------------------------------------------------------------------------------------------


def read_rows(uploaded_file) -> list[dict[str, str]]:
    """The data rows of a CSV or XLSX file as {header: text}.

    Blank rows inside the data stay (as empty rows) so that list index + 2 is the row number the user sees.
    """
    name = (getattr(uploaded_file, "name", "") or "").lower()
    f = uploaded_file.file
    if name.endswith(".xls"):
        raise ImportFileError(_("Old .xls files cannot be read: save the sheet as .xlsx or as CSV (UTF-8)."))
    if name.endswith(".xlsx") and sniff(f) != XLSX:
        raise unreadable()
    rows = records(f, max_rows=MAX_ROWS, max_bytes=MAX_BYTES, max_unpacked=MAX_UNPACKED)
    return _as_dicts(_trim(rows))


def _trim(rows: Iterable[list[str] | list[None]]) -> list[list[str]]:
    """The rows with their cells trimmed, without the trailing blank ones (spreadsheets keep formatted empty ones);
    a line the csv module refuses refuses the file, as an import is all or nothing."""
    kept: list[list[str]] = []
    blanks = 0
    for row in rows:
        if row == UNREADABLE:
            raise unreadable()
        cells = [cell.strip() for cell in row]
        if not any(cells):
            blanks += 1
            continue
        kept.extend([] for _blank in range(blanks))
        blanks = 0
        kept.append(cells)
    return kept


def _as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [cell.lstrip("\ufeff").strip() for cell in rows[0]]
    named = [name for name in header if name]
    seen: set[str] = set()
    for name in named:
        if name.casefold() in seen:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": name})
        seen.add(name.casefold())
    if len(rows) < 2:
        raise ImportFileError(_("The file has a header row but no data rows."))
    return [{name: cell for name, cell in zip(header, row, strict=False) if name} for row in rows[1:]]


# Parsing helpers shared by every importer -------------------------------------------------------------------------


def split_list(text: str) -> list[str]:
    """The items of a `;`- (or `；`-) separated cell, trimmed, without empty ones."""
    return [item.strip() for item in _LIST_SEPARATOR.split(text or "") if item.strip()]


_YES = {"yes", "y", "true", "1", "是", "是的", "√"}
_NO = {"no", "n", "false", "0", "否", "不是", "×"}


def parse_bool(text: str) -> bool:
    key = text.strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(_("“%(value)s” is not yes or no: write yes/no, 是/否, true/false or 1/0.") % {"value": text})


# Thousands separators only where they group thousands: "7,7850" is a decimal comma, not 77,850.
_GROUPED = re.compile(r"^[+-]?\d{1,3}([,，]\d{3})+(\.\d*)?$")


def parse_number(text: str) -> Decimal | None:
    """A number as spreadsheets write it (1,234.5 or 1，234.5: they add thousands separators); None if it is none."""
    text = re.sub(r"\s", "", text)
    if re.search(r"[,，]", text) and not _GROUPED.match(text):
        return None
    try:
        number = Decimal(re.sub(r"[,，]", "", text))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_amount(text: str) -> Decimal:
    """A sum of money, not negative."""
    amount = parse_number(text)
    if amount is None:
        raise ValueError(_("“%(value)s” is not an amount: write a number such as 1234567.89.") % {"value": text})
    non_negative(amount)
    return amount


def parse_date(text: str, *, past: bool = False) -> datetime.date:
    """A full day (2015-04-03, 2015/4/3, 2015年4月3日); with `past`, not after today."""
    try:
        iso = parse_partial_date(text)
    except ValueError:
        iso = ""
    if len(iso) != 10:
        raise ValueError(_("“%(value)s” is not a date: write YYYY-MM-DD.") % {"value": text})
    day = datetime.date.fromisoformat(iso)
    if past and day > timezone.localdate():
        raise ValueError(_("%(date)s is in the future.") % {"date": iso})
    return day


def parse_past_date(text: str) -> datetime.date:
    return parse_date(text, past=True)


def parse_integer(text: str, minimum: int, maximum: int) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise ValueError(
            _("“%(value)s” is not a whole number from %(min)d to %(max)d.")
            % {"value": text, "min": minimum, "max": maximum}
        )
    return number


class ChoiceParser:
    """Reads one of a TextChoices: its code, its label in English or the active language, or an extra spelling
    (the Chinese words officers write, which are data here, not translations)."""

    def __init__(self, choices: type[models.TextChoices], extra: dict[str, str] | None = None):
        self.choices = choices
        self.extra = extra or {}

    @functools.cached_property
    def _fixed(self) -> dict[str, str]:
        """Codes, English labels and extra spellings, which do not change with the user's language."""
        spellings = {code.casefold(): code for code in self.choices.values}
        with translation.override("en"):
            spellings.update((str(label).casefold(), code) for code, label in self.choices.choices)
        spellings.update((word.casefold(), code) for word, code in self.extra.items())
        return spellings

    def _spellings(self) -> dict[str, str]:
        labels = {str(label).casefold(): code for code, label in self.choices.choices}
        return {**labels, **self._fixed}

    def __call__(self, text: str) -> str:
        code = self._spellings().get(text.strip().casefold())
        if code is None:
            raise ValueError(_("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": self.describe()})
        return code

    def describe(self) -> str:
        """Every code with the extra spellings that mean it: “extradition 引渡, repatriation 遣返”."""
        words: dict[str, list[str]] = {code: [] for code in self.choices.values}
        for word, code in self.extra.items():
            words[code].append(word)
        return ", ".join(" / ".join([code, *extra]) for code, extra in words.items())


def parse_reference(
    text: str, queryset: QuerySet[M], *names: str, allow_id: bool = True, missing: str | None = None
) -> M:
    """`#12` picks the record with that id; any other text must equal one of the `names` fields of exactly one record.

    Exact on purpose: a guessed person in a case is worse than a refused row.
    """
    text = text.strip()
    reference = text.lstrip("#＃").strip()
    if allow_id and text[:1] in "#＃" and reference.isdigit() and len(reference) <= 18:  # fits a bigint
        matches = queryset.filter(pk=int(reference))
    else:
        condition = Q()
        for name in names:
            condition |= Q(**{name: text})
        matches = queryset.filter(condition).distinct()
    found = list(matches[:2])
    model = queryset.model._meta.verbose_name
    if not found:
        raise ValueError(missing or _("No %(model)s matches “%(value)s”.") % {"model": model, "value": text})
    if len(found) > 1:
        raise ValueError(
            _("“%(value)s” matches %(count)d %(models)s; write #id to choose one.")
            % {"value": text, "count": matches.count(), "models": queryset.model._meta.verbose_name_plural}
        )
    return found[0]


def error_messages(error: Exception) -> list[tuple[str, str]]:
    """(model field or "", message) pairs of any error a parser or a service raises."""
    if isinstance(error, RowError):
        return [(error.column, error.message)]
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                ("" if name == NON_FIELD_ERRORS else name, message)
                for name, errors in error.message_dict.items()
                for message in errors
            ]
        return [("", message) for message in error.messages]
    return [("", str(error))]


# The importer ----------------------------------------------------------------------------------------------------


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

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def is_blank(self) -> bool:
        return not any(self.cells.values())

    def fail(self, column: str, error: Exception | str) -> None:
        if isinstance(error, str):
            self.errors.append((column, error))
            return
        self.errors.extend((name or column, message) for name, message in error_messages(error))

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
            self._report(report, number, row.errors)
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
                self._report(report, number, error_messages(error))
            except (IntegrityError, DataError) as error:
                self._report(report, number, [("", _("The database refused this row: %(error)s") % {"error": error})])

    def _report(self, report: ImportReport, number: int, errors: list[tuple[str, str]]) -> None:
        for name, message in errors:
            column = self.field_columns.get(name, name if name in self.columns else "")
            report.errors.append(CellError(number, self.label(column), message))


def _comparable(value: Any) -> Any:
    return value.strip().casefold() if isinstance(value, str) else value


# The view --------------------------------------------------------------------------------------------------------


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or Excel .xlsx; the first row holds the column names."),
    )


class ImportView(OfficerRequiredMixin, FormView):
    """Upload a file, see every problem with its row and column, and import only a file with none."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, self.importer_class.model, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    importer_class: ClassVar[type[Importer]]
    form_class = ImportForm
    template_name = "core/import.html"
    errors_shown = 1000

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "csv":
            return self.template_file()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        commit = self.request.POST.get("action") == "import"
        try:
            rows = read_rows(form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        report = self.importer_class().run(rows, self.request.user, commit=commit)
        if report.committed:
            model = self.importer_class.model._meta
            name = model.verbose_name if report.rows == 1 else model.verbose_name_plural
            messages.success(self.request, _("Imported %(count)d %(model)s.") % {"count": report.rows, "model": name})
            return HttpResponseRedirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def get_success_url(self) -> str:
        return object_url(self.importer_class.model, "list") or "/"

    def get_context_data(self, **kwargs):
        importer = self.importer_class
        report: ImportReport | None = kwargs.get("report")
        if report:
            kwargs.update(
                errors_shown=report.errors[: self.errors_shown],
                errors_hidden=max(0, len(report.errors) - self.errors_shown),
                valid_message=ngettext(
                    "%(count)d row is valid; nothing was written.",
                    "%(count)d rows are valid; nothing was written.",
                    report.rows,
                )
                % {"count": report.rows},
            )
        return super().get_context_data(
            title=_("Import %(model)s") % {"model": importer.model._meta.verbose_name_plural},
            list_url=self.get_success_url(),
            list_title=importer.model._meta.verbose_name_plural,
            columns=[
                {"key": key, "column": column, "required": key in importer.required}
                for key, column in importer.columns.items()
            ],
            max_rows=MAX_ROWS,
            **kwargs,
        )

    def template_file(self) -> HttpResponse:
        """An empty CSV with the headers in the user's language, to fill in."""
        chinese = (translation.get_language() or "").startswith("zh")
        headers = [column.zh if chinese else key for key, column in self.importer_class.columns.items()]
        buffer = io.StringIO()
        csv.writer(buffer).writerow(headers)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        name = self.importer_class.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-import.csv"'
        return response
