"""The attachments' events on the timeline of the record they hang from (registered in apps.py)."""

from django.utils.translation import gettext as _

from repatria.cases import timeline
from repatria.cases.models import Event, EventKind
from repatria.core.events import choice_label

from .models import AttachmentKind


def attached(attachment, *, actor) -> Event | None:
    """The unsaved event of a new attachment, on the case and person its record belongs to; None for a record of
    neither (a treaty's text), which has no timeline."""
    target = attachment.target
    case = target if attachment.case_id else getattr(target, "case", None)
    person = target if attachment.person_id else getattr(target, "person", None)
    if case is None and person is None:
        return None
    return timeline.build(
        EventKind.ATTACHED,
        case=case,
        person=person,
        actor=actor,
        attachment_kind=attachment.kind,
        name=attachment.name,
    )


def _attached(d: dict) -> str:
    return _("File attached: %(kind)s “%(name)s”") % {
        "kind": choice_label(AttachmentKind, d.get("attachment_kind", "")),
        "name": d.get("name", ""),
    }


DESCRIBERS = {EventKind.ATTACHED: _attached}
