"""Private files: a stored file reaches only those who may see its record, whatever URL it is asked for by.

Every stored file is found through the app registry (each model's file fields) and every URL that serves one through
the URL configuration (the views that name a `model` and a `file_field`, core.file_serving). A file field added later
is so tried without editing these tests, which fail until it is stored privately, has a view that serves it and a
file in `files_world`.

The URLs are those `make run` serves (DEBUG=true), under which the media folder used to be served by its path.
"""

import importlib
import io
from pathlib import Path, PurePosixPath

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import clear_url_caches, reverse
from PIL import Image

import repatria.urls
from repatria.accounts.models import Organisation, OrganisationKind, Role, Scope, User
from repatria.accounts.tests.world import build_world
from repatria.audit.models import AuditEntry, EntryKind
from repatria.core.private_files import PrivateStorage
from repatria.registry.models import Person
from repatria.screening import bulk
from repatria.screening.models import BulkJob, JobStatus

from .clients import partner_client, partner_token
from .routes import routes

TRAVELLERS = "编号,姓名,出生日期\nT1,甲某某,1960\nT2,Traveller One,1990\n"
OUT_OF_REACH = ["anonymous", "officer of province B", "partner of another organisation", "auditor"]


@pytest.fixture(autouse=True)
def _urls_as_make_run_serves_them(settings):
    debug = settings.DEBUG
    settings.DEBUG = True
    reload_urls()
    yield
    settings.DEBUG = debug
    reload_urls()


def reload_urls() -> None:
    """The URL configuration as it is built under the current DEBUG."""
    importlib.reload(repatria.urls)
    clear_url_caches()


def png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), colour).save(buffer, "PNG")
    return buffer.getvalue()


def travellers(name: str = "travellers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, TRAVELLERS.encode(), content_type="text/csv")


def signed_in(user: User, client: Client | None = None) -> Client:
    client = client or Client()
    client.force_login(user)
    return client


def partner_session(organisation: Organisation) -> Client:
    """A partner's system: its token for the API, and a session of the token's user for the pages."""
    issued = partner_token(issued_by=User.objects.get(username="setup"), organisation=organisation)
    return signed_in(issued.token.user, Client(HTTP_AUTHORIZATION=f"Token {issued.key}"))


def partner(name: str) -> Organisation:
    return Organisation.objects.create(name_zh=name, kind=OrganisationKind.PARTNER)


@pytest.fixture
def files_world(db) -> dict:
    """Province A's person with a photo and case with an attachment; bulk screenings, done, of an officer of province A
    and of partner P. (The world's attachment of province B, which its officers may read, is left out.)

    `readers` gives, for each record with a file, a client that may see the record; `clients` those who may not.
    """
    world = build_world()
    officer_a, officer_b = (
        User.objects.create_user(f"officer-{side}", role=Role.PROVINCIAL_OFFICER, organisation=world["offices"][side])
        for side in "AB"
    )
    person = world["records"]["A"]["person"]
    person.photo.save("face.png", ContentFile(png()))
    attachment = world["records"]["A"]["attachment"]
    world["records"]["B"]["attachment"].delete()
    officers_job = bulk.create_job(user=officer_a, uploaded=travellers(), threshold=0.7)
    partner_p = partner_session(partner("P 联络点"))
    response = partner_p.post("/api/match-bulk/default", {"file": travellers("partner.csv")})
    assert response.status_code == 202, response.content
    partners_job = BulkJob.objects.get(pk=response.json()["id"])
    for job in (officers_job, partners_job):
        assert bulk.run_job(job)
    officer_a_client = signed_in(officer_a)
    return {
        "readers": {
            ("registry.person", person.pk): officer_a_client,
            ("attachments.attachment", attachment.pk): officer_a_client,
            ("screening.bulkjob", officers_job.pk): officer_a_client,
            ("screening.bulkjob", partners_job.pk): partner_p,
        },
        "clients": {
            "anonymous": Client(),
            "officer of province B": signed_in(officer_b),
            "partner of another organisation": partner_session(partner("Q 联络点")),
            "auditor": signed_in(User.objects.create_user("auditor", role=Role.AUDITOR)),
        },
    }


# What is stored, and what serves it: found, not listed ------------------------------------------------------------


def file_fields() -> list[models.FileField]:
    return [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def stored_files() -> list[tuple[models.Model, str]]:
    """Every (record, field) that holds a file."""
    return [
        (record, field.name)
        for field in file_fields()
        for record in field.model._base_manager.exclude(**{field.name: ""}).order_by("pk")
    ]


def serving_url_names() -> dict[tuple[type[models.Model], str], list[str]]:
    """(model, field) → the names of the URLs whose views serve that field's files."""
    found: dict[tuple[type[models.Model], str], list[str]] = {}
    for route in routes():
        if getattr(route.view, "file_field", None):
            found.setdefault((route.view.model, route.view.file_field), []).append(route.name)
    return found


def urls_of(record: models.Model, field: str, pk: int | None = None) -> list[str]:
    names = serving_url_names().get((type(record), field), [])
    return [reverse(name, kwargs={"pk": record.pk if pk is None else pk}) for name in names]


def old_paths(record: models.Model, field: str) -> list[str]:
    """Where the media folder served it, and guesses by the record's sequential id (as results were named)."""
    name = PurePosixPath(getattr(record, field).name)
    return [f"/media/{name}", f"/media/{name.parent}/{record.pk}{name.suffix}", f"/media/{name.parent}/"]


def label(record: models.Model) -> tuple[str, int]:
    return record._meta.label_lower, record.pk


def file_reads(record: models.Model) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            kind=EntryKind.VIEW,
            object_type=ContentType.objects.get_for_model(type(record)),
            object_id=str(record.pk),
            after__has_key="file",
        ).order_by("seq")
    )


# The tests -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_file_field_is_stored_privately_served_by_a_view_and_tried_here(files_world):
    served = serving_url_names()
    tried = {(type(record), field) for record, field in stored_files()}
    fields = file_fields()
    assert fields
    for field in fields:
        key = (field.model, field.name)
        assert isinstance(field.storage, PrivateStorage), f"{field} is not stored in the private storage"
        assert key in served, f"no view serves {field}: give it one (core.file_serving.PrivateFileView)"
        assert key in tried, f"{field} has no file in files_world: store one there, so that its view is tried"


@pytest.mark.django_db
@pytest.mark.parametrize("who", OUT_OF_REACH)
def test_no_one_out_of_reach_gets_a_stored_file_by_any_url(files_world, who):
    client = files_world["clients"][who]
    for record, field in stored_files():
        guesses = [url for pk in (record.pk + 1, record.pk + 1000) for url in urls_of(record, field, pk)]
        for url in urls_of(record, field) + old_paths(record, field) + guesses:
            assert client.get(url).status_code == 404, (who, url)
        assert file_reads(record) == []


@pytest.mark.django_db
def test_the_api_refuses_results_with_404_whatever_the_reason(files_world):
    """No 401 or 403 to tell "no such job" from "not yours" or "not with this token" (a wrong key is still 401)."""
    job = BulkJob.objects.get(created_by__role=Role.PARTNER)
    url = reverse("api-match-bulk-results", args=[job.pk])
    reader = partner_client(issued_by=job.created_by, organisation=job.organisation, scope=Scope.READ)
    assert reader.get(url).status_code == 404
    assert Client().get(url).status_code == 404
    assert Client(HTTP_AUTHORIZATION="Token rpt_wrong").get(url).status_code == 401


@pytest.mark.django_db
def test_whoever_may_see_the_record_gets_the_file_and_the_read_is_logged(files_world):
    for record, field in stored_files():
        client = files_world["readers"][label(record)]
        stored = getattr(record, field)
        with stored.storage.open(stored.name, "rb") as f:
            content = f.read()
        for url in urls_of(record, field):
            reads = len(file_reads(record))
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"".join(response.streaming_content) == content, url
            assert response["X-Content-Type-Options"] == "nosniff"
            assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
            assert "filename=" in response["Content-Disposition"]
            assert "html" not in response["Content-Type"]
            logged = file_reads(record)
            assert len(logged) == reads + 1, url
            assert logged[-1].after == {"file": field}
            assert logged[-1].user == response.wsgi_request.user
        for url in old_paths(record, field):
            assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_a_photo_is_shown_as_the_image_it_is_and_results_download_as_csv(files_world):
    person = Person.objects.exclude(photo="").get()
    officer = files_world["readers"][label(person)]
    photo = officer.get(reverse("registry:person_photo", args=[person.pk]))
    assert photo["Content-Type"] == "image/png" and photo["Content-Disposition"].startswith("inline")
    page = officer.get(person.get_absolute_url()).content.decode()
    assert f'<img src="/persons/{person.pk}/photo/"' in page and "/media/" not in page

    job = BulkJob.objects.filter(created_by__role=Role.PROVINCIAL_OFFICER).get()
    results = officer.get(reverse("screening:bulkjob_results", args=[job.pk]))
    assert results["Content-Type"] == "text/csv"
    assert results["Content-Disposition"] == 'attachment; filename="travellers-results.csv"'
    source = officer.get(reverse("screening:bulkjob_source", args=[job.pk]))
    assert source["Content-Disposition"] == 'attachment; filename="travellers.csv"'
    assert (
        reverse("screening:bulkjob_source", args=[job.pk])
        in officer.get(reverse("screening:bulkjob", args=[job.pk])).content.decode()
    )


@pytest.mark.django_db
def test_stored_files_lie_outside_any_served_folder_under_names_nobody_can_guess(files_world, settings):
    for record, field in stored_files():
        stored = getattr(record, field)
        assert Path(stored.path).is_relative_to(settings.PRIVATE_ROOT)
        assert len(PurePosixPath(stored.name).stem) >= 32, stored.name  # 192 random bits, no id, no file name
        with pytest.raises(ValueError, match="no URL"):
            stored.url  # noqa: B018 (the access is what is tried)


@pytest.mark.django_db
def test_a_file_of_a_record_without_one_or_gone_from_disk_answers_404_like_a_stranger(files_world):
    person = Person.objects.exclude(photo="").get()
    officer = files_world["readers"][label(person)]
    url = reverse("registry:person_photo", args=[person.pk])
    Path(person.photo.path).unlink()
    assert officer.get(url).status_code == 404
    Person.objects.filter(pk=person.pk).update(photo="")
    assert officer.get(url).status_code == 404
    assert officer.get(reverse("registry:person_photo", args=[2**63])).status_code == 404
    job = BulkJob.objects.filter(created_by__role=Role.PROVINCIAL_OFFICER).get()
    BulkJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # results only once done
    assert officer.get(reverse("screening:bulkjob_results", args=[job.pk])).status_code == 404
    assert file_reads(person) == []


# Upgrading an installation whose files were in the served media folder ----------------------------------------


def run_migration(app: str, name: str) -> None:
    for operation in importlib.import_module(f"repatria.{app}.migrations.{name}").Migration.operations:
        operation.code(apps, None)


@pytest.mark.django_db
def test_an_upgrade_moves_every_file_out_of_the_old_media_folder(
    settings, tmp_path, person, officer, django_capture_on_commit_callbacks
):
    legacy = settings.LEGACY_MEDIA_ROOT = tmp_path / "media"
    job = BulkJob.objects.create(
        created_by=officer, name="travellers.csv", threshold=0.7, status=JobStatus.DONE,
        source="screening/bulk/travellers.csv", results="screening/results/1.csv",
    )  # fmt: skip
    running = BulkJob.objects.create(
        created_by=officer, name="later.csv", threshold=0.7, status=JobStatus.RUNNING,
        source="screening/bulk/later.csv", rows_done=2,
    )  # fmt: skip
    Person.objects.filter(pk=person.pk).update(photo="photos/face.png")
    old = {
        "photos/face.png": png(),
        "photos/replaced.png": png("blue"),  # a photo since replaced: no record names it
        "screening/bulk/travellers.csv": TRAVELLERS.encode(),
        "screening/results/1.csv": b"\xef\xbb\xbfrow,id\n",
        "screening/bulk/later.csv": TRAVELLERS.encode(),
        f"screening/work/{running.pk}/job.json": b'{"dataset": "default", "language": "en"}',
        f"screening/work/{running.pk}/part-000000000.csv": b"2,T1,\n",
    }
    for name, content in old.items():
        (legacy / name).parent.mkdir(parents=True, exist_ok=True)
        (legacy / name).write_bytes(content)

    with django_capture_on_commit_callbacks(execute=True):
        run_migration("registry", "0006_private_photos")
        run_migration("screening", "0002_private_files")

    assert not legacy.exists()  # nothing left where files used to be served
    person.refresh_from_db()
    job.refresh_from_db()
    running.refresh_from_db()
    for record, field, name in (
        (person, "photo", "photos/face.png"),
        (job, "source", "screening/bulk/travellers.csv"),
        (job, "results", "screening/results/1.csv"),
        (running, "source", "screening/bulk/later.csv"),
    ):
        stored = getattr(record, field)
        assert stored.name.startswith(str(PurePosixPath(name).parent)) and len(PurePosixPath(stored.name).stem) >= 32
        assert Path(stored.path).read_bytes() == old[name]
    assert (Path(settings.PRIVATE_ROOT) / "photos/replaced.png").read_bytes() == old["photos/replaced.png"]
    response = signed_in(officer).get(reverse("registry:person_photo", args=[person.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == old["photos/face.png"]
    assert bulk.run_job(running)  # the running job resumes from its checkpoint, with the parts it had written
    with running.results.open("rb") as f:
        assert f.read().decode("utf-8-sig").splitlines()[1:] == ["2,T1,"]
