"""Tasks, for the tests that loop over every record type (repatria.core.testing.RecordSpec)."""

from repatria.core.testing import RecordSpec

from .models import Task

SPECS = [RecordSpec(Task, marker=lambda task: task.title)]
