"""A request's documents as they leave: the letter in Chinese and in English (every section the law asks of a
request, written from the request; the office's own opening and closing from its letter templates), and the bundle
as sent, a ZIP of both letters and every attached file with an index of their SHA-256 checksums."""

import hashlib
import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from .models import LetterTemplate, Request

LANGUAGES = {"zh": "zh-hans", "en": "en"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """The template's text with its {placeholders} replaced; an unknown one is left as typed (never evaluated)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def letter_context(request: Request) -> dict:
    """What the letter says, in the active language."""
    day = request.sent_on or timezone.localdate()
    values = {
        "number": request.number, "kind": request.get_kind_display(), "country": str(request.country),
        "authority": str(request.foreign_authority or request.country), "our_authority": str(request.organisation),
        "date": day.isoformat(),
    }  # fmt: skip
    template = LetterTemplate.objects.filter(language=translation.get_language()).first()
    words = {
        part: _fill(getattr(template, part), values) if template else "" for part in ("opening", "closing", "signature")
    }
    persons = request.persons.prefetch_related("nationalities", "documents__country", "names")
    return {"request": request, "persons": persons, "attachments": request.attachments.order_by("pk"), **words,
            "day": day}  # fmt: skip


def letter_pdf(request: Request, language: str) -> bytes:
    """The request letter as a PDF in "zh" or "en"."""
    with translation.override(LANGUAGES[language]):
        html = render_to_string("cooperation/letter.html", {**letter_context(request), "lang": language})
    return HTML(string=html).write_pdf()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle(request: Request) -> bytes:
    """The ZIP of the request as sent: both letters, every attached file, and index.txt naming each file with its
    size and SHA-256."""
    files = [
        (f"{request.number}-zh.pdf", letter_pdf(request, "zh")),
        (f"{request.number}-en.pdf", letter_pdf(request, "en")),
    ]
    for number, attachment in enumerate(request.attachments.order_by("pk"), start=1):
        with attachment.file.open("rb") as stored:
            files.append((f"attachments/{number:02d}-{attachment.name}", stored.read()))
    index = "\n".join(f"{_sha256(data)}  {len(data):>10}  {name}" for name, data in files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.txt", f"{request.number}\nSHA-256  size  file\n{index}\n")
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
