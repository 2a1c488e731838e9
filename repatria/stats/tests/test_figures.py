"""The figures of the world in conftest.py, whose true values are known by construction."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from repatria.assets.models import Asset
from repatria.cases.models import Return
from repatria.stats import services
from repatria.stats.figures import Unconverted
from repatria.stats.models import ExchangeRate
from repatria.stats.periods import parse_period
from repatria.stats.rates import RateTable

from .conftest import recover

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 6, 1)


def figures(user, period, **filters):
    return services.figures(user=user, period=parse_period(period), filters=services.Filters(**filters), today=TODAY)


def persons(rows):
    return {row.key: row.persons for row in rows if row.persons}


def amounts(rows):
    return {row.key: row.amount for row in rows if row.amount}


def test_a_year_counts_each_person_once_by_their_last_return_in_it(world):
    f = figures(world.admin, "2019")
    assert (f.returned, f.functionaries, f.red_notice, f.hundred_list, f.countries) == (4, 2, 2, 1, 4)
    # B came back twice in 2019: counted once, by the arrest in Thailand; C on 31 December still counts.
    assert persons(f.by_method) == {"persuasion": 1, "arrest": 1, "repatriation": 1, "extradition": 1}
    assert persons(f.by_country) == {"US": 1, "TH": 1, "AU": 1, "FR": 1}
    assert [row.key for row in f.by_method] == [
        "extradition", "repatriation", "prosecution_abroad", "arrest", "persuasion", "border_alert",
        "caught_at_home", "surrender", "other",
    ]  # fmt: skip
    assert persons(f.by_offence) == {"embezzlement": 3, "bribe_taking": 1, "fraud": 1}
    assert persons(f.by_month) == {"2019-03": 1, "2019-11": 1, "2019-12": 1, "2019-05": 1}
    assert len(f.by_month) == 12


def test_the_returned_the_day_after_the_period_count_in_the_next(world):
    f = figures(world.admin, "2020")
    assert (f.returned, f.countries) == (2, 1)
    assert persons(f.by_method) == {"arrest": 1, "caught_at_home": 1}
    assert f.previous.returned == 4
    assert f.change("returned") == (-2, -0.5)


def test_a_person_back_twice_counts_in_each_half_by_the_return_in_it(world):
    first, second = figures(world.admin, "2019-01..2019-06"), figures(world.admin, "2019-07..2019-12")
    assert persons(first.by_method) == {"surrender": 1, "persuasion": 1, "extradition": 1}
    assert persons(second.by_method) == {"arrest": 1, "repatriation": 1}
    assert first.returned + second.returned == 5  # B in both halves, once in the year


def test_a_moved_case_counts_for_the_province_that_holds_it_now(world):
    f = figures(world.admin, "2019")
    assert persons(f.by_province) == {"440000": 2, "330000": 2}
    assert figures(world.gd, "2019").returned == 2  # A and B; not D, whose case went to Zhejiang
    assert figures(world.zj, "2019").returned == 2  # C and D
    assert figures(world.admin, "2019", province="330000").returned == 2


def test_amounts_are_converted_at_the_rate_in_force_on_the_recovery_date(world):
    f = figures(world.admin, "2019")
    assert f.amount == Decimal("12000000.00")
    assert amounts(f.by_country) == {"US": Decimal("7000000.00"), "AU": Decimal("5000000.00")}
    assert amounts(f.by_province) == {"440000": Decimal("7000000.00"), "330000": Decimal("5000000.00")}
    assert amounts(f.by_month) == {"2019-06": Decimal("7000000.00"), "2019-12": Decimal("5000000.00")}
    assert figures(world.admin, "2020").amount == Decimal("780.00")
    assert figures(world.gd, "2019").amount == Decimal("7000000.00")


def test_a_missing_rate_leaves_the_recovery_out_of_the_amount_and_says_so_never_blanking_a_count(world):
    complete = figures(world.admin, "2019")
    asset = recover(world.admin, world.case_E, "GB", "250", "GBP", datetime.date(2019, 8, 8))
    f = figures(world.admin, "2019")
    assert f == replace(complete, unconverted=(Unconverted(asset.pk, datetime.date(2019, 8, 8), "GBP", Decimal(250)),))
    assert not f.amount_complete and f.rates_to_enter() == [("GBP", datetime.date(2019, 8, 8))]
    assert services.records(user=world.admin, period=parse_period("2019"), measure="unconverted", today=TODAY) == (
        Asset,
        [asset.pk],
    )
    assert figures(world.admin, "2019-01..2019-07").amount_complete


def test_the_dead_are_their_own_figure_not_persons_returned(world):
    f = figures(world.admin, "2019")
    assert (f.returned, f.died, f.countries) == (4, 1, 4)  # H died in Canada: not returned, no country returned from
    assert "death" not in persons(f.by_method) and "CA" not in persons(f.by_country)
    assert figures(world.gd, "2019").died == 1 and figures(world.zj, "2019").died == 0
    assert f.abroad == 3  # nor abroad: H is no longer anywhere to be brought back from
    assert services.records(user=world.admin, period=parse_period("2019"), measure="died", today=TODAY) == (
        Return,
        [world.H.returns.get().pk],
    )


def test_a_rate_stays_in_force_45_days_and_no_longer(world):
    recover(world.admin, world.case_E, "US", "10", "USD", datetime.date(2019, 7, 18))
    assert figures(world.admin, "2019-07").amount == Decimal("70.00")  # the rate of 2019-06-03, 45 days before
    recover(world.admin, world.case_E, "US", "10", "USD", datetime.date(2019, 7, 19))
    assert figures(world.admin, "2019-07").rates_to_enter() == [("USD", datetime.date(2019, 7, 19))]
    assert "2019-06-03" in RateTable(["USD"]).missing("USD", datetime.date(2019, 7, 19)).messages[0]
    ExchangeRate.objects.create(currency="USD", date=datetime.date(2019, 7, 1), rate=Decimal("6.9"))
    assert figures(world.admin, "2019-07").amount == Decimal("138.00")


def test_fugitives_abroad_at_the_end_of_the_period_by_country_and_years_since_flight(world):
    f = figures(world.admin, "2019")
    assert f.abroad == 3  # E (NZ since 2012), F (US, back in 2020), G (fled 2019-08, place unknown)
    assert persons(f.abroad_by_country) == {"NZ": 1, "US": 1, "": 1}
    assert persons(f.abroad_by_years) == {"5-10": 1, "1-3": 1, "0-1": 1}
    later = figures(world.admin, "2020")
    assert (later.abroad, persons(later.abroad_by_country)) == (1, {"NZ": 1})
    assert figures(world.admin, "2018").abroad == 6  # all but G, who fled in 2019


def test_figures_stay_within_what_the_user_may_see(world):
    assert figures(world.partner, "2019").returned == 0
    assert figures(world.partner, "2019").amount == 0
    assert figures(world.gd, "2019").abroad == 2  # E and G; F's case is Zhejiang's


@pytest.mark.parametrize("period", ["2019", "2020", "2019-Q2", "..2020-06", ""])
def test_the_records_behind_every_figure_are_exactly_those_counted(world, period):
    f = figures(world.admin, period)
    for measure in services.CATEGORIES:
        _, pks = services.records(user=world.admin, period=parse_period(period), measure=measure, today=TODAY)
        assert len(pks) == getattr(f, measure)
    for breakdown in ("by_method", "by_country", "by_province", "by_agency", "by_offence", "by_month"):
        for row in getattr(f, breakdown):
            _, returns = services.records(
                user=world.admin, period=parse_period(period), measure="returned", breakdown=breakdown,
                key=row.key, today=TODAY,
            )  # fmt: skip
            assert len(returns) == row.persons
    for row in f.abroad_by_country + f.abroad_by_years:
        breakdown = "abroad_by_country" if row in f.abroad_by_country else "abroad_by_years"
        _, persons_abroad = services.records(
            user=world.admin, period=parse_period(period), measure="abroad", breakdown=breakdown, key=row.key,
            today=TODAY,
        )  # fmt: skip
        assert len(persons_abroad) == row.persons


def test_a_year_of_every_period_form_reads_the_same(world):
    year = figures(world.admin, "2019")
    for text in ("2019-01..2019-12", "2019-01-01..2019-12-31", "2019-Q1..2019-Q4", "2019..2019"):
        assert figures(world.admin, text).returned == year.returned
    since = figures(world.admin, "2019-03..")
    assert since.returned == 6 and since.last_day == TODAY


def test_campaign_results_against_targets(world):
    from repatria.stats.models import Campaign, CampaignTarget

    campaign = Campaign.objects.create(
        name_zh="天网2019", name_en="Sky Net 2019", starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )  # fmt: skip
    CampaignTarget.objects.create(campaign=campaign, measure="returned", value=8)
    CampaignTarget.objects.create(campaign=campaign, measure="amount", value=0)
    results = {r.measure: r for r in services.campaign_results(user=world.admin, campaign=campaign, today=TODAY)}
    assert (results["returned"].result, results["returned"].share) == (4, 0.5)
    assert (results["amount"].result, results["amount"].share) == (Decimal("12000000.00"), None)
    fox_hunt = Campaign.objects.create(
        name_zh="猎狐2019", parent=campaign, starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2019, 6, 30),
        lead_organisation=world.case_C.lead_organisation,
    )  # fmt: skip
    CampaignTarget.objects.create(campaign=fox_hunt, measure="returned", value=1)
    assert services.campaign_results(user=world.admin, campaign=fox_hunt, today=TODAY)[0].result == 1  # D


@pytest.mark.parametrize(("measure", "breakdown"), [("abroad", "by_offence"), ("amount", "by_method"), ("nobody", "")])
def test_records_refuse_a_figure_that_does_not_exist(world, measure, breakdown):
    with pytest.raises(ValueError):
        services.records(user=world.admin, period=parse_period("2019"), measure=measure, breakdown=breakdown)
