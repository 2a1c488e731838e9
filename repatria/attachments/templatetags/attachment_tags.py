"""`{% attachments_card object %}`: a record's attachments on its page, each one line the page calls.

A template tag rather than each detail view's context, so that the case, person, return and asset apps, below this
one, need not import it.
"""

from django import template
from django.db.models import Model

from repatria.core.querysets import allows, can, restrict

from ..models import TARGETS, Attachment

register = template.Library()


def target_field(record: Model) -> str:
    """The attachment's field naming a record of this type."""
    return next(name for name in TARGETS if Attachment._meta.get_field(name).related_model is type(record))


@register.inclusion_tag("attachments/card.html", takes_context=True)
def attachments_card(context, record: Model) -> dict:
    user = context["request"].user
    field = target_field(record)
    attachments = Attachment.objects.filter(**{field: record}).select_related("uploaded_by")
    deletable = set(restrict(attachments, user, "delete").values_list("pk", flat=True))
    return {
        "attachments": [(a, a.pk in deletable) for a in restrict(attachments, user, "view")],
        "field": field,
        "record": record,
        # Attaching follows the record's own reach as the grants write it (accounts.grants, cooperation.grants); the
        # service has the last word.
        "may_add": can(user, Attachment, "add") and allows(user, record, "change"),
    }
