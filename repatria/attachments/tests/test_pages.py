"""Attachments on the records' pages: who may attach, see, download, correct and delete, and what each sees."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.accounts.testing import verified_login
from repatria.assets.services import record_asset
from repatria.attachments.models import Attachment
from repatria.attachments.services import attach
from repatria.audit.models import AuditEntry, EntryKind
from repatria.cases.services import record_return
from repatria.geo.models import Country

PDF = b"%PDF-1.4\n%synthetic warrant\n%%EOF\n"


def pdf(name: str = "warrant.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def signed_in(user: User) -> Client:
    client = Client()
    verified_login(client, user)
    return client


@pytest.fixture
def people(case, organisation) -> dict[str, User]:
    """Officers of the case's office, of another province, of a police agency assigned to the case; an auditor."""
    organisation.province_id = case.province_id
    organisation.save()
    zhejiang = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE,
                                           province_id="330000")  # fmt: skip
    police = Organisation.objects.create(name_zh="某公安机关", kind=OrganisationKind.AGENCY)
    case.assigned_organisations.add(police)
    make = User.objects.create_user
    return {
        "office": make("office", role=Role.PROVINCIAL_OFFICER, organisation=organisation),
        "colleague": make("colleague", role=Role.PROVINCIAL_OFFICER, organisation=organisation),
        "stranger": make("stranger", role=Role.PROVINCIAL_OFFICER, organisation=zhejiang),
        "police": make("police", role=Role.AGENCY_OFFICER, organisation=police),
        "auditor": make("auditor", role=Role.AUDITOR),
    }


def downloads(attachment: Attachment) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            kind=EntryKind.VIEW,
            object_type=ContentType.objects.get_for_model(Attachment),
            object_id=str(attachment.pk),
            after__has_key="file",
        )
    )


@pytest.mark.django_db
def test_an_officer_attaches_a_file_from_the_case_page_and_sees_it_listed_and_on_the_timeline(case, people):
    client = signed_in(people["office"])
    page = client.get(case.get_absolute_url()).content.decode()
    add = reverse("attachments:attachment_add") + f"?case={case.pk}"
    assert add in page and "尚无附件" in page

    form = client.get(add)
    assert form.status_code == 200 and 'type="file"' in form.content.decode()
    response = client.post(
        reverse("attachments:attachment_add"),
        {"case": case.pk, "kind": "warrant", "description": "逮捕令原件", "file": pdf()},
    )
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    attachment = Attachment.objects.get()
    assert (attachment.case, attachment.uploaded_by, attachment.kind) == (case, people["office"], "warrant")
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("attachments:attachment_file", args=[attachment.pk]) in page
    assert "warrant.pdf" in page and "逮捕令原件" in page and attachment.sha256[:10] in page
    assert "附加文件：逮捕令“warrant.pdf”" in page  # the timeline


@pytest.mark.django_db
def test_a_refused_file_is_named_on_the_form_and_nothing_is_saved(case, people, settings):
    client = signed_in(people["office"])
    response = client.post(
        reverse("attachments:attachment_add"),
        {"case": case.pk, "kind": "photo", "file": pdf("photo.jpg", b"<html>not a photo</html>")},
    )
    assert response.status_code == 200
    assert "不能附加此类文件" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_person_return_and_asset_pages_list_their_attachments(case, person, officer):
    us = Country.objects.get(pk="US")
    ret = record_return(case=case, person=person, date=datetime.date(2019, 1, 1), method="arrest", country=us,
                        actor=officer)  # fmt: skip
    asset = record_asset(actor=officer, case=case, kind="cash", description="现金", jurisdiction=us)
    client = signed_in(officer)
    for name, record in (("person", person), ("return_record", ret), ("asset", asset)):
        attachment = attach(actor=officer, file=pdf(f"{name}.pdf"), kind="notice", **{name: record})
        page = client.get(record.get_absolute_url()).content.decode()
        assert reverse("attachments:attachment_file", args=[attachment.pk]) in page, name
        assert f"?{name}={record.pk}" in page, name  # attach another
        assert client.get(reverse("attachments:attachment_add"), {name: record.pk}).status_code == 200


@pytest.mark.django_db
def test_who_may_see_download_correct_and_delete(case, people, django_capture_on_commit_callbacks):
    attachment = attach(actor=people["office"], file=pdf(), kind="warrant", case=case)
    file_url = reverse("attachments:attachment_file", args=[attachment.pk])
    edit_url = reverse("attachments:attachment_edit", args=[attachment.pk])
    delete_url = reverse("attachments:attachment_delete", args=[attachment.pk])

    police = signed_in(people["police"])  # works the case, but did not upload the file
    page = police.get(case.get_absolute_url()).content.decode()
    assert file_url in page and delete_url not in page
    assert police.get(delete_url).status_code == 404 and police.get(edit_url).status_code == 404

    stranger = signed_in(people["stranger"])
    assert stranger.get(file_url).status_code == 404
    assert stranger.get(reverse("attachments:attachment_add"), {"case": case.pk}).status_code == 404
    response = stranger.post(reverse("attachments:attachment_add"), {"case": case.pk, "kind": "other", "file": pdf()})
    assert Attachment.objects.count() == 1, response.status_code
    assert signed_in(people["auditor"]).get(reverse("attachments:attachment_add")).status_code == 403

    colleague = signed_in(people["colleague"])  # of the uploader's organisation
    assert delete_url in colleague.get(case.get_absolute_url()).content.decode()
    assert colleague.post(edit_url, {"kind": "judgment", "description": "更正"}).status_code == 302
    attachment.refresh_from_db()
    assert (attachment.kind, attachment.description) == ("judgment", "更正")
    with django_capture_on_commit_callbacks(execute=True):
        assert colleague.post(delete_url).status_code == 302
    assert not Attachment.objects.exists()
    deleted = AuditEntry.objects.get(kind=EntryKind.DELETE, object_type__model="attachment")
    assert deleted.user == people["colleague"] and deleted.before["sha256"] == attachment.sha256


@pytest.mark.django_db
def test_a_download_is_the_file_under_its_name_and_is_logged_as_a_read(case, people):
    attachment = attach(actor=people["office"], file=pdf("通缉令.pdf"), kind="warrant", case=case)
    police = signed_in(people["police"])
    response = police.get(reverse("attachments:attachment_file", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and "%E9%80%9A" in response["Content-Disposition"]
    [read] = downloads(attachment)
    assert read.user == people["police"] and read.after == {"file": "file"}
