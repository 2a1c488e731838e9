"""Hostile files sent to the import page, the bulk screening page and the bulk screening API: each is refused with a
clear reason in the user's language and nothing is stored; reading it costs under a second of CPU and under 50 MB of
memory above the idle process, measured in a process of its own (tests.security.measure) with the limits of each
caller: 50,000 rows to import, a million to screen.

Refusing a CSV of more rows than allowed, or of nothing but blank rows, takes reading the rows the limit lets
through: 50,000 to import, in a tenth of a second; a million to screen, in about 0.6 s of CPU on an idle machine and
up to twice that on a loaded one. Those two allow 3 s.

The long variants (bigger files, more shapes) are marked `fuzz`: `make fuzz` runs them, `make test` does not.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from repatria.registry.models import Person
from repatria.screening.models import BulkJob

from . import hostile
from .clients import partner_client

MB = hostile.MB
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Hostile:
    make: Callable[[Path], Path]
    zh: str  # the refusal, or a telling part of it, as a user reads it in Chinese
    en: str  # and in English
    bulk_seconds: float = 1.0  # CPU the bulk screening upload may take to refuse it
    bulk_megabytes: float = 50


PACKED_TOO_TIGHTLY = {"zh": "解压后超过压缩时的100倍", "en": "a part of it unpacks to over 100 times its size"}
TOO_MANY_ROWS = {"zh": "行，请拆分后再上传", "en": "rows; split it"}
UNREADABLE = {"zh": "无法读取文件：请上传 CSV 文件", "en": "The file cannot be read: upload a CSV file"}
ENTITIES = {"zh": "声明了 XML 实体或文档类型", "en": "declares XML entities or a document type"}
UNPACKS_TOO_LARGE = {"zh": "解压后超过", "en": "unpacks to"}  # in all, or a part of it for its size
FILES = {
    "rows.xlsx": Hostile(lambda path: hostile.xlsx_of_rows(path, 2_000_000), **PACKED_TOO_TIGHTLY),
    "strings-bomb.xlsx": Hostile(lambda path: hostile.xlsx_strings_bomb(path, 64 * MB), **PACKED_TOO_TIGHTLY),
    "sheet-bomb.xlsx": Hostile(lambda path: hostile.xlsx_sheet_bomb(path, 64 * MB), **PACKED_TOO_TIGHTLY),
    "laughs.xlsx": Hostile(hostile.xlsx_entity_bomb, **ENTITIES),
    "parts.xlsx": Hostile(
        lambda path: hostile.xlsx_of_parts(path, 200_000), zh="由超过1,000个部分组成", en="more than 1,000 parts"
    ),
    "understating.xlsx": Hostile(lambda path: hostile.xlsx_understating(path, 64 * MB), **UNREADABLE),
    "rows.csv": Hostile(lambda path: hostile.csv_of_rows(path, 2_200_000), **TOO_MANY_ROWS, bulk_seconds=3),
    "line.csv": Hostile(
        lambda path: hostile.csv_of_one_line(path, 9 * MB), zh="第2行超过1 MB", en="Row 2 is larger than 1 MB"
    ),
    "blank.csv": Hostile(
        lambda path: hostile.csv_of_blank_rows(path, 2_200_000),
        zh="文件中连续的空行超过",
        en="empty rows one after another; delete them",
        bulk_seconds=3,
    ),
}
FUZZ_FILES = {
    "ten-million-rows.xlsx": Hostile(lambda path: hostile.xlsx_of_rows(path, 10_000_000), **UNPACKS_TOO_LARGE),
    "gigabyte-strings.xlsx": Hostile(lambda path: hostile.xlsx_strings_bomb(path, 1024 * MB), **UNPACKS_TOO_LARGE),
    "gigabyte-sheet.xlsx": Hostile(lambda path: hostile.xlsx_sheet_bomb(path, 1024 * MB), **UNPACKS_TOO_LARGE),
    "laughs-in-strings.xlsx": Hostile(lambda path: hostile.xlsx_entity_bomb(path, hostile.STRINGS), **ENTITIES),
    "wide-row.xlsx": Hostile(
        lambda path: hostile.xlsx_of_wide_row(path, 4 * MB), zh="第2行超过1 MB", en="Row 2 is larger than 1 MB"
    ),
    "undimensioned.xlsx": Hostile(
        lambda path: hostile.xlsx_undimensioned(path, 3_000_000),
        zh="工作表未注明其大小，且超过100,000行",
        en="does not state its size and has over 100,000 rows",
    ),
    "bzip2.xlsx": Hostile(hostile.xlsx_bzip2, **UNREADABLE),
    "twenty-million-rows.csv": Hostile(
        lambda path: hostile.csv_of_rows(path, 20_000_000), **TOO_MANY_ROWS, bulk_seconds=3
    ),
    "multiline-row.csv": Hostile(
        lambda path: hostile.csv_of_multiline_row(path, 9 * MB), zh="第2行超过1 MB", en="Row 2 is larger than 1 MB"
    ),
    "one-cell.csv": Hostile(
        lambda path: hostile.csv_of_one_cell(path, 40 * MB), zh="第2行超过1 MB", en="Row 2 is larger than 1 MB"
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Callable[[str], Path]:
    """The hostile file of a name, made the first time it is asked for."""
    made: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("hostile")

    def file(name: str) -> Path:
        if name not in made:
            made[name] = {**FILES, **FUZZ_FILES}[name].make(folder / name)
        return made[name]

    return file


def measure(path: Path) -> dict:
    """Reading `path` as the import page and as the bulk screening upload do, in a process of its own."""
    run = subprocess.run(  # noqa: S603 (this interpreter, this project's module)
        [sys.executable, "-m", "tests.security.measure", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(run.stdout)


def check_costs(path: Path, expected: Hostile) -> None:
    costs = measure(path)
    for entry, bounds in (("import", (1.0, 50)), ("bulk", (expected.bulk_seconds, expected.bulk_megabytes))):
        result = costs[entry]
        assert expected.en in (result["refusal"] or "accepted"), (entry, result)
        assert result["seconds"] < bounds[0], (entry, result)
        assert result["megabytes"] < bounds[1], (entry, result)


@pytest.mark.parametrize("name", FILES)
def test_reading_a_hostile_file_refuses_it_in_under_a_second_and_50_mb(files, name):
    check_costs(files(name), FILES[name])


@pytest.mark.fuzz
@pytest.mark.parametrize("name", FUZZ_FILES)
def test_reading_a_bigger_or_stranger_hostile_file_refuses_it_as_cheaply(files, name):
    check_costs(files(name), FUZZ_FILES[name])


# Through the pages and the API ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def nothing_stored() -> bool:
    return not (Person.objects.exists() or BulkJob.objects.exists() or Path(settings.MEDIA_ROOT).exists())


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_the_import_page_refuses_a_hostile_file_in_the_users_language(officer_client, files, name):
    with open(files(name), "rb") as f:
        response = officer_client.post(reverse("registry:person_import"), {"file": f, "action": "import"})
    assert response.status_code == 200
    assert FILES[name].zh in response.content.decode()
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_the_bulk_screening_page_refuses_a_hostile_file_in_the_users_language(officer_client, files, name):
    with open(files(name), "rb") as f:
        response = officer_client.post(reverse("screening:bulkjob_add"), {"file": f, "threshold": "0.7"})
    assert response.status_code == 200
    assert FILES[name].zh in response.content.decode()
    assert nothing_stored()


@pytest.fixture
def partner_api(officer) -> Client:
    return partner_client(issued_by=officer)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_the_bulk_screening_api_refuses_a_hostile_file_in_the_callers_language(partner_api, files, name):
    """In English here, as the caller's Accept-Language asks (the pages above show the default, Chinese)."""
    with open(files(name), "rb") as f:
        response = partner_api.post(
            "/api/match-bulk/default", {"file": f, "threshold": "0.7"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 400
    assert FILES[name].en in response.json()["file"][0]
    assert nothing_stored()
