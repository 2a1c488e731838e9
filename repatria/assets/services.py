"""Business rules of assets abroad: the StAR stages and the amount recovered."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from repatria.cases import timeline
from repatria.core.money import Converter
from repatria.core.services import RuleError, change_record, lock_as_seen

from .models import Asset, AssetStage

A = AssetStage
STAGE_TRANSITIONS: dict[str, set[str]] = {
    A.IDENTIFIED: {A.TRACED, A.FROZEN, A.RELEASED},
    A.TRACED: {A.FROZEN, A.RELEASED},
    A.FROZEN: {A.CONFISCATED, A.RELEASED},
    A.CONFISCATED: {A.RETURNED, A.RELEASED},
    A.RETURNED: set(),
    A.RELEASED: set(),
}


def allowed_stages(asset: Asset) -> list[str]:
    return [s for s in AssetStage.values if s in STAGE_TRANSITIONS[asset.stage]]


def check_holder(case, person) -> None:
    """An asset's holder, if named, is one of the persons of its case."""
    if person is not None and case is not None and not case.memberships.filter(person=person).exists():
        raise RuleError(_("%(person)s is not in this case.") % {"person": person})


@transaction.atomic
def record_asset(*, actor, **fields) -> Asset:
    check_holder(fields.get("case"), fields.get("person"))
    asset = Asset(**fields)
    asset.full_clean()
    asset.save()
    timeline.asset_recorded(asset, actor=actor).save()
    return asset


@transaction.atomic
def change_asset(asset: Asset, **fields) -> Asset:
    """Correct an asset's particulars; its stage moves only through change_stage."""
    check_holder(fields.get("case", asset.case), fields.get("person", asset.person))
    return change_record(asset, **fields)


@transaction.atomic
def change_stage(
    *,
    asset: Asset,
    new: str,
    actor,
    recovered_amount: Decimal | None = None,
    recovered_currency: str = "",
    recovered_on: datetime.date | None = None,
    happened_on: datetime.date | None = None,
) -> Asset:
    """Move an asset to its next stage, from the version of it the officer saw, on the day it happened (today when
    None); a return or sharing needs the amount recovered and its date."""
    lock_as_seen(asset, "stage")
    old = asset.stage
    if new not in STAGE_TRANSITIONS[old]:
        raise RuleError(
            _("An asset cannot go from “%(old)s” to “%(new)s”.") % {"old": A(old).label, "new": A(new).label}
        )
    opened = asset.case.opened_on if asset.case_id else None
    happened = timeline.happened_on(happened_on, earliest=opened, since=_("the case was opened"))
    if new == A.RETURNED:
        if recovered_amount is None or recovered_amount <= 0 or not recovered_on:
            raise RuleError(_("A returned asset needs the amount recovered and the date of recovery."))
        asset.recovered_amount = recovered_amount
        asset.recovered_currency = recovered_currency or asset.value_currency
        asset.recovered_on = recovered_on
    asset.stage = new
    asset.save()
    timeline.asset_stage_changed(asset, old, actor=actor, when=happened).save()
    return asset


def without_rate(assets: Iterable[Asset]) -> list[Asset]:
    """The recoveries among the assets that no exchange rate in force on their day converts to yuan: the statistics
    leave them out of the amount until the rate is entered."""
    recovered = [a for a in assets if a.recovery and a.recovery.foreign]
    converter = Converter(a.recovery.currency for a in recovered)
    return [a for a in recovered if converter.to_cny(a.recovery) is None]
