"""What a partner is told of the alerts its token raised: the outcome, and the contact point the officers chose.

Only what the partner may see: the alert's number, the listed person's id it was given in the match answer, its own
query id and context, when it asked, the outcome and the day it was decided. Never the case, the officers, their
notes, nor an alert raised by another token (of the same partner or not).
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Alert, AlertStatus

# An alert not yet settled is "pending" to the partner, whether or not an officer has looked at it.
PENDING = "pending"
OUTCOMES = {AlertStatus.CONFIRMED: "confirmed", AlertStatus.FALSE_POSITIVE: "false_positive"}


def raised_by_token(user) -> QuerySet[Alert]:
    """The alerts raised through the token that signs in as `user`, and no other's."""
    return Alert.objects.filter(log__user=user).select_related("contact_point__authority")


def contact_point_json(person) -> dict | None:
    """The contact person the officers chose for the partner to call, with its authority."""
    if person is None:
        return None
    authority = person.authority
    return {
        "name": person.name,
        "role": person.role,
        "languages": person.languages,
        "channel": person.channel,
        "phone": person.phone,
        "email": person.email,
        "authority": {"name": authority.name_zh or authority.name_en, "nameEn": authority.name_en,
                      "country": authority.country_id},
    }  # fmt: skip


def partner_outcome(alert: Alert) -> dict:
    """The outcome of one alert as its partner reads it, through the API or the webhook."""
    query_id = alert.query.get("id") if isinstance(alert.query, dict) else None
    return {
        "alert": alert.pk,
        "entity": str(alert.person_id),
        "queryId": query_id if isinstance(query_id, str) else None,
        "context": alert.context,
        "raised": alert.created.isoformat(),
        "outcome": OUTCOMES.get(alert.status, PENDING),
        "decided": alert.decided_on.isoformat() if alert.decided_on and alert.status in OUTCOMES else None,
        "contactPoint": contact_point_json(alert.contact_point) if alert.status in OUTCOMES else None,
    }
