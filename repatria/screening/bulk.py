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

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.accounts.models import Role
from repatria.accounts.permissions import restrict
from repatria.core.dates import parse_partial_date
from repatria.core.exports import spreadsheet_cell
from repatria.core.imports.cells import split_list
from repatria.core.imports.importer import Column, header_key
from repatria.core.reading import UNREADABLE, XLSX, ImportFileError, records, sniff
from repatria.names import Entity, EntityError, Index
from repatria.registry.models import Person

from . import services
from .explanations import describe
from .models import BulkJob, Channel, JobStatus, ScreeningLog

__all__ = [
    "COLUMNS",
    "BulkFileError",
    "check_file",
    "create_job",
    "open_source",
    "parse_row",
    "run_job",
]

MAX_ROWS = 1_000_000
MAX_BYTES = 512 * 1024 * 1024
MAX_UNPACKED = 1024 * 1024 * 1024  # an XLSX of MAX_ROWS rows of the eight columns unpacks to about 400 MB
CHUNK_ROWS = 2000
MAX_MATCHES = 3  # hits written per row, best first
DEFAULT_DATASET = "default"

BulkFileError = ImportFileError

COLUMNS: dict[str, Column] = {
    "id": Column("编号", gettext_lazy("your reference for the row, repeated in the results"), "", ("ref",)),
    "name": Column("姓名", gettext_lazy("the person's name, in characters or letters"), "", ("full_name",)),
    "alias": Column("别名", gettext_lazy("other names"), gettext_lazy("several, separated by ; or ；"), ("aliases",)),
    "birth_date": Column(
        "出生日期",
        gettext_lazy("date of birth"),
        gettext_lazy("date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("birthdate", "date_of_birth", "dob"),
    ),
    "gender": Column("性别", gettext_lazy("sex"), "male / female, m / f, 男 / 女", ("sex",)),
    "nationality": Column(
        "国籍", gettext_lazy("nationality"), gettext_lazy("ISO codes such as CN or US, separated by ;"), ()
    ),
    "passport_number": Column("护照号码", gettext_lazy("passport number"), "", ("passport", "护照号")),
    "id_number": Column("身份证号码", gettext_lazy("identity card number"), "", ("身份证号", "national_id")),
}
REQUIRED = "name"
_SPELLINGS = {header_key(h): key for key, column in COLUMNS.items() for h in column.headers(key)}
_GENDERS = {"male": "male", "m": "male", "男": "male", "female": "female", "f": "female", "女": "female"}
_NO_GENDER = {"", "unknown", "other", "u", "x", "未知", "不详"}
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


# Reading ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]  # by column key
    unreadable: bool = False


class Source:
    """A bulk file being read: its header matched to the columns, then its non-blank data rows one by one."""

    def __init__(self, f: IO[bytes]) -> None:
        self.records = records(f, max_rows=MAX_ROWS, max_bytes=MAX_BYTES, max_unpacked=MAX_UNPACKED)
        try:
            header = next(self.records, None)
            if header is None:
                raise BulkFileError(_("The file is empty."))
            self.columns, self.ignored = _match_header(header)
        except BaseException:
            self.close()
            raise

    def rows(self) -> Iterator[SourceRow]:
        for number, record in enumerate(self.records, start=2):
            if record == UNREADABLE:
                yield SourceRow(number, {}, unreadable=True)
                continue
            if not any(record):  # a blank row, told at once (a file may hold a million)
                continue
            cells = {key: (record[i] or "").strip() if i < len(record) else "" for key, i in self.columns.items()}
            if any(cells.values()):
                yield SourceRow(number, cells)

    def close(self) -> None:
        self.records.close()


def _match_header(header: list[str | None]) -> tuple[dict[str, int], list[str]]:
    """Column key → position; refuses a file without a name column or with a column twice."""
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        text = (cell or "").lstrip("\ufeff").strip()
        if not text:
            continue
        key = _SPELLINGS.get(header_key(text))
        if key is None:
            ignored.append(text)
        elif key in columns:
            message = _("“%(first)s” and “%(second)s” are the same column.")
            raise BulkFileError(message % {"first": names[key], "second": text})
        else:
            columns[key], names[key] = position, text
    if REQUIRED not in columns:
        raise BulkFileError(
            _("The required column “%(column)s” is missing: the first row must name the columns.")
            % {"column": f"{REQUIRED} / {COLUMNS[REQUIRED].zh}"}
        )
    return columns, ignored


@contextlib.contextmanager
def open_source(path: str | os.PathLike) -> Iterator[Source]:
    with open(path, "rb") as f:
        source = Source(f)
        try:
            yield source
        finally:
            source.close()


@dataclass(frozen=True)
class FileCheck:
    ignored_columns: list[str]


def check_file(uploaded: UploadedFile) -> FileCheck:
    """Refuse, with the reason in the user's language, a file that is not a CSV or XLSX with a name column and at
    least one row of data, or that is over the limits. A CSV is read to its end (a million rows take about a second),
    so that too many rows or too long a row are refused at once; an XLSX, a hundred times slower to read, is checked
    as a package (its size, parts and XML) with its first rows, and the worker meets its row limit."""
    if (uploaded.name or "").lower().endswith(".xls"):
        raise BulkFileError(_("Old .xls files cannot be read: save the sheet as .xlsx or as CSV (UTF-8)."))
    f = uploaded.file
    try:
        whole = sniff(f) != XLSX
        with contextlib.closing(Source(f)) as source:
            if next(source.rows(), None) is None:
                raise BulkFileError(_("The file has a header row but no data rows."))
            if whole:
                for _row in source.records:
                    pass
    finally:
        f.seek(0)
    return FileCheck(source.ignored)


# Rows ------------------------------------------------------------------------------------------------------------


def parse_row(row: SourceRow) -> dict[str, Any]:
    """The row as a FollowTheMoney entity; ValueError with the reason when it cannot be screened."""
    if row.unreadable:
        raise ValueError(_("This line cannot be read as CSV."))
    cells = row.cells
    name = cells.get("name", "")
    if not name:
        raise ValueError(_("The name is empty."))
    props: dict[str, list[str]] = {"name": [name], "alias": split_list(cells.get("alias", ""))}
    if cells.get("birth_date"):
        props["birthDate"] = [parse_partial_date(cells["birth_date"])]
    gender = cells.get("gender", "").casefold()
    if gender not in _NO_GENDER:
        if gender not in _GENDERS:
            raise ValueError(_("“%(value)s” is not a sex: write male or female, m or f, 男 or 女.") % {"value": gender})
        props["gender"] = [_GENDERS[gender]]
    nationalities = split_list(cells.get("nationality", ""))
    for code in nationalities:
        if not _COUNTRY.match(code):
            raise ValueError(_("“%(value)s” is not a two-letter country code such as CN or US.") % {"value": code})
    props["nationality"] = [code.upper() for code in nationalities]
    props["passportNumber"] = split_list(cells.get("passport_number", ""))
    props["idNumber"] = split_list(cells.get("id_number", ""))
    entity_id = cells.get("id") or f"row-{row.number}"
    return {"id": entity_id, "schema": "Person", "properties": {k: v for k, v in props.items() if v}}


def result_header() -> list[str]:
    header = ["row", "id", "name", "error", "matches"]
    for n in range(1, MAX_MATCHES + 1):
        header += [f"person_{n}", f"person_name_{n}", f"score_{n}", f"explanation_{n}"]
    return header


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
        from .listing import registry_index

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
        names = dict(Person.objects.filter(pk__in=hit_ids).values_list("pk", "display_name"))
        out = []
        for line in lines:
            cells = line[:5]
            for hit in line[5:]:
                cells += [hit.id, names.get(int(hit.id), ""), f"{hit.score:.3f}", describe(hit.explanations)]
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
