"""Bulk screening: a CSV or XLSX file of persons screened in the background, chunk by chunk, resumable.

The file is checked when it is uploaded (its type and its header row: nothing is stored when either is wrong), then
the worker (`python -m repatria screening-worker`) reads it as a stream, never whole, in chunks of ``CHUNK_ROWS``
rows. For each chunk it

1. writes the chunk's result lines to a part file of its own, named by the chunk's first row and replaced whole
   (written aside, then renamed), so a chunk done twice leaves one copy;
2. then, in one transaction, advances the job's checkpoint ``rows_done`` and its ``matches`` count, writes one
   screening log entry per row screened and, for partners' jobs, the alerts of the chunk's hits.

A crash between the two steps leaves a part file the checkpoint does not count: the chunk is done again and its
part file rewritten. When every row is done the parts are joined into the results CSV. A row that cannot be read
(no name, a wrong date) gets an error line in the results instead of stopping the job.
"""

from .runner import CHUNK_ROWS, JobRunner, create_job, fail, progress, results_filename, run_job, visible_jobs, work_dir
from .source import COLUMNS, MAX_ROWS, REQUIRED, BulkFileError, SourceRow, check_file, open_source, parse_row

# What the pages, the API, the worker and the tests use: a job's life in runner, its file in source.
__all__ = [
    "CHUNK_ROWS", "COLUMNS", "MAX_ROWS", "REQUIRED", "BulkFileError", "JobRunner", "SourceRow", "check_file",
    "create_job", "fail", "open_source", "parse_row", "progress", "results_filename", "run_job", "visible_jobs",
    "work_dir",
]  # fmt: skip
