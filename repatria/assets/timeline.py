"""The sentences of the assets' events on the timeline (registered in apps.py)."""

from django.utils.translation import gettext as _

from repatria.cases.models import EventKind
from repatria.core.events import choice_label

from .models import AssetStage


def _recorded(d: dict) -> str:
    return _("Asset recorded: %(description)s") % {"description": d.get("description", "")}


def _stage_changed(d: dict) -> str:
    return _("Asset %(description)s: %(old)s → %(new)s") % {
        "description": d.get("description", ""),
        "old": choice_label(AssetStage, d["old"]),
        "new": choice_label(AssetStage, d["new"]),
    }


DESCRIBERS = {EventKind.ASSET_RECORDED: _recorded, EventKind.ASSET_STAGE: _stage_changed}
