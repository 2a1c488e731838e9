"""Case numbers by the configured pattern, one sequence a year; a provincial officer's new case is of their
province; the principal suspect is shown by name."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.cases.models import Case
from repatria.cases.numbering import next_case_number
from repatria.cases.services import open_case


def _open(officer, province, organisation, number="", year=2026) -> Case:
    return open_case(
        actor=officer, number=number, title="某案", province=province, lead_organisation=organisation,
        opened_on=datetime.date(year, 3, 1),
    )  # fmt: skip


@pytest.mark.django_db
def test_a_case_without_a_number_gets_the_next_of_its_year(officer, province, organisation):
    assert _open(officer, province, organisation).number == "ZT-2026-00001"
    assert _open(officer, province, organisation).number == "ZT-2026-00002"
    assert _open(officer, province, organisation, year=2019).number == "ZT-2019-00001"
    _open(officer, province, organisation, number="ZT-2026-00003")  # typed by hand: skipped
    assert _open(officer, province, organisation).number == "ZT-2026-00004"


@pytest.mark.django_db
def test_the_pattern_is_a_setting(settings):
    settings.REPATRIA_CASE_NUMBER = "{year}粤追{seq:03d}"
    assert next_case_number(2026) == "2026粤追001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cases_opened_at_once_never_draw_the_same_number():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers anyway; the race is PostgreSQL's")
    numbers, barrier = [], threading.Barrier(4)

    def draw():
        barrier.wait()
        numbers.append(next_case_number(2030))
        connection.close()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [f"ZT-2030-0000{n}" for n in range(1, 5)]


@pytest.mark.django_db
def test_the_case_page_numbers_a_case_left_without_one(officer_client, person, province, organisation):
    data = {
        "principal": person.pk, "number": "", "title": "某案", "province": province.pk,
        "lead_organisation": organisation.pk, "supervision_level": "central", "opened_on": "2021-01-02",
        "amount_currency": "CNY",
    }  # fmt: skip
    response = officer_client.post(reverse("cases:case_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Case.objects.get().number == "ZT-2021-00001"


@pytest.mark.django_db
def test_the_principal_suspect_is_shown_by_name(officer_client, person):
    page = officer_client.get(reverse("cases:case_add"), {"principal": person.pk}).content.decode()
    assert f'type="hidden" name="principal" id="id_principal" value="{person.pk}"' in page
    assert 'value="杨秀兰 · 1950年7月 · 女"' in page


@pytest.mark.django_db
def test_a_provincial_officers_province_is_prefilled(client, province, django_user_model):
    from repatria.accounts.testing import verified_login

    office = Organisation.objects.create(
        name_zh="广东省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=province
    )
    officer = django_user_model.objects.create_user("gd", password="correct horse 9", role="admin", organisation=office)
    verified_login(client, officer)
    page = client.get(reverse("cases:case_add")).content.decode()
    assert '<option value="440000" selected>' in page


@pytest.mark.django_db
def test_a_refusal_names_the_field_at_fault(client, province, django_user_model):
    from repatria.accounts.models import Role
    from repatria.accounts.testing import verified_login
    from repatria.geo.models import Province

    office = Organisation.objects.create(
        name_zh="广东省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=province
    )
    officer = django_user_model.objects.create_user(
        "gd", password="correct horse 9", role=Role.PROVINCIAL_OFFICER, organisation=office
    )
    verified_login(client, officer)
    data = {
        "number": "", "title": "某案", "province": Province.objects.get(code="330000").pk,
        "lead_organisation": office.pk, "supervision_level": "central", "opened_on": "2021-01-02",
        "amount_currency": "CNY",
    }  # fmt: skip
    response = client.post(reverse("cases:case_add"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    errors = response.context["form"].errors
    assert errors["province"] == ["填写此值后，该记录将超出您的工作范围。"]
    assert "不能这样保存：保存后该记录将超出您的工作范围。" in errors["__all__"]
