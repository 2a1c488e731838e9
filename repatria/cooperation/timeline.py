"""A request's steps on the timeline of its case and of the persons it names (registered in apps.py)."""

import datetime

from django.utils.translation import gettext as _

from repatria.cases import timeline
from repatria.cases.models import Event, EventKind
from repatria.core.events import choice_label

from .models import Request, RequestKind, RequestState


def stepped(request: Request, new: str, *, actor, day: datetime.date) -> list[Event]:
    """The unsaved events of a request's move: one on its case (or, with no case, one per person it names)."""
    data = {"number": request.number, "request_kind": request.kind, "state": new, "country": request.country_id}
    when = timeline.on_day(day)
    if request.case_id is not None:
        return [timeline.build(EventKind.REQUEST_STEP, case=request.case, actor=actor, when=when, **data)]
    return [
        timeline.build(EventKind.REQUEST_STEP, person=person, actor=actor, when=when, **data)
        for person in request.persons.all()
    ]


def _step(d: dict) -> str:
    return _("Request %(number)s (%(kind)s, %(country)s): %(state)s") % {
        "number": d.get("number", ""),
        "kind": choice_label(RequestKind, d.get("request_kind", "")),
        "country": timeline.country_name(d.get("country")),
        "state": choice_label(RequestState, d.get("state", "")),
    }


DESCRIBERS = {EventKind.REQUEST_STEP: _step}
