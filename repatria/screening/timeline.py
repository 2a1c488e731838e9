"""The sentence of a screening alert's events on the timeline (registered in apps.py): raised, then handled."""

from django.utils.translation import gettext as _

from repatria.cases.models import EventKind
from repatria.core.events import choice_label

from .models import AlertStatus


def _alert(d: dict) -> str:
    if "old" not in d:  # raised
        text = _("Screening alert #%(alert)s: %(partner)s screened a person matching at %(score).2f") % {
            "alert": d["alert"],
            "partner": d.get("partner") or _("a screening"),
            "score": d.get("score", 0),
        }
        return f"{text} ({d['context']})" if d.get("context") else text
    text = _("Screening alert #%(alert)s: “%(old)s” → “%(new)s”") % {
        "alert": d["alert"],
        "old": choice_label(AlertStatus, d["old"]),
        "new": choice_label(AlertStatus, d["status"]),
    }
    return f"{text}: {d['note']}" if d.get("note") else text


DESCRIBERS = {EventKind.SCREENING_ALERT: _alert}
