"""A small world whose true figures are known by construction, traps included (see test_figures.py)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.assets.models import AssetStage
from repatria.assets.services import change_stage, record_asset
from repatria.cases.services import open_case, record_return
from repatria.geo.models import Country
from repatria.registry.services import create_person, record_whereabouts
from repatria.stats.models import ExchangeRate

D = datetime.date


def _office(name: str, province: str) -> Organisation:
    return Organisation.objects.create(
        name_zh=name, name_en=name, kind=OrganisationKind.PROVINCIAL_OFFICE, province_id=province
    )


def _user(username: str, role: str, organisation: Organisation | None = None) -> User:
    return User.objects.create_user(username, password="correct horse 9", role=role, organisation=organisation)


@pytest.fixture
def world(db):
    """Eight fugitives in Guangdong (440000) and Zhejiang (330000), 2019–2020:

    A  functionary, red notice, "100 list" no. 7; GD; fled 2015-01; back 2019-03-10 from US, persuaded
    B  functionary; GD; back 2019-02-01 from CA (surrender), again 2019-11-30 from TH (arrest): once in 2019
    C  red notice; ZJ; back 2019-12-31, the last day of the year, from AU (repatriation)
    D  GD case moved to ZJ after it opened; back 2019-05-05 from FR (extradition)
    E  GD; fled 2012-05-01, last seen in NZ, never back
    F  ZJ; fled 2018-07-01, seen in US, back 2020-02-02 from US (arrest)
    G  GD; fled 2019-08-01, whereabouts unknown, caught at home 2020-01-15
    H  GD; fled 2019-02-01, died abroad in CA 2019-09-09: not returned, not abroad, his case closed
    Assets: GD USD 1,000,000 recovered 2019-06-30 (7.0 from 2019-06-03) = 7,000,000.00;
            ZJ CNY 5,000,000 recovered 2019-12-31; GD EUR 100 recovered 2020-03-01 (7.8 from 2020-03-01) = 780.00
    """
    gd, zj = _office("广东省追逃办", "440000"), _office("浙江省追逃办", "330000")
    admin = _user("chief", Role.ADMIN)
    w = SimpleNamespace(admin=admin, gd=_user("gd", Role.PROVINCIAL_OFFICER, gd),
                        zj=_user("zj", Role.PROVINCIAL_OFFICER, zj), partner=_user("pc", Role.PARTNER))  # fmt: skip
    country = Country.objects.get

    def fugitive(letter, office, fled, offences=("embezzlement",), **person):
        p = create_person(names=[(f"测试{letter}", "primary")], **person)
        case = open_case(
            actor=admin, number=f"ST-{letter}", title=f"案件{letter}", province=office.province,
            lead_organisation=office, opened_on=fled, fled_on=fled, persons={p: "principal"}, offences=offences,
        )  # fmt: skip
        setattr(w, letter, p)
        setattr(w, f"case_{letter}", case)
        return p, case

    a, case_a = fugitive("A", gd, D(2015, 1, 1), ("embezzlement", "bribe_taking"), is_functionary=True,
                         red_notice_number="A-1/1-2015", hundred_list_number=7)  # fmt: skip
    b, case_b = fugitive("B", gd, D(2016, 6, 1), is_functionary=True)
    c, case_c = fugitive("C", zj, D(2017, 3, 1), ("fraud",), red_notice_number="A-2/3-2017")
    d, case_d = fugitive("D", gd, D(2014, 9, 1))
    e, case_e = fugitive("E", gd, D(2012, 5, 1))
    f, case_f = fugitive("F", zj, D(2018, 7, 1))
    g, case_g = fugitive("G", gd, D(2019, 8, 1))
    h, case_h = fugitive("H", gd, D(2019, 2, 1))
    case_d.province = zj.province
    case_d.lead_organisation = zj
    case_d.save()

    def back(person, case, day, method, code=None):
        record_return(case=case, person=person, date=day, method=method,
                      country=country(pk=code) if code else None, actor=admin)  # fmt: skip

    back(a, case_a, D(2019, 3, 10), "persuasion", "US")
    back(b, case_b, D(2019, 2, 1), "surrender", "CA")
    back(b, case_b, D(2019, 11, 30), "arrest", "TH")
    back(c, case_c, D(2019, 12, 31), "repatriation", "AU")
    back(d, case_d, D(2019, 5, 5), "extradition", "FR")
    back(f, case_f, D(2020, 2, 2), "arrest", "US")
    back(g, case_g, D(2020, 1, 15), "caught_at_home")
    back(h, case_h, D(2019, 9, 9), "death", "CA")
    record_whereabouts(person=e, country=country(pk="NZ"), actor=admin, date_from="2013")
    record_whereabouts(person=f, country=country(pk="CA"), actor=admin, date_from="2018-08")
    record_whereabouts(person=f, country=country(pk="US"), actor=admin, date_from="2019-02")

    ExchangeRate.objects.create(currency="USD", date=D(2019, 6, 3), rate=Decimal("7.0"))
    ExchangeRate.objects.create(currency="EUR", date=D(2020, 3, 1), rate=Decimal("7.8"))
    recover(admin, case_a, "US", "1000000", "USD", D(2019, 6, 30))
    recover(admin, case_c, "AU", "5000000", "CNY", D(2019, 12, 31))
    recover(admin, case_b, "FR", "100", "EUR", D(2020, 3, 1))
    return w


def recover(actor, case, jurisdiction: str, amount: str, currency: str, day: datetime.date):
    """An asset of the case traced, frozen, confiscated and returned: recovered on `day`."""
    asset = record_asset(
        actor=actor, case=case, kind="bank_account", description=f"账户 {case.number} {day}",
        jurisdiction=Country.objects.get(pk=jurisdiction), value=Decimal(amount), value_currency=currency,
    )  # fmt: skip
    for stage in (AssetStage.TRACED, AssetStage.FROZEN, AssetStage.CONFISCATED):
        change_stage(asset=asset, new=stage, actor=actor)
    return change_stage(
        asset=asset, new=AssetStage.RETURNED, actor=actor, recovered_amount=Decimal(amount), recovered_on=day
    )
