"""No lost updates: a save from an older version is refused and shows both versions; nothing is lost."""

import pytest
from django.urls import reverse


def case_data(case, **changes):
    data = {"number": case.number, "title": case.title, "province": case.province_id, "opened_on": "2016-04-01",
            "fled_on": "2015-12-01", "lead_organisation": case.lead_organisation_id,
            "supervision_level": case.supervision_level, "amount_currency": "CNY",
            "expected_version": case.version}  # fmt: skip
    return data | changes


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_both_versions_and_a_second_save_keeps_yours(officer_client, case):
    url = reverse("cases:case_edit", args=[case.pk])
    stale = case_data(case, title="我的案名")
    assert officer_client.post(url, case_data(case, title="他人的案名")).status_code == 302

    response = officer_client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "他人的案名" in page and "我的案名" in page
    case.refresh_from_db()
    assert case.title == "他人的案名" and case.version == 2

    # The page now carries the saved version: saving again is a deliberate overwrite.
    assert f'name="expected_version" value="{case.version}"' in page
    assert officer_client.post(url, case_data(case, title="我的案名")).status_code == 302
    case.refresh_from_db()
    assert case.title == "我的案名" and case.version == 3


@pytest.mark.django_db
def test_a_service_change_also_makes_an_open_form_stale(officer_client, officer, case):
    from repatria.cases.services import change_status

    stale = case_data(case, title="我的案名")
    change_status(case=case, new="located", actor=officer)
    assert officer_client.post(reverse("cases:case_edit", args=[case.pk]), stale).status_code == 200
    case.refresh_from_db()
    assert case.title == "某局贪污案" and case.status == "located"
