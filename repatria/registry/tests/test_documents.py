"""Identity document numbers: the PRC resident identity number's check character and birth date, PRC passport
formats, a sanity check elsewhere; the page and the import refuse a bad number in the same words."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from repatria.names.entity import normalise_document
from repatria.registry.documents import normalise, number_error
from repatria.registry.models import IdentityDocument, Person


@pytest.mark.parametrize(
    ("kind", "country", "number"),
    [
        ("id_card", "CN", "33010219610312018X"),
        ("id_card", "CN", "110101196001010011"),
        ("id_card", "CN", "330102610312001"),  # an old 15-digit number: its birth date is checked
        ("passport", "CN", "E12345678"),
        ("passport", "CN", "EA1234567"),
        ("passport", "CN", "G12345678"),
        ("passport", "CN", "e1234 5678"),  # typed loosely, stored as E12345678
        ("foreign_passport", "US", "A12345678"),
        ("passport", "US", "123456789"),
        ("other", "US", "x"),
    ],
)
def test_a_good_number_passes(kind, country, number):
    assert number_error(kind, country, number) == ""


@pytest.mark.parametrize(
    ("kind", "country", "number", "words"),
    [
        ("id_card", "CN", "330102196103120180", "wrong check character"),
        ("id_card", "CN", "110101196002300011", "no real day"),
        ("id_card", "CN", "110101299001010011", "no real day"),  # born in the future
        ("id_card", "CN", "1101011960010100", "18 characters"),
        ("id_card", "CN", "330102611312001", "no real day"),
        ("passport", "CN", "E1234567", "Chinese passport number"),
        ("passport", "CN", "EO1234567", "Chinese passport number"),  # no letter O
        ("passport", "CN", "X12345678", "Chinese passport number"),
        ("foreign_passport", "US", "E1", "5 to 20 letters and digits"),
        ("passport", "GB", "ABCDEFG", "5 to 20 letters and digits"),
    ],
)
def test_a_bad_number_says_what_is_wrong(kind, country, number, words):
    with translation.override("en"):
        assert words in number_error(kind, country, number)


def test_a_number_is_stored_without_spaces_in_capitals():
    assert normalise(" e 1234-5678 ") == "E12345678"


def test_a_number_is_stored_as_the_screening_engine_and_the_search_compare_it():
    assert normalise("ab.123/45 6") == normalise_document("ab.123/45 6") == "AB123456"


BAD_ID = "330102196103120180"
REFUSAL = "居民身份证号码“330102196103120180”的校验码不对"


@pytest.mark.django_db
def test_the_same_bad_number_is_refused_on_the_page_and_in_the_import(officer_client, person):
    page = officer_client.post(
        reverse("registry:identitydocument_add"),
        {"person": person.pk, "kind": "id_card", "number": BAD_ID, "country": "CN"},
    )
    assert page.status_code == 200 and REFUSAL in page.content.decode()
    rows = f"姓名,身份证号\n新人,{BAD_ID}\n"
    upload = SimpleUploadedFile("p.csv", rows.encode())
    imported = officer_client.post(reverse("registry:person_import"), {"file": upload, "action": "import"})
    assert imported.status_code == 200 and REFUSAL in imported.content.decode()
    assert not IdentityDocument.objects.exists() and Person.objects.count() == 1


@pytest.mark.django_db
def test_a_good_number_typed_loosely_is_stored_cleanly(officer_client, person):
    data = {"person": person.pk, "kind": "passport", "number": "e 1234 5678", "country": "CN"}
    assert officer_client.post(reverse("registry:identitydocument_add"), data).status_code == 302
    assert IdentityDocument.objects.get().number == "E12345678"
