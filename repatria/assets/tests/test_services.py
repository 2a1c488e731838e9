import datetime
from decimal import Decimal

import pytest

from repatria.assets import services
from repatria.assets.models import AssetKind, AssetStage
from repatria.core.services import RuleError
from repatria.geo.models import Country

A = AssetStage
ALL_PAIRS = [(a, b) for a in A.values for b in A.values if a != b]


@pytest.fixture
def asset(case, officer):
    return services.record_asset(
        actor=officer,
        case=case,
        kind=AssetKind.REAL_ESTATE,
        description="house",
        jurisdiction=Country.objects.get(pk="US"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), ALL_PAIRS)
def test_every_stage_move_is_allowed_or_refused(asset, officer, old, new):
    asset.stage = old
    asset.save()
    recovered = {"recovered_amount": Decimal("100.00"), "recovered_on": datetime.date(2020, 1, 1)}
    if new in services.STAGE_TRANSITIONS[old]:
        services.change_stage(asset=asset, new=new, actor=officer, **recovered)
        asset.refresh_from_db()
        assert asset.stage == new
    else:
        with pytest.raises(RuleError):
            services.change_stage(asset=asset, new=new, actor=officer, **recovered)
        asset.refresh_from_db()
        assert asset.stage == old


@pytest.mark.django_db
def test_a_return_of_assets_needs_the_amount_and_date(asset, officer):
    asset.stage = A.CONFISCATED
    asset.save()
    with pytest.raises(RuleError):
        services.change_stage(asset=asset, new=A.RETURNED, actor=officer)
    services.change_stage(
        asset=asset,
        new=A.RETURNED,
        actor=officer,
        recovered_amount=Decimal("5.5"),
        recovered_on=datetime.date(2020, 1, 1),
    )
    asset.refresh_from_db()
    assert asset.recovered_currency == "CNY"
