"""A record's stored file, handed only to those who may see the record, as a download of a safe type, logged.

Every view that serves a stored file names the `model` and the `file_field` it serves (tests/security finds every
such URL by them). Pages subclass `PrivateFileView`; the API calls `file_response` after its own checks.
"""

from pathlib import PurePosixPath

from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views import View
from PIL import Image

from .models import MAX_ID
from .signals import file_read

# Images shown inline, by the format Pillow finds in the file (not by its name): what browsers show as photos.
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
# Anything else is a download: of its type for these, else of no type a browser would render.
DOWNLOAD_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}
OPAQUE = "application/octet-stream"
# Should a browser render the file all the same, it may run nothing and load nothing.
SANDBOX = "default-src 'none'; sandbox"


def image_type(f) -> str | None:
    """The content type of a photo Pillow reads as one of IMAGE_TYPES, else None; the file is left at its start."""
    try:
        with Image.open(f) as image:
            return IMAGE_TYPES.get(image.format or "")
    except (OSError, ValueError, Image.DecompressionBombError):  # not an image Pillow can read
        return None
    finally:
        f.seek(0)


def file_response(record: Model, field: str, *, filename: str = "") -> FileResponse:
    """The record's file, its read logged; Http404 when it has none (or the file is gone), as for no record at all.

    The caller has checked that the user may see the record. The download is named `filename`, by default
    <model>-<id>-<field> with the stored extension.
    """
    stored = getattr(record, field)
    if not stored:
        raise Http404
    try:
        f = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePosixPath(stored.name).suffix.lower()
    content_type = image_type(f)
    response = FileResponse(
        f,
        as_attachment=content_type is None,
        filename=filename or f"{record._meta.model_name}-{record.pk}-{field}{suffix}",
        content_type=content_type or DOWNLOAD_TYPES.get(suffix, OPAQUE),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    patch_cache_control(response, private=True, no_store=True)
    file_read.send(sender=type(record), record=record, field=field)
    return response


class PrivateFileView(View):
    """Serves a record's `file_field` to users who may see the record.

    Anyone else, signed in or not, gets 404 as for a record that does not exist: no redirect to the sign-in page, no
    403, and the same answer whether or not the record has a file.
    """

    model: type[Model]
    file_field: str

    def records(self, user) -> QuerySet:
        """The records whose files the user may read: by default those their grants let them view."""
        return self.model.objects.restrict(user, "view")

    def filename(self, record: Model) -> str:
        """The name the file is downloaded under ("": file_response's default)."""
        return ""

    def get(self, request, pk: int) -> FileResponse:
        user = request.user
        record = self.records(user).filter(pk=pk).first() if user.is_authenticated and pk <= MAX_ID else None
        if record is None:
            raise Http404
        return file_response(record, self.file_field, filename=self.filename(record))
