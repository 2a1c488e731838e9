"""The access log: looks at sensitive records and exports, written to the same chain as the change log."""

from django.db import models

from .models import EntryKind
from .recorder import write


def log_view(obj: models.Model) -> None:
    write(EntryKind.VIEW, type(obj), obj=obj)


def log_export(model: type[models.Model], *, query: str, rows: int, fmt: str) -> None:
    write(EntryKind.EXPORT, model, after={"query": query, "rows": rows, "format": fmt})
