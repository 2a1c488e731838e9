"""attach(): what it records, what it refuses, and that a refusal or a failure leaves nothing behind."""

import datetime
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.assets.services import record_asset
from repatria.attachments import services
from repatria.attachments.models import Attachment
from repatria.cases.models import Event, EventKind
from repatria.cases.services import record_return
from repatria.core.events import describe
from repatria.core.services import RuleError
from repatria.geo.models import Country

PDF = b"%PDF-1.4\n%synthetic judgment\n%%EOF\n"


def upload(content: bytes = PDF, name: str = "judgment.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def bomb() -> bytes:
    """A "document" whose zip lists far more parts than any has: zipfile would make an object of each."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
        for number in range(2_000):
            archive.writestr(f"p/{number}", "")
    return buffer.getvalue()


def stored(settings) -> list[Path]:
    return [path for path in Path(settings.PRIVATE_ROOT).rglob("*") if path.is_file()]


def refuse_everything(file) -> str:
    return "EICAR test signature"


def pass_everything(file) -> None:
    assert file.read(5) == b"%PDF-"  # the scanner reads the file itself


def break_down(file) -> str:
    raise ConnectionError("the scanner is down")


@pytest.mark.django_db
def test_a_file_is_stored_privately_with_its_hash_size_and_type_and_put_on_the_timeline(case, officer, settings):
    attachment = services.attach(actor=officer, file=upload(), kind="judgment", description="一审判决", case=case)

    attachment.refresh_from_db()
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.size == len(PDF)
    assert attachment.content_type == "application/pdf"
    assert attachment.name == "judgment.pdf"
    assert attachment.uploaded_by == officer and attachment.uploaded_at is not None
    assert Path(attachment.file.path).is_relative_to(settings.PRIVATE_ROOT)
    assert Path(attachment.file.path).read_bytes() == PDF
    event = Event.objects.get(kind=EventKind.ATTACHED)
    assert (event.case, event.person, event.actor) == (case, None, officer)
    with translation.override("zh-hans"):
        assert describe(event) == "附加文件：判决书“judgment.pdf”"
    with translation.override("en"):
        assert describe(event) == "File attached: judgment “judgment.pdf”"


@pytest.mark.django_db
def test_the_type_is_read_from_the_content_and_names_the_download(case, officer):
    word = services.attach(actor=officer, file=upload(docx(), "通缉令.bin"), kind="warrant", case=case)
    assert (word.content_type, word.name) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "通缉令.docx",
    )
    assert word.file.name.endswith(".docx")


@pytest.mark.django_db
def test_files_hang_from_a_person_a_return_or_an_asset_and_reach_their_timelines(case, person, officer):
    us = Country.objects.get(pk="US")
    ret = record_return(case=case, person=person, date=datetime.date(2019, 1, 1), method="arrest", country=us,
                        actor=officer)  # fmt: skip
    asset = record_asset(actor=officer, case=case, kind="cash", description="现金", jurisdiction=us)
    for target in ({"person": person}, {"return_record": ret}, {"asset": asset}):
        attachment = services.attach(actor=officer, file=upload(), kind="notice", **target)
        assert attachment.target == next(iter(target.values()))
        assert attachment.get_absolute_url() == attachment.target.get_absolute_url()
    events = Event.objects.filter(kind=EventKind.ATTACHED).order_by("pk")
    assert [(e.case, e.person) for e in events] == [(None, person), (case, person), (case, None)]


@pytest.mark.django_db
def test_a_file_hangs_from_exactly_one_record(case, person, officer):
    for targets in ({}, {"case": case, "person": person}, {"case": None}):
        with pytest.raises(ValueError, match="exactly one"):
            services.attach(actor=officer, file=upload(), kind="other", **targets)
    assert not Attachment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "judgment.pdf"),  # a page named as a PDF
        (b"MZ\x90\x00\x03\x00\x00\x00", "photo.jpg"),  # a program named as a photo
        (b"PK\x03\x04not really a zip", "notice.docx"),
        (bomb(), "judgment.docx"),  # its directory is refused before it is read
        (b"plain text", "notes.txt"),
    ],
)
def test_a_type_not_allowed_is_refused_by_its_content_and_nothing_is_stored(case, officer, settings, content, name):
    with pytest.raises(RuleError) as refused:
        services.attach(actor=officer, file=upload(content, name), kind="other", case=case)
    assert "不能附加此类文件" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists() and not stored(settings)


@pytest.mark.django_db
def test_the_allow_list_is_a_setting(case, officer, settings):
    settings.ATTACHMENT_TYPES = ["image/png"]
    with pytest.raises(RuleError):
        services.attach(actor=officer, file=upload(), kind="other", case=case)


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_saying_both_sizes(case, officer, settings):
    settings.ATTACHMENT_MAX_SIZE = 20
    with translation.override("en"), pytest.raises(RuleError) as refused:
        services.attach(actor=officer, file=upload(), kind="other", case=case)
    assert refused.value.message_dict["file"] == [
        f"The file is {len(PDF)}\xa0bytes: files of at most 20\xa0bytes may be attached."
    ]
    assert not Attachment.objects.exists() and not stored(settings)


@pytest.mark.django_db
def test_the_virus_scan_hook_refuses_a_file_and_nothing_is_stored(case, officer, settings):
    settings.ATTACHMENT_SCANNER = f"{__name__}.refuse_everything"
    with pytest.raises(RuleError) as refused:
        services.attach(actor=officer, file=upload(), kind="other", case=case)
    assert refused.value.message_dict["file"] == ["病毒扫描拒绝了此文件：EICAR test signature"]
    assert not Attachment.objects.exists() and not stored(settings)
    assert not Event.objects.filter(kind=EventKind.ATTACHED).exists()


@pytest.mark.django_db
def test_a_scanner_that_fails_refuses_the_file(case, officer, settings):
    settings.ATTACHMENT_SCANNER = f"{__name__}.break_down"
    with pytest.raises(RuleError, match="无法扫描"):
        services.attach(actor=officer, file=upload(), kind="other", case=case)
    assert not stored(settings)


@pytest.mark.django_db
def test_a_file_the_scanner_passes_is_stored_whole(case, officer, settings):
    settings.ATTACHMENT_SCANNER = f"{__name__}.pass_everything"
    attachment = services.attach(actor=officer, file=upload(), kind="other", case=case)
    assert Path(attachment.file.path).read_bytes() == PDF


@pytest.mark.django_db
def test_a_failure_while_writing_the_record_leaves_neither_record_nor_file(case, officer, settings, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.timeline, "attached", fail)
    with pytest.raises(RuntimeError):
        services.attach(actor=officer, file=upload(), kind="other", case=case)
    assert not Attachment.objects.exists() and not stored(settings)


@pytest.mark.django_db
def test_an_officer_may_not_attach_to_a_record_out_of_reach(case, settings):
    other = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE,
                                        province_id="330000")  # fmt: skip
    stranger = User.objects.create_user("stranger", role=Role.PROVINCIAL_OFFICER, organisation=other)
    with pytest.raises(RuleError):
        services.attach(actor=stranger, file=upload(), kind="other", case=case)
    assert not Attachment.objects.exists() and not stored(settings)


@pytest.mark.django_db
def test_a_deleted_attachment_loses_its_file_once_committed(case, officer, django_capture_on_commit_callbacks):
    attachment = services.attach(actor=officer, file=upload(), kind="other", case=case)
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.attach(actor=officer, file=upload(), kind="other", case=case)
        case.delete()  # with the record it hangs from
    assert not list(path.parent.iterdir())
