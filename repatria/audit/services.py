"""The access log: looks at sensitive records and exports, written to the same chain as the change log.

Each function is also a receiver of core's signal of the same event (connected in audit.apps), hence the model as
`sender` first and the keyword arguments.
"""

from django.db import models

from .models import EntryKind
from .recorder import write


def log_view(sender: type[models.Model], *, record: models.Model, **kwargs) -> None:
    write(EntryKind.VIEW, type(record), obj=record)


def log_file_read(sender: type[models.Model], *, record: models.Model, field: str, **kwargs) -> None:
    """A record's stored file handed out: a look at the record, naming the file."""
    write(EntryKind.VIEW, type(record), obj=record, after={"file": field})


def log_export(sender: type[models.Model], *, query: str, rows: int, fmt: str, **kwargs) -> None:
    write(EntryKind.EXPORT, sender, after={"query": query, "rows": rows, "format": fmt})


def log_api_read(sender: type[models.Model], *, record: models.Model, **kwargs) -> None:
    """A record read through the API: the same weight as a look at its page."""
    write(EntryKind.API_READ, type(record), obj=record)


def log_api_list(sender: type[models.Model], *, query: str, rows: int, **kwargs) -> None:
    """A page of a list read through the API: like an export, the query and how many records it gave."""
    write(EntryKind.API_READ, sender, after={"query": query, "rows": rows})
