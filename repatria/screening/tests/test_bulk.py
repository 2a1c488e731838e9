"""Bulk screening jobs: reading CSV and XLSX, refusing bad files, chunks, resuming, error lines, alerts."""

import contextlib
import csv
import datetime
import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import translation
from openpyxl import Workbook

from repatria.accounts.models import ApiToken, Role, User
from repatria.screening import bulk
from repatria.screening.models import Alert, BulkJob, Channel, JobStatus, ScreeningLog
from repatria.screening.worker_lock import AdvisoryLock, worker_lock

HEADER_EN = "id,name,alias,birth_date,gender,nationality,passport_number,id_number\n"
HEADER_ZH = "编号,姓名,别名,出生日期,性别,国籍,护照号码,身份证号码\n"


def upload(content: str | bytes, name: str = "travellers.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filler(count: int, start: int = 0) -> str:
    """Rows of travellers no listed person resembles."""
    return "".join(f"T{n},Traveller Number{n},,1990,m,CA,,\n" for n in range(start, start + count))


def results_of(job: BulkJob) -> list[list[str]]:
    job.refresh_from_db()
    with job.results.open("rb") as f:
        data = f.read()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def make_job(user, content, name="travellers.csv", threshold=0.7, **kwargs) -> BulkJob:
    return bulk.create_job(user=user, uploaded=upload(content, name), threshold=threshold, **kwargs)


# Reading -------------------------------------------------------------------------------------------------------


def read(tmp_path, data: bytes, name="f.csv") -> list[bulk.SourceRow]:
    path = tmp_path / name
    path.write_bytes(data)
    with bulk.open_source(path) as source:
        return list(source.rows())


def test_a_csv_with_english_headers_and_a_byte_order_mark_is_read_row_by_row(tmp_path):
    data = (
        "\ufeff" + HEADER_EN + "A1,杨秀兰,楊秀蘭;YANG Xiulan,1950-07,女,CN;US,E123,\n\n,,,,,,,\nA2,Wang Wei,,,,,,\n"
    ).encode()
    rows = read(tmp_path, data)
    assert [r.number for r in rows] == [2, 5]  # blank rows are skipped but still counted
    assert rows[0].cells == {
        "id": "A1", "name": "杨秀兰", "alias": "楊秀蘭;YANG Xiulan", "birth_date": "1950-07", "gender": "女",
        "nationality": "CN;US", "passport_number": "E123", "id_number": "",
    }  # fmt: skip
    entity = bulk.parse_row(rows[0])
    assert entity["properties"] == {
        "name": ["杨秀兰"], "alias": ["楊秀蘭", "YANG Xiulan"], "birthDate": ["1950-07"], "gender": ["female"],
        "nationality": ["CN", "US"], "passportNumber": ["E123"],
    }  # fmt: skip
    assert entity["id"] == "A1"


def test_a_csv_with_chinese_headers_in_gb18030_is_read(tmp_path):
    rows = read(tmp_path, ("姓名,出生日期,其他\n杨秀兰,1950年7月,x\n").encode("gb18030"))
    assert rows[0].cells == {"name": "杨秀兰", "birth_date": "1950年7月"}
    assert bulk.parse_row(rows[0])["properties"]["birthDate"] == ["1950-07"]
    assert bulk.parse_row(rows[0])["id"] == "row-2"


def test_an_xlsx_with_chinese_headers_is_read_with_date_cells_as_dates(tmp_path):
    birth = datetime.datetime(1950, 7, 3)  # noqa: DTZ001 (a spreadsheet's date cell has no time zone)
    data = xlsx([["编号", "姓名", "出生日期", "护照号码"], [7, "杨秀兰", birth, "E 123"], [None] * 4])
    rows = read(tmp_path, data, "f.xlsx")
    assert rows == [
        bulk.SourceRow(2, {"id": "7", "name": "杨秀兰", "birth_date": "1950-07-03", "passport_number": "E 123"})
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "a.xls", "Old .xls files cannot be read"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "a.csv", "The file cannot be read"),
        (b"PK\x03\x04 not really a workbook", "a.xlsx", "The file cannot be read"),
        ("编号,出生日期\n1,1950\n".encode(), "a.csv", "The required column “name / 姓名” is missing"),
        ("name,姓名\n杨秀兰,杨秀兰\n".encode(), "a.csv", "“name” and “姓名” are the same column."),
        (b"name,alias\n\n,\n", "a.csv", "The file has a header row but no data rows."),
    ],
)
def test_a_file_that_cannot_be_screened_is_refused_and_nothing_is_stored(officer, settings, content, name, message):
    with translation.override("en"), pytest.raises(bulk.BulkFileError) as refused:
        make_job(officer, content, name)
    assert message in str(refused.value)
    assert not BulkJob.objects.exists()
    assert not any(path.is_file() for path in settings.PRIVATE_ROOT.rglob("*"))


def test_the_refusal_is_in_the_users_language(officer):
    with pytest.raises(bulk.BulkFileError, match="文件为空"):
        make_job(officer, b"")


# Jobs ----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_job_screens_every_row_and_writes_one_result_line_each(officer, case, person):
    content = HEADER_EN + "A1,杨秀兰,,1950-07,f,,,\n" + "A2,YANG Xiulan,,,,,,\n" + filler(3) + "A3,,楊秀蘭,,,,,\n"
    content += "A4,=HYPERLINK(1),,195x,,,,\n"
    job = make_job(officer, content, language="en")
    assert bulk.run_job(job, chunk_rows=2)
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.rows_done, job.matches) == (JobStatus.DONE, 7, 7, 2)
    lines = results_of(job)
    assert lines[0][:11] == ["row", "id", "name", "error", "matches", "person 1", "case numbers 1", "status 1",
                             "score 1", "explanation 1", "note 1"]  # fmt: skip
    assert [line[0] for line in lines[1:]] == ["2", "3", "4", "5", "6", "7", "8"]
    hit = lines[1]
    assert hit[1:8] == ["A1", "杨秀兰", "", "1", "杨秀兰", "ZT-2016-00001", "at large"]  # no database id
    assert float(hit[8]) >= 0.7 and hit[10] == ""
    assert hit[9].startswith("杨秀兰 ≈ 杨秀兰: the same name in Chinese characters")  # in the job's language
    assert lines[3][3:] == ["", "0"]  # no match: nothing after the count
    assert lines[6][:4] == ["7", "A3", "", "The name is empty."]  # no name: an error line
    assert lines[7][2] == "'=HYPERLINK(1)"  # formula-escaped
    assert "195x" in lines[7][3]
    logs = ScreeningLog.objects.filter(channel=Channel.BULK)
    assert logs.count() == 5  # the rows screened: not the two that could not be read
    assert sorted(logs.values_list("matches", flat=True)) == [0, 0, 0, 1, 1]
    assert len(set(logs.values_list("query_hash", flat=True))) == 5
    assert not Alert.objects.exists()  # an officer's own job reports, raises no alert
    assert not bulk.work_dir(job).exists()


@pytest.mark.django_db
def test_the_results_speak_the_jobs_language_and_note_a_person_already_returned(officer, case, person):
    import datetime

    from repatria.cases.services import record_return

    other = open_case_of(officer, case, "ZT-2016-00002", person)
    record_return(actor=officer, case=other, person=person, date=datetime.date(2020, 6, 18), method="persuasion")
    job = make_job(officer, HEADER_EN + "A1,杨秀兰,,1950-07,f,,,\n", language="zh-hans")
    assert bulk.run_job(job)
    header, hit = results_of(job)
    assert header[:8] == ["行号", "编号", "姓名", "错误信息", "命中数", "人员 1", "案件编号 1", "状态 1"]
    assert hit[5:8] == ["杨秀兰", "ZT-2016-00001, ZT-2016-00002", "在逃, 已追回"]
    assert hit[10] == "已追回（2020-06-18）"


def open_case_of(officer, case, number, person):
    from repatria.cases.services import open_case

    return open_case(
        actor=officer, number=number, title="另案", province=case.province, lead_organisation=case.lead_organisation,
        opened_on=case.opened_on, persons={person: "principal"},
    )  # fmt: skip


@pytest.mark.django_db
def test_the_rows_go_in_chunks_each_a_checkpoint(officer, case):
    job = make_job(officer, HEADER_EN + filler(5))
    checkpoints = []
    bulk.run_job(job, chunk_rows=2, after_chunk=lambda done: checkpoints.append(
        (done, BulkJob.objects.get(pk=job.pk).rows_done, ScreeningLog.objects.count())
    ))  # fmt: skip
    assert checkpoints == [(2, 2, 2), (4, 4, 4), (5, 5, 5)]


class Crash(Exception):
    pass


def crash_after(chunks: int):
    seen = []

    def hook(done: int) -> None:
        seen.append(done)
        if len(seen) == chunks:
            raise Crash

    return hook


@pytest.mark.django_db
def test_a_job_stopped_between_chunks_resumes_and_gives_the_results_of_an_uninterrupted_run(officer, case):
    content = HEADER_EN + filler(7) + "A1,杨秀兰,,1950,,,,\n" + filler(4, 7) + "A2,,,,,,,\n"
    uninterrupted = make_job(officer, content)
    bulk.run_job(uninterrupted, chunk_rows=3)

    job = make_job(officer, content)
    with pytest.raises(Crash):
        bulk.run_job(job, chunk_rows=3, after_chunk=crash_after(2))
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (JobStatus.RUNNING, 6)
    paused = bulk.run_job(job, chunk_rows=3, stop=lambda: True)  # a SIGTERM: one more chunk, then stop
    assert paused is False
    job.refresh_from_db()
    assert job.rows_done == 9
    assert bulk.run_job(BulkJob.objects.get(pk=job.pk), chunk_rows=3)
    job.refresh_from_db()
    assert results_of(job) == results_of(uninterrupted)
    assert (job.rows_done, job.matches) == (uninterrupted.rows_done, uninterrupted.matches) == (13, 1)
    assert ScreeningLog.objects.count() == 2 * 12


@pytest.mark.django_db
def test_a_crash_after_writing_a_chunk_but_before_its_checkpoint_neither_repeats_nor_loses_lines(
    officer, case, monkeypatch
):
    content = HEADER_EN + filler(3) + "A1,杨秀兰,,,,,,\n" + filler(3, 3)
    uninterrupted = make_job(officer, content)
    bulk.run_job(uninterrupted, chunk_rows=2)

    job = make_job(officer, content)
    original = bulk.JobRunner._log
    calls = []

    def log_then_crash(self, screened):
        calls.append(1)
        original(self, screened)
        if len(calls) == 2:
            raise Crash  # inside the chunk's transaction: its part file is written, its checkpoint rolled back

    monkeypatch.setattr(bulk.JobRunner, "_log", log_then_crash)
    with pytest.raises(Crash):
        bulk.run_job(job, chunk_rows=2)
    monkeypatch.setattr(bulk.JobRunner, "_log", original)
    job.refresh_from_db()
    assert job.rows_done == 2
    assert (bulk.work_dir(job) / "part-000000002.csv").exists()  # written, not counted
    bulk.run_job(job, chunk_rows=2)
    assert results_of(job) == results_of(uninterrupted)
    job.refresh_from_db()
    assert job.matches == 1
    assert ScreeningLog.objects.count() == 2 * 7


@pytest.mark.django_db
def test_a_partner_job_raises_alerts_for_its_hits(case, person, partner, token_key):
    token_key()
    partner_user = ApiToken.objects.get(organisation=partner).user
    job = make_job(partner_user, HEADER_EN + "P1,楊秀蘭,,1950-07,,,,\n" + filler(2), language="en")
    bulk.run_job(job)
    alert = Alert.objects.get()
    assert (alert.person, alert.case, alert.raised_by) == (person, case, partner)
    assert alert.query["properties"]["name"] == ["楊秀蘭"]
    assert alert.context == "bulk screening travellers.csv, row 2"
    assert alert.log.channel == Channel.BULK and alert.log.user == partner_user


@pytest.mark.django_db
def test_an_officer_is_shown_hits_only_on_persons_they_may_see(case, person, province):
    from repatria.accounts.models import Organisation, OrganisationKind
    from repatria.geo.models import Province

    elsewhere = Organisation.objects.create(
        name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=Province.objects.get(code="330000")
    )
    other = User.objects.create_user("zj", role=Role.PROVINCIAL_OFFICER, organisation=elsewhere)
    job = make_job(other, HEADER_EN + "A1,杨秀兰,,1950-07,,,,\n")
    bulk.run_job(job)
    job.refresh_from_db()
    assert job.matches == 0
    assert results_of(job)[1][4] == "0"


@pytest.mark.django_db
def test_a_csv_of_more_rows_than_allowed_is_refused_at_upload(officer, monkeypatch):
    monkeypatch.setattr(bulk.source, "MAX_ROWS", 3)
    with translation.override("en"), pytest.raises(bulk.BulkFileError, match="more than 3 rows"):
        make_job(officer, HEADER_EN + filler(4))
    assert not BulkJob.objects.exists()
    assert make_job(officer, HEADER_EN + filler(3) + "\n,,,\n\n").status == JobStatus.QUEUED


@pytest.mark.django_db
def test_an_xlsx_of_more_rows_than_allowed_fails_in_the_worker_with_the_reason(officer, monkeypatch):
    monkeypatch.setattr(bulk.source, "MAX_ROWS", 3)
    job = make_job(officer, xlsx([["name"], *([f"Traveller {n}"] for n in range(4))]), "travellers.xlsx")
    assert bulk.run_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "3" in job.error


# The worker ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_worker_screens_the_queued_jobs_and_resumes_those_left_running(officer, case):
    queued = make_job(officer, HEADER_EN + filler(3))
    left = make_job(officer, HEADER_EN + filler(5) + "A1,杨秀兰,,,,,,\n")
    with pytest.raises(Crash):
        bulk.run_job(left, chunk_rows=2, after_chunk=crash_after(1))
    out = io.StringIO()
    call_command("screening_worker", "--once", "--chunk-rows", "2", stdout=out)
    for job in (queued, left):
        job.refresh_from_db()
        assert job.status == JobStatus.DONE and job.rows_done == job.total_rows
    assert left.matches == 1
    assert f"screening job {left.pk} ({left.name}) from row 2" in out.getvalue()


@contextlib.contextmanager
def another_workers_lock():
    """The worker lock as a worker in another process would take it: on PostgreSQL, through a connection of its own."""
    other = connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
    lock = AdvisoryLock(other) if other else worker_lock()
    try:
        yield lock
    finally:
        lock.release()
        if other:
            other.close()


def dies(lock) -> None:
    """The worker holding the lock is killed: its connection, or its open file, ends with it."""
    if isinstance(lock, AdvisoryLock):
        lock.connection.close()
    else:
        os.close(lock.fd)
        lock.fd = None


@pytest.mark.django_db
def test_one_worker_at_a_time_holds_the_lock_and_another_takes_over_when_it_dies():
    with another_workers_lock() as first, another_workers_lock() as second:
        assert first.acquire() and first.held()
        assert not second.acquire()
        dies(first)
        deadline = time.monotonic() + 5  # PostgreSQL ends the session a moment after its connection
        while not second.acquire() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.held()


@pytest.mark.django_db
def test_a_worker_started_while_another_holds_the_lock_leaves_the_jobs_to_it(officer):
    job = make_job(officer, HEADER_EN + filler(3))
    with another_workers_lock() as other:
        assert other.acquire()
        out = io.StringIO()
        call_command("screening_worker", "--once", stdout=out)
        assert "another worker is screening this database's jobs" in out.getvalue()
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED
    call_command("screening_worker", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
