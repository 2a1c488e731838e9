"""The cases' pages: returns recorded from a case, status and stage moves, and persons joining a case."""

import pytest
from django.urls import reverse

from repatria.assets.services import record_asset
from repatria.cases.models import CasePerson
from repatria.geo.models import Country
from repatria.registry.services import create_person


@pytest.mark.django_db
def test_a_return_is_recorded_from_the_case_page(officer_client, case, person):
    url = reverse("cases:return_add")
    assert officer_client.get(url, {"case": case.pk}).status_code == 200
    data = {"case": case.pk, "person": person.pk, "date": "2016-11-16", "country": "US", "method": "surrender"}
    response = officer_client.post(url, data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "returned"
    assert "投案自首" in officer_client.get(case.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_refused_status_change_says_why(officer_client, case):
    url = reverse("cases:case_status", args=[case.pk])
    response = officer_client.post(url, {"new": "returned", "version": case.version}, follow=True)
    case.refresh_from_db()
    assert case.status == "at_large"
    assert "登记追回后案件才会标为已追回" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("record", "move"), [("case", {"new": "located"}), ("asset", {"new": "frozen"})])
def test_a_move_from_an_older_version_is_refused(officer_client, case, record, move):
    """Two officers open the page; the second one's move, based on what they saw, must not undo the first's."""
    moved = (
        case
        if record == "case"
        else record_asset(
            actor=None, case=case, kind="cash", description="存款", jurisdiction=Country.objects.get(pk="US")
        )
    )
    url = reverse(f"{moved._meta.app_label}:{record}_{'status' if record == 'case' else 'stage'}", args=[moved.pk])
    seen = moved.version
    assert officer_client.post(url, {**move, "version": seen}).status_code == 302
    moved.refresh_from_db()
    first = (moved.version, getattr(moved, "status" if record == "case" else "stage"))
    response = officer_client.post(url, {**move, "version": seen}, follow=True)
    assert "他人在您查看期间更改了" in response.content.decode()
    moved.refresh_from_db()
    assert (moved.version, getattr(moved, "status" if record == "case" else "stage")) == first


@pytest.mark.django_db
def test_a_person_joins_a_case_through_the_picker_and_leaves_it(officer_client, case):
    accomplice = create_person(names=[("林某某", "primary")])
    url = reverse("cases:caseperson_add")
    assert 'hx-get="/persons/autocomplete/"' in officer_client.get(url, {"case": case.pk}).content.decode()
    response = officer_client.post(url, {"case": case.pk, "person": accomplice.pk, "role": "accomplice"})
    assert response.url == case.get_absolute_url()
    membership = CasePerson.objects.get(person=accomplice)
    response = officer_client.post(reverse("cases:caseperson_delete", args=[membership.pk]))
    assert response.url == case.get_absolute_url()
    assert not CasePerson.objects.filter(person=accomplice).exists()


@pytest.mark.django_db
def test_a_case_opened_from_a_person_page_has_that_person_as_principal(officer_client, person, province, organisation):
    page = officer_client.get(reverse("cases:case_add"), {"principal": person.pk}).content.decode()
    assert f'name="principal" id="id_principal" value="{person.pk}"' in page
    data = {
        "principal": person.pk, "number": "ZT-2020-00009", "title": "某案", "province": province.pk,
        "lead_organisation": organisation.pk, "supervision_level": "central", "opened_on": "2020-01-02",
        "amount_currency": "CNY",
    }  # fmt: skip
    response = officer_client.post(reverse("cases:case_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert person.case_memberships.get().role == "principal"
