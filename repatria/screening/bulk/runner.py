"""Running a bulk screening job chunk by chunk from its checkpoint, and the jobs' files, progress and visibility."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from repatria.accounts.models import Role
from repatria.accounts.permissions import restrict
from repatria.core.exports import spreadsheet_cell
from repatria.names import Entity, EntityError, Index

from .. import services
from ..explanations import describe
from ..models import BulkJob, Channel, JobStatus, ScreeningLog
from .hits import MAX_MATCHES, hit_details, result_header
from .source import BulkFileError, SourceRow, check_file, open_source, parse_row

CHUNK_ROWS = 2000
DEFAULT_DATASET = "default"


# Jobs ------------------------------------------------------------------------------------------------------------


def work_dir(job: BulkJob) -> Path:
    """The job's checkpointed parts and settings, under the private root as its files are."""
    return Path(settings.PRIVATE_ROOT) / "screening" / "work" / str(job.pk)


def _meta(job: BulkJob) -> dict[str, Any]:
    try:
        return json.loads((work_dir(job) / "job.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_partner_job(job: BulkJob) -> bool:
    return job.created_by.role == Role.PARTNER


@transaction.atomic
def create_job(
    *, user, uploaded: UploadedFile, threshold: float, dataset: str = DEFAULT_DATASET, language: str | None = None
) -> BulkJob:
    """Check the file and queue it for the worker; a refused file (BulkFileError) stores nothing."""
    services.dataset_persons(dataset)  # raises UnknownDataset
    check_file(uploaded)
    name = os.path.basename(uploaded.name or "upload.csv")[:200]
    job = BulkJob(
        created_by=user, organisation=user.organisation, name=name, threshold=threshold, status=JobStatus.QUEUED
    )
    job.source.save(name, uploaded, save=False)
    try:
        job.save()
        directory = work_dir(job)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"dataset": dataset, "language": language or translation.get_language() or settings.LANGUAGE_CODE}
        (directory / "job.json").write_text(json.dumps(meta), encoding="utf-8")
    except BaseException:
        job.source.delete(save=False)
        raise
    return job


def _part_name(start: int) -> str:
    return f"part-{start:09d}.csv"


def _write_atomically(path: Path, write: Callable[[IO[str]], None]) -> None:
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


class JobRunner:
    """Screens one job's rows from its checkpoint on."""

    def __init__(self, job: BulkJob, *, index: Index | None = None, chunk_rows: int = CHUNK_ROWS) -> None:
        from ..listing import registry_index

        self.job = job
        self.index = index if index is not None else registry_index()
        self.chunk_rows = chunk_rows
        self.meta = _meta(job)
        self.partner = is_partner_job(job)
        self.listed = self._listed_ids()

    def _listed_ids(self) -> set[str]:
        """The persons a hit may name: the dataset's, and for an officer only those they may see."""
        persons = services.dataset_persons(self.meta.get("dataset") or DEFAULT_DATASET)
        if not self.partner:
            persons = restrict(persons, self.job.created_by)
        return {str(pk) for pk in persons.values_list("pk", flat=True)}

    def run(
        self, *, stop: Callable[[], bool] = lambda: False, after_chunk: Callable[[int], None] | None = None
    ) -> bool:
        """Screen chunk after chunk; True when the job is finished, False when `stop` asked to pause it."""
        job = self.job
        language = self.meta.get("language") or settings.LANGUAGE_CODE
        with translation.override(language):
            if job.status != JobStatus.RUNNING:
                BulkJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, updated=timezone.now())
                job.status = JobStatus.RUNNING
            directory = work_dir(job)
            directory.mkdir(parents=True, exist_ok=True)
            if not job.total_rows:
                total = self._count()  # the rows over the limit raise BulkFileError: run_job fails the job
                BulkJob.objects.filter(pk=job.pk).update(total_rows=total, updated=timezone.now())
                job.total_rows = total
            for stale in directory.glob("part-*.csv"):
                if int(stale.stem.removeprefix("part-")) >= job.rows_done:
                    stale.unlink()
            with open_source(job.source.path) as source:
                rows = source.rows()
                for _skipped in zip(range(job.rows_done), rows, strict=False):
                    pass
                while True:
                    chunk = [row for _n, row in zip(range(self.chunk_rows), rows, strict=False)]
                    if not chunk:
                        break
                    self._chunk(job.rows_done, chunk)
                    if after_chunk is not None:
                        after_chunk(job.rows_done)
                    if stop():
                        return False
            self._finish()
            return True

    def _count(self) -> int:
        with open_source(self.job.source.path) as source:
            return sum(1 for _row in source.rows())

    def _chunk(self, start: int, chunk: list[SourceRow]) -> None:
        job = self.job
        screened: list[tuple[SourceRow, dict, list]] = []
        lines: list[list[Any]] = []
        for row in chunk:
            try:
                query = parse_row(row)
                entity = Entity.from_ftm(query)
            except ValueError as error:  # EntityError too
                reason = services.entity_refusal(error) if isinstance(error, EntityError) else str(error)
                lines.append([row.number, row.cells.get("id", ""), row.cells.get("name", ""), reason, ""])
                continue
            results = self.index.match(
                entity, limit=MAX_MATCHES, threshold=job.threshold, allowed=self.listed.intersection
            )
            hits = [r for r in results if r.match]
            screened.append((row, query, results, hits))
            lines.append([row.number, row.cells.get("id", ""), row.cells["name"], "", len(hits), *hits])
        hit_ids = {int(hit.id) for *_x, hits in screened for hit in hits}
        details = hit_details(hit_ids, job.created_by)
        out = []
        for line in lines:
            cells = line[:5]
            for hit in line[5:]:
                name, numbers, status, note = details[int(hit.id)]
                cells += [name, numbers, status, f"{hit.score:.3f}", describe(hit.explanations), note]
            out.append([spreadsheet_cell(cell) for cell in cells])

        def write(f: IO[str]) -> None:
            csv.writer(f).writerows(out)

        _write_atomically(work_dir(job) / _part_name(start), write)
        matches = sum(len(hits) for *_x, hits in screened)
        with transaction.atomic():
            self._log(screened)
            BulkJob.objects.filter(pk=job.pk).update(
                rows_done=start + len(chunk), matches=F("matches") + matches, updated=timezone.now()
            )
        job.rows_done = start + len(chunk)
        job.matches += matches

    def _log(self, screened: list[tuple[SourceRow, dict, list, list]]) -> None:
        job = self.job
        dataset = self.meta.get("dataset") or DEFAULT_DATASET
        logs = [
            ScreeningLog(
                user=job.created_by,
                organisation=job.organisation,
                channel=Channel.BULK,
                dataset=dataset,
                query_hash=services.query_hash(query),
                context=self._context(row),
                results=len(results),
                matches=len(hits),
            )
            for row, query, results, hits in screened
        ]
        ScreeningLog.objects.bulk_create(logs)
        if not self.partner:
            return
        for log, (row, query, _results, hits) in zip(logs, screened, strict=True):
            if hits:
                services.raise_alerts(log, hits, query=query, context=self._context(row), raised_by=job.organisation)

    def _context(self, row: SourceRow) -> str:
        return (_("bulk screening %(file)s, row %(row)d") % {"file": self.job.name, "row": row.number})[:200]

    def _finish(self) -> None:
        job = self.job
        directory = work_dir(job)
        storage = job.results.storage
        name = storage.get_available_name(job.results.field.generate_filename(job, "results.csv"))
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)

        def write(f: IO[str]) -> None:
            f.write("\ufeff")  # the byte-order mark makes Excel read the Chinese text as UTF-8
            csv.writer(f).writerow(result_header())
            for part in sorted(directory.glob("part-*.csv")):
                with open(part, encoding="utf-8", newline="") as chunk:
                    shutil.copyfileobj(chunk, f)

        _write_atomically(target, write)
        BulkJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, results=name, finished=timezone.now(), updated=timezone.now()
        )
        job.status, job.results.name = JobStatus.DONE, name
        shutil.rmtree(directory, ignore_errors=True)


def fail(job: BulkJob, message: str) -> None:
    BulkJob.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, error=message, finished=timezone.now(), updated=timezone.now()
    )
    job.status, job.error = JobStatus.FAILED, message
    shutil.rmtree(work_dir(job), ignore_errors=True)


def run_job(job: BulkJob, **kwargs: Any) -> bool:
    """Screen the job from its checkpoint; True when finished (done or failed), False when paused by `stop`."""
    stop = kwargs.pop("stop", bool)
    after_chunk = kwargs.pop("after_chunk", None)
    try:
        runner = JobRunner(job, **kwargs)
        return runner.run(stop=stop, after_chunk=after_chunk)
    except BulkFileError as error:
        fail(job, str(error))
        return True


def visible_jobs(user):
    """The jobs a user may see: central administrators all, anyone else their organisation's (or their own)."""
    jobs = BulkJob.objects.select_related("created_by", "organisation")
    if user.is_superuser or user.role == Role.ADMIN:
        return jobs
    if user.organisation_id:
        return jobs.filter(organisation_id=user.organisation_id)
    return jobs.filter(created_by=user)


def results_filename(job: BulkJob) -> str:
    """The results are downloaded under the uploaded file's name: travellers.xlsx → travellers-results.csv."""
    stem = job.name.rsplit(".", 1)[0] or "screening"
    return f"{stem}-results.csv"


def progress(job: BulkJob) -> int:
    """Percent of the rows screened (0 until the rows are counted)."""
    if job.status == JobStatus.DONE:
        return 100
    return int(100 * job.rows_done / job.total_rows) if job.total_rows else 0
