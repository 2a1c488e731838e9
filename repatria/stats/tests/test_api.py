"""The statistics API: the page's figures, for officers' systems, within the caller's grants."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import Organisation, OrganisationKind, Scope
from repatria.accounts.testing import verified_login
from repatria.stats.models import Campaign, CampaignTarget

from .conftest import recover

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    verified_login(client, user)
    return client


def statistics(client: Client, **query):
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2021, 6, 1)):
        return client.get("/api/stats/statistics", query, HTTP_ACCEPT_LANGUAGE="en")


def test_the_figures_of_a_year_with_the_year_before_and_the_bulletin(world):
    data = statistics(signed_in(world.admin), period="2020").json()
    assert (data["returned"], data["countries"], Decimal(data["amount"])) == (2, 1, Decimal("780.00"))
    assert data["previous"]["returned"] == 4
    assert data["change"]["returned"] == {"difference": "-2.00", "ratio": -0.5}
    assert data["change"]["abroad"]["difference"] == "-2.00"  # 3 abroad at the end of 2019, 1 at the end of 2020
    assert {row["key"]: row["persons"] for row in data["by_method"] if row["persons"]} == {
        "arrest": 1, "caught_at_home": 1,
    }  # fmt: skip
    assert data["by_method"][0]["label"] == "extradition"  # the caller's language
    assert "追回外逃人员2人" in data["bulletin"]["zh-hans"]
    assert "2 fugitives" in data["bulletin"]["en"]


def test_a_provincial_officer_gets_their_provinces_figures_and_bulletin(world):
    for query in ({"province": "440000"}, {}):  # the province named or not: their records are its records
        data = statistics(signed_in(world.gd), period="2019", **query).json()
        assert data["returned"] == 2
        assert data["bulletin"]["zh-hans"].startswith("2019年，广东省共从")
        assert data["bulletin"]["en"].startswith("In 2019, Guangdong")


def test_the_dead_are_their_own_figure(world):
    data = statistics(signed_in(world.admin), period="2019").json()
    assert (data["returned"], data["died"]) == (4, 1)
    assert "death" not in {row["key"] for row in data["by_method"]}
    assert "另有1名外逃人员在境外死亡" in data["bulletin"]["zh-hans"]


def test_a_bad_query_is_refused_in_the_callers_language(world):
    response = statistics(signed_in(world.admin), period="2019-13")
    assert response.status_code == 400
    assert "not a valid date" in response.json()["period"][0]
    assert statistics(signed_in(world.admin), province="999999").status_code == 400


def test_a_missing_rate_leaves_every_figure_and_says_what_the_amount_lacks(world):
    recover(world.admin, world.case_E, "GB", "250", "GBP", datetime.date(2019, 8, 8))
    response = statistics(signed_in(world.admin), period="2019")
    assert response.status_code == 200
    data = response.json()
    assert (data["returned"], data["abroad"], Decimal(data["amount"])) == (4, 3, Decimal("12000000.00"))
    assert data["amount_complete"] is False
    assert [(u["currency"], u["day"], u["amount"]) for u in data["unconverted"]] == [("GBP", "2019-08-08", "250.00")]
    assert data["rates_to_enter"] == [{"currency": "GBP", "day": "2019-08-08"}]
    assert statistics(signed_in(world.admin), period="2020").json()["amount_complete"] is True


def test_partners_tokens_do_not_read_the_offices_figures(world):
    partner = Organisation.objects.create(name_zh="联络点", kind=OrganisationKind.PARTNER)
    key = tokens.issue_token(
        organisation=partner, name="系统", scopes=[Scope.READ, Scope.SCREENING],
        expires=timezone.now() + datetime.timedelta(days=30), created_by=world.admin,
    ).key  # fmt: skip
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/stats/statistics").status_code == 403


def test_campaign_results_against_targets(world):
    campaign = Campaign.objects.create(
        name_zh="天网2019", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2019, 12, 31)
    )
    CampaignTarget.objects.create(campaign=campaign, measure="returned", value=8)
    client = signed_in(world.zj)
    listed = client.get("/api/stats/campaigns/").json()["results"]
    assert listed[0]["targets"] == [{"measure": "returned", "value": "8.00"}]
    results = client.get(f"/api/stats/campaigns/{campaign.pk}/results/").json()
    assert results[0]["result"] == "2.00" and results[0]["share"] == 0.25  # Zhejiang's returns: C and D
    assert client.post("/api/stats/campaigns/", {}, content_type="application/json").status_code == 403


def test_administrators_keep_the_rates_through_the_api(world):
    client = signed_in(world.admin)
    payload = {"currency": "GBP", "date": "2019-08-01", "rate": "8.5"}
    created = client.post("/api/stats/exchangerates/", payload, content_type="application/json")
    assert created.status_code == 201
    again = client.post("/api/stats/exchangerates/", payload, content_type="application/json")
    assert again.status_code == 400  # one rate per currency and day
    refused = client.post("/api/stats/exchangerates/", {**payload, "rate": "-1"}, content_type="application/json")
    assert refused.status_code == 400
