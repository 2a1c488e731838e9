"""Campaigns: administrators keep the yearly Sky Net campaign, its operations and their targets; officers read them
beside the results their own records show; the demo has one campaign a year."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.assets.models import AssetStage
from repatria.assets.services import change_stage, record_asset
from repatria.cases.models import Case
from repatria.cases.services import open_case, record_return
from repatria.demo import campaigns, generator, rates, writer
from repatria.demo.tables import UNTIL
from repatria.geo.models import Country
from repatria.registry.services import create_person
from repatria.stats.models import Campaign, CampaignTarget, ExchangeRate, Measure

pytestmark = pytest.mark.django_db
D = datetime.date
LIST = reverse("stats:campaign_list")


def office(province: str) -> Organisation:
    return Organisation.objects.create(
        name_zh=f"{province}追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province_id=province
    )


def user(role: str, organisation: Organisation | None = None) -> User:
    return User.objects.create_user(f"{role}-{User.objects.count()}", role=role, organisation=organisation)


@pytest.fixture
def admin():
    return user(Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def police():
    return Organisation.objects.create(
        name_zh="公安部", name_en="Ministry of Public Security", kind=OrganisationKind.AGENCY, agency_type="police"
    )


@pytest.fixture
def sky_net(police):
    campaign = Campaign.objects.create(
        name_zh="天网2019行动", name_en="Sky Net 2019", starts_on=D(2019, 1, 1), ends_on=D(2019, 12, 31)
    )
    Campaign.objects.create(
        name_zh="猎狐2019行动", name_en="Fox Hunt 2019", parent=campaign, lead_organisation=police,
        starts_on=D(2019, 3, 1), ends_on=D(2019, 12, 31),
    )  # fmt: skip
    CampaignTarget.objects.create(campaign=campaign, measure=Measure.RETURNED, value=4)
    return campaign


def targets(campaign: Campaign) -> dict[str, Decimal]:
    return dict(campaign.targets.values_list("measure", "value"))


def form_data(campaign: Campaign, **values) -> dict:
    """The targets form as the page shows it, with `values` typed in."""
    saved = targets(campaign)
    data = {measure: str(saved.get(measure, "")) for measure in Measure}
    data["seen"] = ";".join(f"{measure}={saved[measure]}" for measure in sorted(saved))
    return {**data, **values}


# The pages, per role.


def test_an_administrator_adds_a_campaign_and_then_an_operation_from_its_page(admin_client, police):
    response = admin_client.post(
        reverse("stats:campaign_add"),
        {"name_zh": "天网2020行动", "name_en": "Sky Net 2020", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    page = admin_client.get(campaign.get_absolute_url()).content.decode()
    add_operation = f"{reverse('stats:campaign_add')}?parent={campaign.pk}"
    assert add_operation in page
    form = admin_client.get(add_operation).context["form"]
    assert (form.initial["parent"], form.initial["starts_on"]) == (campaign, D(2020, 1, 1))
    admin_client.post(
        add_operation,
        {"name_zh": "猎狐2020行动", "parent": campaign.pk, "lead_organisation": police.pk,
         "starts_on": "2020-04-01", "ends_on": "2020-12-31"},
    )  # fmt: skip
    operation = Campaign.objects.get(parent=campaign)
    page = admin_client.get(campaign.get_absolute_url()).content.decode()
    assert operation.get_absolute_url() in page and "猎狐2020行动" in page
    assert "天网2020行动" in admin_client.get(operation.get_absolute_url()).content.decode()
    assert "猎狐2020行动" in admin_client.get(LIST, {"level": "operations", "year": "2020"}).content.decode()


def test_an_operation_runs_within_its_campaign_and_is_never_part_of_an_operation(admin_client, sky_net):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fox_hunt = sky_net.operations.get()
    response = admin_client.post(
        reverse("stats:campaign_add"),
        {"name_zh": "某行动", "parent": sky_net.pk, "starts_on": "2018-12-01", "ends_on": "2019-06-30"},
    )
    assert "An operation runs within the dates of Sky Net 2019, 2019-01-01 to 2019-12-31." in response.content.decode()
    response = admin_client.post(
        reverse("stats:campaign_add"),
        {"name_zh": "某行动", "parent": fox_hunt.pk, "starts_on": "2019-05-01", "ends_on": "2019-06-30"},
    )
    assert response.context["form"].errors["parent"]  # not among the choices
    response = admin_client.post(
        reverse("stats:campaign_edit", args=[sky_net.pk]),
        {"name_zh": "天网2019行动", "starts_on": "2019-01-01", "ends_on": "2019-10-31", "expected_version": 1},
    )
    assert "Its operations must run within its dates, and Fox Hunt 2019 would not." in response.content.decode()
    response = admin_client.post(
        reverse("stats:campaign_add"), {"name_zh": "某行动", "starts_on": "2019-05-01", "ends_on": "2019-04-30"}
    )
    assert "The campaign ends before it starts." in response.content.decode()
    assert Campaign.objects.count() == 2
    sky_net.refresh_from_db()
    assert sky_net.ends_on == D(2019, 12, 31)


def test_a_campaign_with_operations_cannot_be_deleted_before_them(admin_client, sky_net):
    response = admin_client.post(reverse("stats:campaign_delete", args=[sky_net.pk]))
    assert response.url == sky_net.get_absolute_url()
    assert Campaign.objects.count() == 2


def test_a_provincial_officer_reads_campaigns_and_their_targets_but_changes_nothing(client, sky_net):
    client.force_login(user(Role.PROVINCIAL_OFFICER, office("440000")))
    assert "天网2019行动" in client.get(LIST).content.decode()
    page = client.get(sky_net.get_absolute_url())
    assert page.status_code == 200
    assert page.context["targets_form"] is None and "猎狐2019行动" in page.content.decode()
    assert [row["target"] for row in page.context["measures"]] == ["4"]
    assert client.post(sky_net.get_absolute_url(), form_data(sky_net, returned="9")).status_code == 403
    assert client.get(reverse("stats:campaign_edit", args=[sky_net.pk])).status_code == 404
    assert client.get(reverse("stats:campaign_add")).status_code == 403
    assert client.post(reverse("stats:campaign_delete", args=[sky_net.pk])).status_code == 404
    assert targets(sky_net) == {"returned": 4}


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_are_refused(client, sky_net, role):
    client.force_login(user(role))
    assert client.get(LIST).status_code == 403
    assert client.get(sky_net.get_absolute_url()).status_code == 403
    assert client.post(sky_net.get_absolute_url(), form_data(sky_net, returned="9")).status_code == 403
    assert targets(sky_net) == {"returned": 4}


# Targets, edited on the campaign's page.


def test_an_administrator_sets_changes_and_removes_targets_on_the_page(admin_client, sky_net):
    response = admin_client.post(
        sky_net.get_absolute_url(), form_data(sky_net, returned="", functionaries="300", amount="3541000000.50")
    )
    assert response.status_code == 302 and response.url == sky_net.get_absolute_url()
    assert targets(sky_net) == {"functionaries": Decimal("300"), "amount": Decimal("3541000000.50")}
    page = admin_client.get(sky_net.get_absolute_url())
    assert "3541000000.50" in page.content.decode()  # in its input, to be edited
    assert len(page.context["measures"]) == len(Measure)  # every measure offered
    admin_client.post(sky_net.get_absolute_url(), form_data(sky_net, functionaries="307"))
    assert targets(sky_net)["functionaries"] == Decimal("307")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"returned": "-5"}, "A target cannot be negative."),
        ({"countries": "12.5"}, "A target of persons or countries is a whole number."),
        ({"red_notice": "many"}, "Enter a number."),
        ({"amount": "1.234"}, "Ensure that there are no more than 2 decimal places."),
    ],
)
def test_a_wrong_target_is_refused_in_the_users_language_and_nothing_is_saved(admin_client, sky_net, values, message):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.post(sky_net.get_absolute_url(), form_data(sky_net, functionaries="300", **values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert targets(sky_net) == {"returned": 4}


def test_a_wrong_target_is_refused_in_chinese_by_default(admin_client, sky_net):
    response = admin_client.post(sky_net.get_absolute_url(), form_data(sky_net, red_notice="many"))
    assert gettext("Enter a number.") != "Enter a number."
    assert gettext("Enter a number.") in response.content.decode()
    assert targets(sky_net) == {"returned": 4}


def test_targets_changed_by_someone_else_meanwhile_are_not_overwritten(admin_client, sky_net):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    stale = form_data(sky_net, returned="10")
    CampaignTarget.objects.filter(campaign=sky_net).update(value=6)
    response = admin_client.post(sky_net.get_absolute_url(), stale)
    page = response.content.decode()
    assert "Someone else changed these targets" in page and "persons returned 6" in page
    assert targets(sky_net) == {"returned": 6}
    again = {**stale, "seen": response.context["targets_form"]["seen"].value()}
    assert admin_client.post(sky_net.get_absolute_url(), again).status_code == 302
    assert targets(sky_net) == {"returned": 10}


# Results against targets.


def returned_in(province: str, day: datetime.date, admin: User) -> Case:
    """A fugitive of a case of the province, back on `day`."""
    lead = Organisation.objects.get_or_create(
        name_zh=f"{province}追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province_id=province
    )[0]
    fugitive = create_person(names=[(f"测试{day.isoformat()}", "primary")])
    case = open_case(
        actor=admin, number=f"T-{province}-{day}", title="案", province_id=province, lead_organisation=lead,
        opened_on=D(2016, 1, 1), persons={fugitive: "principal"},
    )  # fmt: skip
    us = Country.objects.get(pk="US")
    record_return(case=case, person=fugitive, date=day, method="persuasion", country=us, actor=admin)
    return case


def test_results_stand_beside_their_targets_with_progress_within_what_each_user_may_see(client, admin, sky_net):
    returned_in("440000", D(2019, 3, 1), admin)
    returned_in("440000", D(2019, 12, 31), admin)
    returned_in("330000", D(2019, 5, 5), admin)
    returned_in("330000", D(2020, 1, 1), admin)  # after the campaign
    client.force_login(admin)
    row = client.get(sky_net.get_absolute_url()).context["measures"][0]
    assert (row["label"], row["result"], row["percent"], row["bar"]) == (Measure.RETURNED.label, "3", 75, 75)
    client.force_login(user(Role.PROVINCIAL_OFFICER, Organisation.objects.get(province_id="440000")))
    page = client.get(sky_net.get_absolute_url())
    row = page.context["measures"][0]
    assert (row["result"], row["percent"]) == ("2", 50)
    assert 'max="100" value="50"' in page.content.decode()


def test_a_result_beyond_its_target_shows_its_share_and_a_full_bar(client, admin, sky_net):
    for month in range(1, 7):
        returned_in("440000", D(2019, month, 1), admin)
    client.force_login(admin)
    row = client.get(sky_net.get_absolute_url()).context["measures"][0]
    assert (row["percent"], row["bar"]) == (150, 100)


def test_a_missing_exchange_rate_is_said_instead_of_a_wrong_result(client, admin, sky_net):
    CampaignTarget.objects.create(campaign=sky_net, measure=Measure.AMOUNT, value=1_000_000)
    case = returned_in("440000", D(2019, 3, 1), admin)
    asset = record_asset(
        actor=admin, case=case, kind="cash", description="现金", jurisdiction=Country.objects.get(pk="US"),
        value=Decimal(100), value_currency="USD",
    )  # fmt: skip
    for stage in (AssetStage.TRACED, AssetStage.FROZEN, AssetStage.CONFISCATED):
        change_stage(asset=asset, new=stage, actor=admin)
    change_stage(
        asset=asset, new=AssetStage.RETURNED, actor=admin, recovered_amount=Decimal(100), recovered_on=D(2019, 6, 5)
    )
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(sky_net.get_absolute_url())
    assert page.status_code == 200
    assert "No exchange rate for USD is in force on 2019-06-05" in page.content.decode()
    assert page.context["measures"][0]["result"] == ""


# The demo's campaigns.


def demo_campaigns(persons: int = 600) -> tuple[tuple[campaigns.CampaignPlan, ...], campaigns.Tally]:
    """The demo's campaigns, and the tally of the cases they were planned from."""
    seed = generator.DEFAULT_SEED
    tally = campaigns.Tally(rates.RateBook(rates.exchange_rates(seed=seed, until=UNTIL)))
    for _plan in tally.count(generator.cases(persons=persons, seed=seed)):
        pass
    return campaigns.campaigns(seed=seed, until=UNTIL, tally=tally), tally


def test_the_demo_has_one_sky_net_campaign_a_year_with_its_operations_and_targets():
    plans, tally = demo_campaigns()
    assert plans == demo_campaigns()[0]
    assert [plan.name_zh for plan in plans] == [f"天网{year}行动" for year in range(2015, UNTIL.year + 1)]
    for plan in plans:
        year = plan.starts_on.year
        assert (plan.starts_on, plan.ends_on, plan.lead_organisation) == (D(year, 1, 1), D(year, 12, 31), "")
        leads = [operation.lead_organisation for operation in plan.operations]
        assert leads[:3] == [generator.agency(kind) for kind in ("police", "central_bank", "procuratorate")]
        assert len(leads) == (4 if year >= 2018 else 3)
        assert plan.operations[0].name_zh == f"猎狐{year}行动"
        for operation in plan.operations:
            assert plan.starts_on <= operation.starts_on <= operation.ends_on <= plan.ends_on
        assert Measure.RETURNED in dict(plan.targets)
        for campaign in (plan, *plan.operations):  # a target only for what the cases do achieve
            for measure, value in campaign.targets:
                achieved = tally.achieved(
                    campaign.lead_organisation, campaign.starts_on, min(campaign.ends_on, UNTIL), measure
                )
                assert value > 0 and achieved > 0


def test_demo_targets_are_near_what_the_demo_achieves_in_the_campaigns_days():
    plans, tally = demo_campaigns(persons=3000)
    for plan in plans[:-1]:  # the last is still running
        for measure, value in plan.targets:
            achieved = tally.achieved("", plan.starts_on, plan.ends_on, measure)
            assert 0.75 * achieved <= value <= 1.25 * achieved, (plan.name_en, measure)
    bank = plans[2019 - 2015].operations[1]
    achieved = tally.achieved(bank.lead_organisation, bank.starts_on, bank.ends_on, Measure.AMOUNT)
    assert 0.75 * achieved <= dict(bank.targets)[Measure.AMOUNT] <= 1.25 * achieved


class Rollback(Exception):
    pass


def written(fast: bool) -> list[tuple]:
    """The demo's campaigns and targets written one way and read back (then rolled back)."""
    organisations = writer.ensure_organisations(generator.organisations())
    plans, _tally = demo_campaigns(persons=200)
    try:
        with transaction.atomic():
            writer_class = writer.BulkWriter if fast else writer.ServiceWriter
            writer_class(organisations, {"admin": user(Role.ADMIN)}, generator.users()[:1]).write_campaigns(plans)
            rows = sorted(
                (target.campaign.name_zh, target.campaign.parent.name_zh if target.campaign.parent else "",
                 str(target.campaign.lead_organisation or ""), target.campaign.starts_on, target.campaign.ends_on,
                 target.campaign.description, target.measure, target.value)
                for target in CampaignTarget.objects.select_related("campaign__parent", "campaign__lead_organisation")
            )  # fmt: skip
            assert Campaign.objects.count() == sum(1 + len(plan.operations) for plan in plans)
            raise Rollback
    except Rollback:
        return rows


def test_the_bulk_writer_writes_the_campaigns_the_services_write():
    through_services = written(fast=False)
    assert written(fast=True) == through_services


def test_the_demo_loads_rates_campaigns_and_the_central_bank_on_cases_with_traced_money_alike_both_ways():
    def load(fast: bool) -> tuple:
        try:
            with transaction.atomic():
                writer.load(persons=80, fast=fast)
                assigned = sorted(
                    Case.assigned_organisations.through.objects.values_list("case__number", "organisation__name_zh")
                )
                data = (
                    assigned,
                    ExchangeRate.objects.count(),
                    Campaign.objects.count(),
                    CampaignTarget.objects.count(),
                )
                raise Rollback
        except Rollback:
            return data

    through_services = load(fast=False)
    assert through_services[0] and {name for _case, name in through_services[0]} == {"中国人民银行"}
    assert load(fast=True) == through_services
