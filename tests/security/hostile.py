"""Hostile files as a probe sends them to the import and screening pages, each made in a second or two.

Each maker writes its file at `path` and returns the path. Large parts go through zlib a megabyte at a time, so the
files are small on disk and no test holds what they unpack to.
"""

import random
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MB = 1 << 20
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = "[Content_Types].xml"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
PARTS = {
    CONTENT_TYPES: f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>
<Override PartName="/{SHEET}" ContentType="{SPREADSHEET}.worksheet+xml"/>
<Override PartName="/{STRINGS}" ContentType="{SPREADSHEET}.sharedStrings+xml"/>
</Types>""".encode(),
    "_rels/.rels": f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELATIONS}">
<Relationship Id="rId1" Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>""".encode(),
    "xl/workbook.xml": f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
""".encode(),
    "xl/_rels/workbook.xml.rels": f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELATIONS}">
<Relationship Id="rId1" Type="{DOCUMENT}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{DOCUMENT}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>""".encode(),
}
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
LAUGHS = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
ENTITIES = DECLARATION + f'<!DOCTYPE bomb [<!ENTITY e0 "laugh">{LAUGHS}]>\n'.encode()  # &e9; is 10⁹ laughs
TRAVELLER = b"<si><t>Traveller One</t></si>"  # shared string 1 (0 is "name", the header)
ROW = b'<row r="%d"><c r="A%d" t="s"><v>1</v></c></row>'  # a row of "Traveller One"
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
DIRECTORY_ENTRY = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")


def sheet(*body: Iterable[bytes], prolog: bytes = DECLARATION, dimension: bool = True) -> Iterator[bytes]:
    """A sheet's XML in pieces: a header row ("name"), then the pieces of `body`."""
    yield prolog + f'<worksheet xmlns="{MAIN}">'.encode() + (b'<dimension ref="A1"/>' if dimension else b"")
    yield b"<sheetData>"
    yield b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    for pieces in body:
        yield from pieces
    yield b"</sheetData></worksheet>"


def strings(*body: Iterable[bytes], prolog: bytes = DECLARATION) -> Iterator[bytes]:
    """The shared strings' XML in pieces: "name", then the pieces of `body`."""
    yield prolog + f'<sst xmlns="{MAIN}"><si><t>name</t></si>'.encode()
    for pieces in body:
        yield from pieces
    yield b"</sst>"


def package(path: Path, parts: dict[str, Iterable[bytes]], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """An XLSX of the PARTS, a sheet of one traveller and the shared strings, with `parts` (XML in pieces) instead."""
    every = {**PARTS, SHEET: sheet([ROW % (2, 2)]), STRINGS: strings([TRAVELLER]), **parts}
    with zipfile.ZipFile(path, "w", compression, compresslevel=9) as zipped:
        for name, pieces in every.items():
            with zipped.open(name, "w") as part:
                for piece in [pieces] if isinstance(pieces, bytes) else pieces:
                    part.write(piece)
    return path


def repeated(piece: bytes, size: int) -> Iterator[bytes]:
    """`piece` repeated to about `size` bytes, a megabyte at a time."""
    block = piece * max(1, MB // len(piece))
    for _ in range(max(1, size // len(block))):
        yield block


# XLSX ----------------------------------------------------------------------------------------------------------


def xlsx_of_rows(path: Path, count: int) -> Path:
    """The probe's file: `count` rows of one name, which pack some three hundred times smaller than their XML."""
    row = b'<row><c t="s"><v>1</v></c></row>'  # numbered by their order, as the format allows
    return package(path, {SHEET: sheet(repeated(row, count * len(row)))})


def xlsx_strings_bomb(path: Path, size: int) -> Path:
    """Shared strings of `size` bytes, which pack a thousand times smaller."""
    return package(path, {STRINGS: strings(repeated(TRAVELLER, size))})


def xlsx_sheet_bomb(path: Path, size: int) -> Path:
    """A sheet whose second row is one cell of `size` bytes of text."""
    cell = [b'<row r="2"><c r="A2" t="inlineStr"><is><t>'], repeated(b"a", size), [b"</t></is></c></row>"]
    return package(path, {SHEET: sheet(*cell)})


def xlsx_of_wide_row(path: Path, size: int) -> Path:
    """A second row of `size` bytes of cells of random numbers, which pack only a few times smaller."""
    numbers = random.Random(size)  # noqa: S311 (filler, not a secret)
    cells = (
        b"".join(b"<c><v>%d</v></c>" % numbers.randrange(10**9) for _ in range(MB // 20)) for _ in range(size // MB)
    )
    return package(path, {SHEET: sheet([b'<row r="2">'], cells, [b"</row>"])})


def xlsx_undimensioned(path: Path, count: int) -> Path:
    """A sheet that does not state its size, of `count` empty rows: openpyxl reads such a sheet through to find its
    size when it opens the workbook. They pack some seven times smaller, as real sheets do."""
    rows = (b"".join(b'<row r="%d"/>' % n for n in range(first, first + 10_000)) for first in range(2, count, 10_000))
    return package(path, {SHEET: sheet(rows, dimension=False)})


def xlsx_bzip2(path: Path) -> Path:
    """A workbook packed with bzip2, which zipfile inflates a whole piece read at a time, whatever size it declares."""
    return package(path, {}, compression=zipfile.ZIP_BZIP2)


def xlsx_entity_bomb(path: Path, part: str = SHEET) -> Path:
    """A billion laughs in a cell, declared by the sheet or by the shared strings."""
    if part == STRINGS:
        return package(path, {STRINGS: strings([b"<si><t>&e9;</t></si>"], prolog=ENTITIES)})
    cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>&e9;</t></is></c></row>'
    return package(path, {SHEET: sheet([cell], prolog=ENTITIES)})


def xlsx_of_parts(path: Path, count: int) -> Path:
    """A workbook with `count` more (empty) parts, appended to its zip by hand: zipfile would take seconds."""
    data = package(path, {}).read_bytes()
    *_start, entries, size, offset, _comment = END.unpack_from(data, len(data) - END.size)
    local, directory = bytearray(), bytearray(data[offset : offset + size])
    for number in range(count):
        name = b"xl/media/empty%d.bin" % number
        at = offset + len(local)
        local += LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        directory += DIRECTORY_ENTRY.pack(b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, at)
        directory += name
    total = min(entries + count, 0xFFFF)  # as many as the end record holds; zipfile reads the directory whole
    end = END.pack(b"PK\x05\x06", 0, 0, total, total, len(directory), offset + len(local), 0)
    path.write_bytes(data[:offset] + local + directory + end)
    return path


def xlsx_understating(path: Path, size: int) -> Path:
    """A workbook whose zip directory gives its content types their true size, while the part inflates to `size`
    bytes more (spaces after the XML); the CRC is that of all of it, as the packing tool wrote it."""
    true = PARTS[CONTENT_TYPES]
    data = bytearray(package(path, {CONTENT_TYPES: [true, *repeated(b" ", size)]}).read_bytes())
    with zipfile.ZipFile(path) as zipped:
        local = zipped.getinfo(CONTENT_TYPES).header_offset
    *_start, _entries, _size, directory, _comment = END.unpack_from(data, len(data) - END.size)
    entry = data.index(CONTENT_TYPES.encode(), directory) - DIRECTORY_ENTRY.size
    struct.pack_into("<L", data, local + 22, len(true))  # the local header's size of the data unpacked
    struct.pack_into("<L", data, entry + 24, len(true))  # the directory's, which zipfile goes by
    path.write_bytes(data)
    return path


# CSV -----------------------------------------------------------------------------------------------------------


def csv_of_rows(path: Path, count: int) -> Path:
    """A name column and `count` rows of one letter."""
    path.write_bytes(b"name\n" + b"x\n" * count)
    return path


def csv_of_blank_rows(path: Path, count: int) -> Path:
    path.write_bytes(b"name\n" + b"\n" * count)
    return path


def csv_of_one_line(path: Path, size: int) -> Path:
    """A second line of `size` bytes of two-letter cells and no line break: the csv module would make it a million
    cells."""
    path.write_bytes(b"name\n" + b"ab," * (size // 3))
    return path


def csv_of_multiline_row(path: Path, size: int) -> Path:
    """A second row of `size` bytes of quoted cells each holding a line break: one row, many lines."""
    path.write_bytes(b"name\n" + b'"a\n",' * (size // 5))
    return path


def csv_of_one_cell(path: Path, size: int) -> Path:
    """A second row of one quoted cell of `size` bytes."""
    path.write_bytes(b'name\n"' + b"a" * size + b'"\n')
    return path
