"""Attaching a file to a record, and removing it: every page and API endpoint goes through these.

A file is checked before anything is written: its size, its type (sniffed from its content), then the virus scan
hook (settings.ATTACHMENT_SCANNER). It is then stored privately (core.private_files) and its record and timeline
event written in one transaction; should that fail, the stored file is removed, so nothing is left half-written.
"""

import hashlib
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from repatria.core.querysets import allows
from repatria.core.services import RuleError

from . import timeline
from .models import TARGETS, Attachment
from .sniffing import EXTENSIONS, sniff


def attach(*, actor, file: File, kind: str, description: str = "", **target) -> Attachment:
    """Attach `file` to the one record named in `target` (one of models.TARGETS: case=, person=, request= …).

    Refused with a RuleError, and nothing stored, if the file is too big, of a type not allowed or refused by the
    virus scan (on the file field), or if the actor may not attach files to the record.
    """
    named = {name: record for name, record in target.items() if record is not None}
    if set(target) - set(TARGETS) or len(named) != 1:
        raise ValueError(f"attach() takes exactly one of {', '.join(TARGETS)}")
    content_type = check(file)
    attachment = Attachment(
        kind=kind,
        description=description,
        name=_download_name(file.name, content_type),
        content_type=content_type,
        size=file.size,
        sha256=_sha256(file),
        uploaded_by=actor,
        **named,
    )
    attachment.file.save(f"x{EXTENSIONS[content_type]}", file, save=False)
    try:
        with transaction.atomic():
            attachment.full_clean(exclude=["file"])
            attachment.save()
            if not allows(actor, attachment, "add"):
                raise RuleError(_("You may not attach files to this record."))
            if (event := timeline.attached(attachment, actor=actor)) is not None:
                event.save()
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def check(file: File) -> str:
    """The file's content type once its size, type and scan have passed; else RuleError, on the file field."""
    limit = settings.ATTACHMENT_MAX_SIZE
    if file.size > limit:
        raise _refusal(
            _("The file is %(size)s: files of at most %(limit)s may be attached.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    content_type = sniff(file)
    if content_type not in settings.ATTACHMENT_TYPES:
        raise _refusal(_("Files of this type may not be attached: attach a PDF, a photo (JPEG, PNG), or a Word or "
                         "Excel document."))  # fmt: skip
    reason = scan(file)
    if reason:
        raise _refusal(_("The virus scan refused the file: %(reason)s") % {"reason": reason})
    return content_type


def scan(file: File) -> str:
    """Why the configured virus scanner refuses the file ("" when it passes, or when none is configured).

    The scanner, settings.ATTACHMENT_SCANNER, is the dotted path of a callable given the open file, which returns
    a reason to refuse it or None. One that fails refuses the file: nothing unscanned is stored.
    """
    if not settings.ATTACHMENT_SCANNER:
        return ""
    scanner = import_string(settings.ATTACHMENT_SCANNER)
    try:
        return scanner(file) or ""
    except Exception:
        return _("the file could not be scanned.")
    finally:
        file.seek(0)


def remove_file(sender, instance: Attachment, **kwargs) -> None:
    """A deleted attachment's file goes once the deletion is committed (connected in apps.py to post_delete, so
    that an attachment deleted with its record loses its file too); the audit trail keeps its record."""
    stored = instance.file
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def _sha256(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.file_digest(file, "sha256").hexdigest()
    file.seek(0)
    return digest


def _download_name(name: str, content_type: str) -> str:
    """The name the user gave the file, with the extension of what it is."""
    stem = PurePosixPath(PurePosixPath(name or "").name).stem[:200] or "attachment"
    return stem + EXTENSIONS[content_type]


def _refusal(message: str) -> RuleError:
    return RuleError({"file": message})
