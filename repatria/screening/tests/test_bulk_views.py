"""Bulk screening pages and API: upload, refusals, who sees which job, progress, results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from repatria.accounts.models import Organisation, OrganisationKind, Role, Scope, User
from repatria.screening import bulk
from repatria.screening.models import BulkJob, JobStatus

CSV = "id,name,birth_date\nA1,杨秀兰,1950-07\nA2,Traveller One,1990\n"


def csv_file(content: str = CSV, name: str = "travellers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_office(db) -> Organisation:
    return Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE)


# Pages ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_officer_uploads_a_file_follows_it_and_downloads_the_results(provincial_officer, case, person):
    client = signed_in(provincial_officer)
    page = client.get(reverse("screening:bulkjob_add"))
    assert page.status_code == 200 and 'value="0.7"' in page.content.decode()
    response = client.post(reverse("screening:bulkjob_add"), {"file": csv_file(), "threshold": "0.7"})
    job = BulkJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("screening:bulkjob", args=[job.pk])
    assert (job.created_by, job.organisation, job.status) == (provincial_officer, case.lead_organisation, "queued")

    page = client.get(response.url).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page
    assert client.get(reverse("screening:bulkjob_results", args=[job.pk])).status_code == 404  # not done

    bulk.run_job(job)
    progress = client.get(reverse("screening:bulkjob_progress", args=[job.pk])).content.decode()
    assert 'value="100"' in progress and "hx-trigger" not in progress  # the polling stops when done
    results_url = reverse("screening:bulkjob_results", args=[job.pk])
    assert results_url in progress
    download = client.get(results_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="travellers-results.csv"')
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "A1,杨秀兰,,1,杨秀兰,ZT-2016-00001,在逃," in body
    listing = client.get(reverse("screening:bulkjob_list")).content.decode()
    assert "travellers.csv" in listing and results_url in listing


@pytest.mark.django_db
def test_a_refused_file_is_shown_with_the_reason_and_nothing_is_stored(officer_client, settings):
    response = officer_client.post(
        reverse("screening:bulkjob_add"), {"file": csv_file("编号,出生日期\n1,1950\n"), "threshold": "0.7"}
    )
    assert response.status_code == 200
    assert "姓名" in response.content.decode() and "invalid-feedback" in response.content.decode()
    assert not BulkJob.objects.exists()
    assert not any(path.is_file() for path in settings.PRIVATE_ROOT.rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_only_officers_may_upload_or_see_the_pages(role, organisation):
    client = signed_in(User.objects.create_user("u", role=role, organisation=organisation))
    assert client.get(reverse("screening:bulkjob_add")).status_code == 403
    assert client.post(reverse("screening:bulkjob_add"), {"file": csv_file(), "threshold": "0.7"}).status_code == 403
    assert client.get(reverse("screening:bulkjob_list")).status_code == 403
    assert not BulkJob.objects.exists()


@pytest.mark.django_db
def test_an_officer_sees_only_their_organisations_jobs_and_an_administrator_all(
    provincial_officer, organisation, other_office, officer
):
    colleague = User.objects.create_user("colleague", role=Role.AGENCY_OFFICER, organisation=organisation)
    stranger = User.objects.create_user("stranger", role=Role.PROVINCIAL_OFFICER, organisation=other_office)
    ours = bulk.create_job(user=colleague, uploaded=csv_file(name="ours.csv"), threshold=0.7)
    theirs = bulk.create_job(user=stranger, uploaded=csv_file(name="theirs.csv"), threshold=0.7)
    client = signed_in(provincial_officer)
    listing = client.get(reverse("screening:bulkjob_list")).content.decode()
    assert "ours.csv" in listing and "theirs.csv" not in listing
    assert client.get(reverse("screening:bulkjob", args=[ours.pk])).status_code == 200
    for name in ("screening:bulkjob", "screening:bulkjob_progress", "screening:bulkjob_results"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    listing = signed_in(officer).get(reverse("screening:bulkjob_list")).content.decode()
    assert "ours.csv" in listing and "theirs.csv" in listing


# API -----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_partner_sends_a_file_follows_the_job_and_fetches_the_results(partner_api, case, person):
    from repatria.screening.models import Alert

    response = partner_api.post("/api/match-bulk/default", {"file": csv_file(), "threshold": "0.7"})
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    assert response.json()["url"].endswith(f"/api/match-bulk/jobs/{job_id}")
    assert response["Location"] == response.json()["url"]
    status = partner_api.get(f"/api/match-bulk/jobs/{job_id}").json()
    assert (status["status"], status["done"], status["results_url"]) == ("queued", 0, None)
    assert partner_api.get(f"/api/match-bulk/jobs/{job_id}/results").status_code == 409

    bulk.run_job(BulkJob.objects.get(pk=job_id))
    status = partner_api.get(f"/api/match-bulk/jobs/{job_id}").json()
    assert (status["status"], status["total"], status["done"], status["matches"]) == ("done", 2, 2, 1)
    results = partner_api.get(f"/api/match-bulk/jobs/{job_id}/results")
    assert results.status_code == 200 and results["Content-Type"].startswith("text/csv")
    body = b"".join(results.streaming_content).decode("utf-8-sig")
    assert "A1,杨秀兰,,1,杨秀兰,,,0.9" in body  # a partner is not told the cases: they are not theirs to see
    assert Alert.objects.get().person == person  # a partner's hit raises an alert


@pytest.mark.django_db
def test_the_api_refuses_a_bad_file_an_unknown_dataset_and_a_token_without_the_screening_scope(partner_api, token_key):
    refused = partner_api.post("/api/match-bulk/default", {"file": csv_file("x\n1\n"), "threshold": "0.7"})
    assert refused.status_code == 400 and "file" in refused.json()
    assert partner_api.post("/api/match-bulk/everyone", {"file": csv_file()}).status_code == 404
    reader = Client(HTTP_AUTHORIZATION=f"Token {token_key([Scope.READ])}")
    assert reader.post("/api/match-bulk/default", {"file": csv_file()}).status_code == 403
    assert Client().post("/api/match-bulk/default", {"file": csv_file()}).status_code == 401
    assert not BulkJob.objects.exists()


@pytest.mark.django_db
def test_a_partner_sees_only_its_organisations_jobs(partner_api, provincial_officer):
    officers_job = bulk.create_job(user=provincial_officer, uploaded=csv_file(), threshold=0.7)
    assert partner_api.get(f"/api/match-bulk/jobs/{officers_job.pk}").status_code == 404
    assert partner_api.get(f"/api/match-bulk/jobs/{officers_job.pk}/results").status_code == 404
    assert partner_api.get("/api/match-bulk/jobs/99999999999999999999999").status_code == 404
    assert BulkJob.objects.filter(status=JobStatus.QUEUED).count() == 1
