"""The access log: looks at sensitive records and exports, written to the same chain as the change log."""

from django.db import models

from .models import EntryKind
from .recorder import write


def log_view(obj: models.Model) -> None:
    write(EntryKind.VIEW, type(obj), obj=obj)


def log_file_read(sender: type[models.Model], *, record: models.Model, field: str, **kwargs) -> None:
    """A record's stored file handed out (core.file_serving.file_read): a look at the record, naming the file."""
    write(EntryKind.VIEW, type(record), obj=record, after={"file": field})


def log_export(model: type[models.Model], *, query: str, rows: int, fmt: str) -> None:
    write(EntryKind.EXPORT, model, after={"query": query, "rows": rows, "format": fmt})


def log_api_read(obj: models.Model) -> None:
    """A record read through the API: the same weight as a look at its page."""
    write(EntryKind.API_READ, type(obj), obj=obj)


def log_api_list(model: type[models.Model], *, query: str, rows: int) -> None:
    """A page of a list read through the API: like an export, the query and how many records it gave."""
    write(EntryKind.API_READ, model, after={"query": query, "rows": rows})
