"""Injection and markup typed into any text field are kept as text: stored as given, shown escaped, exported inert."""

import datetime
import io

import pytest
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from repatria.assets.services import record_asset
from repatria.cases.services import record_return, write_note
from repatria.geo.models import Country
from repatria.registry.models import IdentityDocument, PersonName, Relationship
from repatria.registry.services import record_whereabouts, refresh_names

PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE registry_person; --",
    "{{ request.user.password }} {% debug %}",
    "%(name)s %s ${7*7}",
    '=HYPERLINK("http://example.invalid","click")',
]


def fill_text_fields(obj: models.Model, payload: str) -> None:
    """Put the payload in every free-text field of the record (not codes, choices, dates or derived values)."""
    for field in obj._meta.concrete_fields:
        if type(field) in (models.CharField, models.TextField) and field.editable and not field.choices:
            setattr(obj, field.name, payload[: field.max_length] if field.max_length else payload)
    obj.save()


@pytest.fixture
def poisoned(officer, case, person):
    def make(payload: str):
        us = Country.objects.get(pk="US")
        name = PersonName.objects.get(person=person, kind="primary")
        name.name = payload
        name.save()
        refresh_names(person)
        records = [
            person,
            case,
            record_return(case=case, person=person, date=datetime.date(2017, 1, 1), method="arrest", country=us,
                          actor=officer),
            record_asset(actor=officer, case=case, kind="cash", description="x", jurisdiction=us),
            record_whereabouts(person=person, country=us, date_from="2016", actor=officer),
            Relationship.objects.create(person=person, relation="spouse", other_name="x"),
            IdentityDocument.objects.create(person=person, kind="passport", number="E1", country=us),
            case.lead_organisation,
        ]  # fmt: skip
        for record in records:
            fill_text_fields(record, payload)
        write_note(actor=officer, text=payload, case=case)
        return records

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_stored_as_given_and_shown_escaped(officer_client, poisoned, payload):
    records = poisoned(payload)
    person, case = records[0], records[1]
    person.refresh_from_db()
    assert person.display_name == payload
    for record in records:
        type(record).objects.get(pk=record.pk)  # readable back
    pages = [person.get_absolute_url(), case.get_absolute_url(), records[2].get_absolute_url(),
             records[3].get_absolute_url(), records[7].get_absolute_url(), reverse("registry:person_list"),
             reverse("cases:case_list"), reverse("cases:return_list"), reverse("assets:asset_list"),
             reverse("dashboard"), reverse("audit:history", args=["cases", "case", case.pk])]  # fmt: skip
    for url in pages:
        response = officer_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert payload.split("(")[0][:12] in page or escape(payload)[:12] in page, url


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_search_as_plain_text(officer_client, poisoned, payload):
    poisoned(payload)
    response = officer_client.get(reverse("registry:person_list"), {"q": payload})
    assert response.status_code == 200
    assert officer_client.get(reverse("cases:case_list"), {"q": payload}).status_code == 200


@pytest.mark.django_db
def test_exports_open_formulas_as_text(officer_client, poisoned):
    poisoned(PAYLOADS[-1])
    csv = b"".join(officer_client.get(reverse("registry:person_list"), {"export": "csv"}).streaming_content)
    assert "'=HYPERLINK" in csv.decode("utf-8-sig")
    xlsx = officer_client.get(reverse("cases:case_list"), {"export": "xlsx"})
    cells = [cell for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for cell in row]
    assert any(str(cell.value).startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.data_type == "f" for cell in cells)
