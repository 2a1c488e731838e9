"""Reading an uploaded CSV or XLSX into rows of text, within the limits an import keeps."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..reading import UNREADABLE, XLSX, ImportFileError, records, sniff, unreadable

MAX_ROWS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024  # an XLSX of MAX_ROWS rows of twenty columns unpacks to about 50 MB


class RowError(Exception):
    """A row cannot be imported; `column` is the column at fault, or empty for the row as a whole."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column


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
