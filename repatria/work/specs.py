"""Tasks, for the tests that loop over every record type (repatria.core.testing.RecordSpec)."""

from repatria.core.testing import RecordSpec

from .models import Task

SPECS = [
    RecordSpec(
        Task,
        marker=lambda task: task.title,
        api_payload=lambda records: {
            "title": "新任务",
            "case": records["case"].pk,
            "organisation": records["organisation"].pk,
            "due_on": "2020-01-01",
        },
        api_text="notes",
    )
]
