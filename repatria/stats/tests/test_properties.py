"""Properties of the figures over generated records (hypothesis): whatever the records, these hold."""

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from repatria.accounts.models import Organisation, OrganisationKind, User
from repatria.assets.models import Asset, AssetStage
from repatria.cases.models import Case, CasePerson, Return, ReturnMethod
from repatria.registry.models import Person
from repatria.stats import services
from repatria.stats.figures import BREAKDOWNS
from repatria.stats.models import ExchangeRate
from repatria.stats.periods import Period, between

FIRST = datetime.date(2019, 1, 1)
DAYS = 730
TODAY = datetime.date(2021, 6, 1)
PERSONS = 6
WHOLE = between(FIRST, FIRST + datetime.timedelta(DAYS - 1))

# Few distinct days, the year's edges among them: same-day returns and boundary days come up often.
day = st.sampled_from([0, 1, 180, 364, 365, 500, DAYS - 1])
returns = st.lists(
    st.tuples(
        st.integers(0, PERSONS - 1), day, st.sampled_from(ReturnMethod.values), st.sampled_from(["US", "CA", None])
    ),
    max_size=12,
)
assets = st.lists(
    st.tuples(st.integers(0, PERSONS - 1), st.integers(1, 10**9), day, st.sampled_from(["CNY", "USD"])), max_size=6
)
flags = st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=PERSONS, max_size=PERSONS)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class FigureProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_superuser("chief", password="correct horse 9")
        cls.office = Organisation.objects.create(name_zh="测试办", kind=OrganisationKind.PROVINCIAL_OFFICE)
        month = datetime.date(2019, 1, 1)
        while month < TODAY:  # a USD rate in force every day
            ExchangeRate.objects.create(currency="USD", date=month, rate=Decimal("6.5"))
            month = (month + datetime.timedelta(days=32)).replace(day=1)

    def world(self, person_flags, return_rows, asset_rows):
        """Persons with a case each (half in Guangdong, half in Zhejiang), then their returns and assets.

        Written in bulk: the properties are about counting, and the audit trail of each save would only slow them.
        """
        persons = Person.objects.bulk_create(
            Person(display_name=f"测试{i}", is_functionary=functionary, red_notice_number="A-1" if red_notice else "",
                   hundred_list_number=i + 1 if hundred else None)
            for i, (functionary, red_notice, hundred) in enumerate(person_flags)
        )  # fmt: skip
        cases = Case.objects.bulk_create(
            Case(number=f"P-{i}", title="案", province_id="440000" if i % 2 else "330000",
                 lead_organisation=self.office, opened_on=datetime.date(2018, 1, 1), fled_on=datetime.date(2018, 1, 1))
            for i in range(len(persons))
        )  # fmt: skip
        CasePerson.objects.bulk_create(CasePerson(case=c, person=p) for c, p in zip(cases, persons, strict=True))
        self.enter(return_rows, asset_rows)

    def enter(self, return_rows, asset_rows):
        cases = {case.number: case for case in Case.objects.prefetch_related("memberships")}
        Return.objects.bulk_create(
            Return(case=cases[f"P-{who}"], person_id=cases[f"P-{who}"].memberships.all()[0].person_id,
                   date=FIRST + datetime.timedelta(offset), method=method, country_id=country)
            for who, offset, method, country in return_rows
        )  # fmt: skip
        Asset.objects.bulk_create(
            Asset(case=cases[f"P-{who}"], kind="cash", description="资金", jurisdiction_id="US",
                  value=Decimal(cents) / 100, value_currency=currency, stage=AssetStage.RETURNED,
                  recovered_amount=Decimal(cents) / 100, recovered_currency=currency,
                  recovered_on=FIRST + datetime.timedelta(offset))
            for who, cents, offset, currency in asset_rows
        )  # fmt: skip

    def figures(self, period: Period):
        return services.figures(user=self.user, period=period, today=TODAY, compare=False)

    @SETTINGS
    @given(person_flags=flags, return_rows=returns, asset_rows=assets, order=st.randoms())
    def test_figures_do_not_depend_on_the_order_records_were_entered(
        self, person_flags, return_rows, asset_rows, order
    ):
        self.world(person_flags, return_rows, asset_rows)
        first = self.figures(WHOLE)
        Return.objects.all().delete()
        Asset.objects.all().delete()
        order.shuffle(return_rows)
        order.shuffle(asset_rows)
        self.enter(return_rows, asset_rows)
        assert self.figures(WHOLE) == first

    @SETTINGS
    @given(person_flags=flags, return_rows=returns, asset_rows=assets)
    def test_categories_never_exceed_their_parent_and_breakdowns_add_up(self, person_flags, return_rows, asset_rows):
        self.world(person_flags, return_rows, asset_rows)
        f = self.figures(WHOLE)
        assert f.hundred_list <= f.red_notice <= f.returned
        assert f.functionaries <= f.returned and f.countries <= f.returned
        for name in ("by_method", "by_province", "by_agency", "by_month"):
            assert sum(row.persons for row in getattr(f, name)) == f.returned
        for name in BREAKDOWNS:
            assert all(row.persons <= f.returned for row in getattr(f, name))
        assert sum(row.amount for row in f.by_month) == f.amount
        assert sum(row.persons for row in f.abroad_by_years) == f.abroad

    @SETTINGS
    @given(person_flags=flags, return_rows=returns, asset_rows=assets, split=st.integers(0, DAYS - 2))
    def test_two_adjacent_periods_add_up_to_the_whole(self, person_flags, return_rows, asset_rows, split):
        self.world(person_flags, return_rows, asset_rows)
        cut = FIRST + datetime.timedelta(split)
        before, after = between(FIRST, cut), between(cut + datetime.timedelta(1), WHOLE.end)
        whole, first, second = self.figures(WHOLE), self.figures(before), self.figures(after)
        assert first.amount + second.amount == whole.amount
        nobody_twice = len({who for who, *_ in return_rows}) == len(return_rows)
        if nobody_twice:
            assert first.returned + second.returned == whole.returned
        else:
            assert first.returned + second.returned >= whole.returned
