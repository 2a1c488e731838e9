"""The request pages as officers use them: drafting from a case, the basis suggested, what is missing listed in plain
words, a refused move saying why, a second officer's approval, a check decided on the page."""

import pytest
from django.urls import reverse

from repatria.accounts.testing import verified_login
from repatria.cooperation.models import CheckCode, CheckState, Request, RequestState

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter_client(client, drafter):
    verified_login(client, drafter)
    return client


def test_an_officer_drafts_a_request_from_the_case_and_sees_the_basis_and_what_is_missing(
    drafter_client, case, person, argentina
):
    form = drafter_client.get(reverse("cooperation:request_add") + f"?case={case.pk}").content.decode()
    assert "杨秀兰" in form  # the case's persons are offered
    data = {
        "direction": "outgoing",
        "kind": "extradition",
        "case": case.pk,
        "persons": [person.pk],
        "country": "AR",
        "organisation": case.lead_organisation_id,
        "channel": "diplomatic",
        "urgency": "normal",
    }
    response = drafter_client.post(reverse("cooperation:request_add"), data)
    request = Request.objects.get()
    assert response.status_code == 302 and response.url == request.get_absolute_url()
    page = drafter_client.get(request.get_absolute_url()).content.decode()
    assert "联合国反腐败公约" in page and "阿根廷" in page
    assert "发出前尚缺以下各项" in page and "事实陈述（尚未决定）" in page
    case_page = drafter_client.get(case.get_absolute_url()).content.decode()
    assert request.number in case_page


def test_a_move_the_checks_forbid_is_refused_with_the_reasons(drafter_client, draft):
    Request.objects.filter(pk=draft.pk).update(state=RequestState.APPROVED)
    data = {"new": "sent", "version": draft.version}
    page = drafter_client.post(reverse("cooperation:request_move", args=[draft.pk]), data, follow=True)
    body = page.content.decode()
    assert "以下各项未完成，请求不能继续" in body and "事实陈述" in body
    draft.refresh_from_db()
    assert draft.state == RequestState.APPROVED


def test_the_drafter_may_not_approve_but_a_second_officer_may(client, drafter_client, draft, officer):
    url = reverse("cooperation:request_move", args=[draft.pk])
    drafter_client.post(url, {"new": "review", "version": draft.version})
    draft.refresh_from_db()
    body = drafter_client.post(url, {"new": "approved", "version": draft.version}, follow=True).content.decode()
    assert "请求须由起草人以外的人员批准" in body
    verified_login(client, officer)
    client.post(url, {"new": "approved", "version": draft.version})
    draft.refresh_from_db()
    assert (draft.state, draft.approved_by) == (RequestState.APPROVED, officer)


def test_a_check_is_waived_on_the_page_with_a_reason(drafter_client, draft, drafter):
    check = draft.checks.get(code=CheckCode.TIME_LIMITS)
    url = reverse("cooperation:request_check", args=[draft.pk, check.pk])
    refused = drafter_client.post(url, {"new": "waived", "reason": "", "version": check.version}, follow=True)
    assert "请说明豁免理由" in refused.content.decode()
    drafter_client.post(url, {"new": "waived", "reason": "在逃期间不计时效", "version": check.version})
    check.refresh_from_db()
    assert (check.state, check.decided_by, check.reason) == (CheckState.WAIVED, drafter, "在逃期间不计时效")


def test_another_provinces_request_is_not_found(client, draft, django_user_model):
    from repatria.accounts.models import Organisation, OrganisationKind, Role
    from repatria.geo.models import Province

    other = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE,
                                        province=Province.objects.get(code="330000"))  # fmt: skip
    stranger = django_user_model.objects.create_user("stranger", role=Role.PROVINCIAL_OFFICER, organisation=other)
    verified_login(client, stranger)
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("cooperation:request_list")).content.decode()
    assert draft.number not in listing


def test_the_letters_and_the_bundle_are_downloaded_and_logged(drafter_client, draft, drafter):
    import io
    import zipfile

    from django.core.files.base import ContentFile
    from pypdf import PdfReader

    from repatria.attachments.services import attach
    from repatria.audit.models import AuditEntry

    attach(actor=drafter, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="warrant.pdf"), kind="warrant", request=draft)
    zh = drafter_client.get(reverse("cooperation:request_document", args=[draft.pk, "zh"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(zh.content)).pages)
    assert "引渡" in text and draft.number in text and "联合国反腐败公约" in text and "杨秀兰" in text
    en = drafter_client.get(reverse("cooperation:request_document", args=[draft.pk, "en"]))
    english = "".join(page.extract_text() for page in PdfReader(io.BytesIO(en.content)).pages)
    assert "Request for extradition" in english and "Argentina" in english and "Statement of facts" in english
    bundle = drafter_client.get(reverse("cooperation:request_document", args=[draft.pk, "bundle"]))
    archive = zipfile.ZipFile(io.BytesIO(bundle.content))
    index = archive.read("index.txt").decode()
    names = set(archive.namelist())
    assert {f"{draft.number}-zh.pdf", f"{draft.number}-en.pdf", "attachments/01-warrant.pdf"} <= names
    import hashlib

    for name in names - {"index.txt"}:
        assert f"{hashlib.sha256(archive.read(name)).hexdigest()}  " in index
    reads = AuditEntry.objects.filter(kind="view", object_id=str(draft.pk), object_type__model="request")
    assert reads.filter(after__file="bundle").exists() and reads.filter(after__file="zh").exists()


def test_the_office_edits_its_letter_template_and_the_letter_says_it(officer_client, draft):
    import io

    from pypdf import PdfReader

    from repatria.cooperation.models import LetterTemplate

    template = LetterTemplate.objects.get(language="zh-hans")
    url = reverse("cooperation:lettertemplate_edit", args=[template.pk])
    data = {"opening": "致{authority}：本办就{number}号请求致函。", "closing": "此致", "signature": "某办",
            "expected_version": template.version}  # fmt: skip
    assert officer_client.post(url, data).status_code == 302
    pdf = officer_client.get(reverse("cooperation:request_document", args=[draft.pk, "zh"])).content
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert f"本办就{draft.number}号请求致函" in text and "致阿根廷" in text


def test_a_request_past_its_deadline_or_long_unanswered_is_on_the_dashboard(drafter_client, draft, settings):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    Request.objects.filter(pk=draft.pk).update(state=RequestState.SENT, deadline=today - datetime.timedelta(days=1))
    panel = drafter_client.get(reverse("dashboard")).content.decode()
    assert draft.number in panel.split("overdue-requests", 1)[1]
    long_ago = today - datetime.timedelta(days=settings.REQUEST_ANSWER_DAYS + 1)
    Request.objects.filter(pk=draft.pk).update(deadline=None, sent_on=long_ago)
    assert draft.number in drafter_client.get(reverse("cooperation:request_list") + "?overdue=true").content.decode()
    Request.objects.filter(pk=draft.pk).update(state=RequestState.EXECUTED)
    assert draft.number not in drafter_client.get(reverse("dashboard")).content.decode()


def test_a_request_received_is_recorded_from_the_list_and_reviewed(drafter_client, organisation):
    import datetime

    from django.utils import timezone

    listing = drafter_client.get(reverse("cooperation:request_list")).content.decode()
    assert "?direction=incoming" in listing and "登记收到的请求" in listing
    received = timezone.localdate() - datetime.timedelta(days=3)
    data = {"direction": "incoming", "kind": "mla_bank_records", "foreign_case": "Causa 77/2026", "country": "AR",
            "organisation": organisation.pk, "channel": "central_authority", "urgency": "normal",
            "person_particulars": "某乙，1968年生", "received_on": received.isoformat()}  # fmt: skip
    response = drafter_client.post(reverse("cooperation:request_add") + "?direction=incoming", data)
    request = Request.objects.get()
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert (request.number[:3], request.state, request.sent_on) == ("IN-", RequestState.RECEIVED, received)
    page = drafter_client.get(request.get_absolute_url()).content.decode()
    assert "执行前尚缺以下各项" in page and "已附译文（尚未决定）" in page


def test_a_treaty_text_is_attached_by_foreign_affairs_and_read_by_officers(client, drafter, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from repatria.accounts.models import AgencyType, Organisation, OrganisationKind, Role
    from repatria.cooperation.models import Treaty

    treaty = Treaty.objects.create(country_id="AR", kind="mla", title_zh="（演示）中阿刑事司法协助条约", is_demo=True)
    ministry = Organisation.objects.create(name_zh="外交部条法司", kind=OrganisationKind.AGENCY,
                                           agency_type=AgencyType.FOREIGN_AFFAIRS)  # fmt: skip
    diplomat = django_user_model.objects.create_user("diplomat", role=Role.AGENCY_OFFICER, organisation=ministry)
    verified_login(client, diplomat)
    upload = SimpleUploadedFile("条约文本.pdf", b"%PDF-1.4\n%%EOF\n")
    response = client.post(reverse("attachments:attachment_add") + f"?treaty={treaty.pk}",
                           {"kind": "treaty_text", "file": upload, "treaty": treaty.pk})  # fmt: skip
    assert response.status_code == 302 and treaty.attachments.count() == 1
    verified_login(client, drafter)
    page = client.get(treaty.get_absolute_url()).content.decode()
    assert "条约文本.pdf" in page and "附加文件" not in page  # read, not attached, by a provincial officer


def test_a_nul_in_a_text_is_refused_by_the_api_not_by_the_database(officer_client):
    payload = {"country": "US", "kind": "mla", "title_zh": "条约\x00名称"}
    response = officer_client.post(reverse("treaty-list"), payload, content_type="application/json")
    assert response.status_code == 400 and "title_zh" in response.json()
