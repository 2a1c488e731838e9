"""What a file is, read from its first bytes (never from its name or the type the browser sent)."""

import zipfile
from typing import IO

from repatria.core.file_serving import image_type
from repatria.core.reading import check_zip_directory

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIFF = "image/tiff"

# The extension a stored file is given for its type: the download is named by what the file is.
EXTENSIONS = {
    PDF: ".pdf",
    DOCX: ".docx",
    XLSX: ".xlsx",
    TIFF: ".tif",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
# An Office document is a zip archive whose parts name it.
OFFICE_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def sniff(f: IO[bytes]) -> str:
    """The content type of the file by its content, "" when none of those known; the file is left at its start."""
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head.startswith(b"PK\x03\x04"):
        return _office(f)
    return image_type(f) or ""


def _office(f: IO[bytes]) -> str:
    try:
        check_zip_directory(f)  # before zipfile makes an object of each of a bomb's million entries
        with zipfile.ZipFile(f) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):  # ValueError: the directory's refusal too
        return ""
    finally:
        f.seek(0)
    return next((kind for part, kind in OFFICE_PARTS.items() if part in names), "")
