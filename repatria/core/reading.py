"""Reading CSV and XLSX files as streams of rows, within limits that no file, however it is made, can stretch.

The import pages and bulk screening take files from officers and from partners' systems. A file of a few hundred KB
can unpack to gigabytes, declare XML entities that expand a billion-fold, list a million zip parts, or hold millions
of rows or one endless line. Each is refused after little of it is read, with the reason in the user's language:

- a file larger than the caller's `max_bytes` is refused before it is read;
- a CSV is read a line at a time, never more than MAX_ROW_SIZE characters of one row;
- an XLSX's zip is checked before openpyxl opens it: how many parts it lists (from its end record, before zipfile
  builds an object per part), their declared sizes together (the caller's `max_unpacked`), how tightly each is packed
  (MAX_RATIO) and how (deflate or stored). zipfile cuts a part's data at its declared size, whatever the deflate
  stream holds (the CRC check then fails), but only after it has inflated the piece asked for: so every part is read
  in pieces of READ_CHUNK at most (_Part);
- openpyxl reads every part through _Part, which first parses the same bytes with expat, keeping no tree, and refuses
  a document type declaration (where entity bombs live), more rows than the limit lets through and a row larger than
  MAX_ROW_SIZE, before openpyxl builds them in memory. openpyxl also reads through, when it opens the workbook, each
  sheet that does not state its size (keeping some 80 bytes a row): such a sheet may have SIZELESS_ROWS rows;
- the rows stop at the caller's `max_rows`: a row of data below row `max_rows + 1` (the header is row 1), or more than
  `max_rows` blank rows one after another, refuses the file as soon as it is met.
"""

import codecs
import csv
import datetime
import functools
import io
import os
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat

from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook import Workbook

XLSX = "xlsx"
SNIFF_BYTES = 1 << 20  # enough of a CSV to tell its encoding
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
MAX_ROW_SIZE = 1 << 20  # a row's characters in a CSV, its XML's bytes in a sheet: a thousand times a real row's
MAX_PARTS = 1000  # a workbook has a dozen parts, a few hundred with many sheets and pictures
MAX_DIRECTORY = MAX_PARTS * 1024  # bytes of the zip's directory: an entry takes 50 to 100
MAX_RATIO = 100  # real sheets pack 5 to 20 times smaller; Apache POI refuses a hundred times too
RATIO_FREE = 1 << 20  # a part smaller than this once unpacked may pack tighter: it cannot grow large
MAX_WHOLE_PART = 16 << 20  # a part openpyxl reads whole into a tree (styles, workbook, relations)
SIZELESS_ROWS = 100_000  # rows of a sheet that does not state its size: openpyxl reads it through to find out
READ_CHUNK = 1 << 16
UNREADABLE = [None]  # a CSV line the csv module refuses


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why, in the user's language."""


def unreadable() -> ImportFileError:
    return ImportFileError(_("The file cannot be read: upload a CSV file (UTF-8) or an Excel .xlsx file."))


def records(f: IO[bytes], *, max_rows: int, max_bytes: int, max_unpacked: int) -> Iterator[list[str] | list[None]]:
    """The rows of a CSV or XLSX file (told by its bytes, not its name) as lists of cell texts, read as a stream; a
    CSV line the csv module refuses is UNREADABLE, for the caller to report. A file over the limits (see above) raises
    ImportFileError where it is found to be."""
    f.seek(0, os.SEEK_END)
    if f.tell() > max_bytes:
        raise ImportFileError(_("The file is larger than %(size)d MB.") % {"size": max_bytes // 2**20})
    kind = sniff(f)
    rows = _xlsx_records(f, max_rows, max_unpacked) if kind == XLSX else _csv_records(f, kind)
    return _within(rows, max_rows)


def sniff(f: IO[bytes]) -> str:
    """XLSX, or the CSV's encoding (UTF-8 with or without BOM, or GB18030 as Excel in Chinese saves it)."""
    f.seek(0)
    head = f.read(SNIFF_BYTES)
    final = len(head) < SNIFF_BYTES
    f.seek(0)
    if not head.strip():
        raise ImportFileError(_("The file is empty."))
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(_("Old .xls files cannot be read: save the sheet as .xlsx or as CSV (UTF-8)."))
    if head.startswith(ZIP_MAGIC):
        return XLSX
    if b"\x00" in head:
        raise unreadable()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=final)
        except UnicodeDecodeError:
            continue
        return encoding
    raise unreadable()


def _within(rows: Iterator[list], max_rows: int) -> Iterator[list]:
    blanks = 0
    try:
        for number, row in enumerate(rows, start=1):
            if row == UNREADABLE or any(map(str.strip, row)):
                blanks = 0
                if number > max_rows + 1:
                    raise _too_many_rows(max_rows)
            else:
                blanks += 1
                if blanks > max_rows:
                    raise ImportFileError(
                        _("The file has more than %(count)s empty rows one after another; delete them.")
                        % {"count": f"{max_rows:,}"}
                    )
            yield row
    finally:
        rows.close()


def _too_many_rows(max_rows: int) -> ImportFileError:
    return ImportFileError(_("The file has more than %(count)s rows; split it.") % {"count": f"{max_rows:,}"})


def _too_large_row(number: int) -> ImportFileError:
    return ImportFileError(_("Row %(row)d is larger than %(size)d MB.") % {"row": number, "size": MAX_ROW_SIZE >> 20})


# CSV -------------------------------------------------------------------------------------------------------------


class _RowTooLarge(Exception):
    """Raised through the csv module, which knows no row number: _csv_records adds it."""


class _Lines:
    """A CSV's lines for the csv module, stopping a row (a line, or several when a quoted cell holds line breaks)
    longer than MAX_ROW_SIZE characters before it is read whole: csv.field_size_limit bounds a cell, not a row."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self.characters = 0  # of the row being read

    def __iter__(self) -> Iterator[str]:
        for line in iter(functools.partial(self._text.readline, MAX_ROW_SIZE + 1), ""):
            self.characters += len(line)
            if self.characters > MAX_ROW_SIZE:
                raise _RowTooLarge
            yield line


def _csv_records(f: IO[bytes], encoding: str) -> Iterator[list[str] | list[None]]:
    text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
    lines = _Lines(text)
    reader = csv.reader(lines)
    number = 1
    try:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                row = [None]  # a line the csv module refuses: reported as that row's error
            except _RowTooLarge:
                raise _too_large_row(number) from None
            yield row
            lines.characters = 0
            number += 1
    finally:
        if not f.closed:
            text.detach()  # the file is the caller's to close


# XLSX ------------------------------------------------------------------------------------------------------------


def _xlsx_records(f: IO[bytes], max_rows: int, max_unpacked: int) -> Iterator[list[str]]:
    with _Package(f, max_rows=max_rows, max_unpacked=max_unpacked) as package:
        try:
            sheet = _load(package).worksheets[0]
            sheet.reset_dimensions()  # some programs write a wrong size, which would cut the rows short
            for row in sheet.iter_rows(values_only=True):
                yield [cell_text(value) for value in row]
        except Exception:  # openpyxl raises many kinds of exception on a damaged or foreign file
            raise package.refusal or unreadable() from None


def _load(package: "_Package") -> Workbook:
    """openpyxl's load_workbook(read_only=True, data_only=True), reading through `package`: load_workbook opens the
    zip itself, so this is its body with the reader's zip swapped for ours."""
    reader = ExcelReader(package.fp, read_only=True, data_only=True, keep_links=False)
    reader.archive.close()
    reader.archive = package
    reader.read()
    package.opened = True
    return reader.wb


class _Package(zipfile.ZipFile):
    """An XLSX's zip, checked as a whole when opened; openpyxl reads each part of it through a _Part."""

    def __init__(self, f: IO[bytes], *, max_rows: int, max_unpacked: int) -> None:
        try:
            check_zip_directory(f)
            super().__init__(f)
        except ImportFileError:
            raise
        except Exception:  # zipfile raises several kinds of exception on a damaged file
            raise unreadable() from None
        _check_parts(self.infolist(), max_unpacked)
        self.max_rows = max_rows
        self.opened = False  # by openpyxl: until then, it reads a sheet's rows only to find the sheet's size
        self.refusal: ImportFileError | None = None  # why a _Part stopped openpyxl, which may wrap the exception

    def open(self, name: str | zipfile.ZipInfo, mode: str = "r", pwd: bytes | None = None, **kwargs: Any) -> Any:
        stream = super().open(name, mode, pwd, **kwargs)
        if mode != "r":
            return stream
        return _Part(self, stream, name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name))


def check_zip_directory(f: IO[bytes]) -> None:
    """Refuse a zip (a workbook, any Office document) whose end record lists more parts than a workbook has, before
    zipfile reads its directory and makes an object of each entry (a few MB of zip can list a million)."""
    end = zipfile._EndRecData(f)  # the record zipfile itself goes by, the zip64 one included
    if end is None:
        raise unreadable()
    if end[zipfile._ECD_ENTRIES_TOTAL] > MAX_PARTS or end[zipfile._ECD_SIZE] > MAX_DIRECTORY:
        raise _too_many_parts()


def _too_many_parts() -> ImportFileError:
    return ImportFileError(
        _("The file cannot be read: it is made of more than %(count)s parts, far more than a workbook has.")
        % {"count": f"{MAX_PARTS:,}"}
    )


def _check_parts(parts: list[zipfile.ZipInfo], max_unpacked: int) -> None:
    if len(parts) > MAX_PARTS:
        raise _too_many_parts()
    if sum(part.file_size for part in parts) > max_unpacked:
        raise ImportFileError(_("The file unpacks to more than %(size)d MB; split it.") % {"size": max_unpacked >> 20})
    for part in parts:
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable()  # workbooks use no other; zipfile inflates bzip2 and lzma with no cap on a read
        if part.file_size > RATIO_FREE and part.file_size > MAX_RATIO * part.compress_size:
            message = _("The file cannot be read: a part of it unpacks to over %(ratio)d times its size.")
            raise ImportFileError(message % {"ratio": MAX_RATIO})


def _is_row(name: str) -> bool:
    return name == "row" or name.endswith(":row")


class _Part:
    """A part of the workbook as openpyxl reads it: in pieces of READ_CHUNK at most, each parsed first by expat."""

    def __init__(self, package: _Package, stream: IO[bytes], info: zipfile.ZipInfo) -> None:
        self._package = package
        self._stream = stream
        self._info = info
        self._expat: Any = expat.ParserCreate()
        self._expat.StartDoctypeDeclHandler = self._doctype
        self._expat.StartElementHandler = self._start
        self._expat.EndElementHandler = self._end
        self._parsed = 0  # bytes given to expat
        self._rows = 0
        self._depth = 0  # rows open (a row inside a row is still the outer one)
        self._row_start = 0

    def read(self, size: int | None = -1) -> bytes:
        """Up to `size` bytes, or the rest of a part of at most MAX_WHOLE_PART."""
        if size is None or size < 0:
            if self._info.file_size > MAX_WHOLE_PART:
                raise self._refuse(unreadable())
            size = self._info.file_size  # zipfile gives no more, whatever the part holds
        pieces = []
        while size > 0 and (piece := self._stream.read(min(size, READ_CHUNK))):
            self._parse(piece)
            pieces.append(piece)
            size -= len(piece)
        return b"".join(pieces)

    def _parse(self, piece: bytes) -> None:
        if self._expat is None:
            return
        try:
            self._expat.Parse(piece, False)
        except expat.ExpatError:
            self._expat = None  # not XML (a picture), or XML openpyxl will refuse on its own
            return
        self._parsed += len(piece)
        if self._depth and self._parsed - self._row_start > MAX_ROW_SIZE:
            raise self._refuse(_too_large_row(self._rows))

    def _doctype(self, *_declaration: Any) -> None:
        raise self._refuse(
            ImportFileError(
                _("The file cannot be read: it declares XML entities or a document type, which workbooks never do.")
            )
        )

    def _start(self, name: str, _attributes: Any) -> None:
        if not _is_row(name):
            return
        self._depth += 1
        if self._depth > 1:
            return
        self._rows += 1
        if not self._package.opened and self._rows > SIZELESS_ROWS:
            message = _("The sheet does not state its size and has over %(count)s rows: save it again in Excel or WPS.")
            raise self._refuse(ImportFileError(message % {"count": f"{SIZELESS_ROWS:,}"}))
        if self._rows > 2 * self._package.max_rows + 1:  # the most rows that can pass _within: see records()
            raise self._refuse(_too_many_rows(self._package.max_rows))
        self._row_start = self._expat.CurrentByteIndex

    def _end(self, name: str) -> None:
        if not (self._depth and _is_row(name)):
            return
        self._depth -= 1
        if not self._depth and self._expat.CurrentByteIndex - self._row_start > MAX_ROW_SIZE:
            raise self._refuse(_too_large_row(self._rows))

    def _refuse(self, error: ImportFileError) -> ImportFileError:
        self._package.refusal = error
        return error

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> "_Part":
        return self

    def __exit__(self, *_exception: object) -> None:
        self.close()


# Cells -----------------------------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as the user typed it: 2015-04-03 for a date cell, 12 (not 12.0) for a whole number."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
