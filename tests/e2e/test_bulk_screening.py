"""Bulk screening in the browser: an officer uploads a file, watches the progress bar fill and downloads the results."""

import contextlib
import csv
import io
import threading

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker():
    """The screening worker in a thread of the test's process (which holds the test database), in small chunks."""
    from django.core.management import call_command
    from django.db import OperationalError, connection

    from repatria.screening import listing

    listing.LISTING.reset()  # another test's index would name persons of another database
    stop = threading.Event()

    def work() -> None:
        try:
            while not stop.is_set():
                # The shared in-memory test database refuses a locked table rather than wait: the next round
                # resumes the job from its last chunk, as a restarted worker would.
                with contextlib.suppress(OperationalError):
                    call_command("screening_worker", "--once", "--chunk-rows", "50", stdout=io.StringIO())
                stop.wait(0.3)
        finally:
            connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=30)
    listing.LISTING.reset()


def test_an_officer_screens_a_file_and_downloads_the_hit(
    page, sign_in, officer, case, person, worker, csp_violations, tmp_path
):
    rows = [["编号", "姓名", "出生日期"]]
    rows += [[f"T{n}", f"Traveller Number{n}", "1990"] for n in range(150)]
    rows += [["HIT", "楊秀蘭", "1950-07"]]
    rows += [[f"T{n}", f"Traveller Number{n}", "1991"] for n in range(150, 300)]
    upload = tmp_path / "旅客名单.csv"
    with open(upload, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)

    page.goto("/login/")
    sign_in(officer, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    page.goto("/screening/bulk/add/")
    page.set_input_files("#id_file", str(upload))
    page.locator("main form button[type=submit]").click()

    bar = page.locator("#bulk-bar")
    bar.wait_for()
    page.wait_for_selector('#bulk-bar[value="100"]', timeout=60_000)  # htmx polls the progress until done
    assert "301" in page.locator("#bulk-counts").inner_text()
    with page.expect_download() as download_info:
        page.locator('a[href$="/results/"]').click()
    download = download_info.value
    assert download.suggested_filename == "旅客名单-results.csv"
    lines = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))  # noqa: SIM115
    assert len(lines) == 302
    hit = next(line for line in lines if line[1] == "HIT")
    assert hit[:8] == ["152", "HIT", "楊秀蘭", "", "1", "杨秀兰", "ZT-2016-00001", "在逃"]  # case number, no id
    assert csp_violations == []
