"""Signed webhooks: an alert's outcome pushed to the endpoint of the token that raised it (docs/WEBHOOKS.md).

Each POST carries `X-Repatria-Timestamp` (Unix seconds) and `X-Repatria-Signature: sha256=<hex>`, the HMAC-SHA256 of
`<timestamp>.<body>` under the token's secret: the receiver checks the signature and refuses an old timestamp, so a
captured message cannot be replayed. A failed attempt is retried with exponential backoff; every attempt is logged
on its WebhookDelivery (attempts, status, next attempt, response code).

The secret is never stored: the endpoint keeps a random salt, and the secret is the HMAC of it under the server's
SECRET_KEY (as Django derives its session hashes), recomputed when signing. The administrator sees it once, when it
is made; a new one replaces it.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import ipaddress
import json
import secrets
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from repatria.core.services import RuleError

from .models import Alert, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from .outcomes import partner_outcome

EVENT = "alert.outcome"
TIMESTAMP_HEADER = "X-Repatria-Timestamp"
SIGNATURE_HEADER = "X-Repatria-Signature"
# How old a timestamp a receiver should accept (seconds), as the documentation advises.
TOLERANCE = 300
TIMEOUT = 10  # seconds a receiver has to answer
MAX_ATTEMPTS = 8
FIRST_RETRY = datetime.timedelta(seconds=30)
LONGEST_WAIT = datetime.timedelta(hours=6)
# A delivery taken by a worker is not due for others this long (a worker that dies mid-attempt is retried after it).
LEASE = datetime.timedelta(seconds=TIMEOUT * 3)
BATCH = 20
SECRET_START = "whsec_"  # noqa: S105 - the prefix that tells a webhook secret apart, not a secret
KEY_SALT = "repatria webhook secret v1"  # fixed: changing it would change every secret


# --- The secret and the signature ----------------------------------------------------------------------------


def signing_secret(endpoint: WebhookEndpoint) -> str:
    """The endpoint's secret, derived from its salt and the server's key: the database alone does not hold it."""
    return SECRET_START + salted_hmac(KEY_SALT, endpoint.secret_salt, algorithm="sha256").hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the secret."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, timestamp: str, signature: str, *, now: float | None = None) -> bool:
    """What a receiver checks: the signature is right and the timestamp at most TOLERANCE seconds from now."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - sent) > TOLERANCE:
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature or "")


# --- The endpoint the administrators set ---------------------------------------------------------------------


def _check_url(url: str) -> None:
    """HTTPS, or plain HTTP to this machine only (a receiver under test): outcomes never cross a network in clear."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    try:
        loopback = parts.scheme == "http" and ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        loopback = parts.hostname == "localhost"
    if not loopback:
        raise RuleError(_("A webhook URL must start with https:// (plain http:// only to this machine)."))


@transaction.atomic
def set_endpoint(token, *, url: str, enabled: bool = True, new_secret: bool = False) -> tuple[WebhookEndpoint, str]:
    """Set the token's webhook URL; the secret is made with the endpoint, or anew when asked. Returns the endpoint
    and its secret when it was just made (to be shown once), else an empty string."""
    _check_url(url)
    endpoint = WebhookEndpoint.objects.select_for_update().filter(token=token).first()
    endpoint = endpoint or WebhookEndpoint(token=token)
    made = new_secret or not endpoint.secret_salt
    if made:
        endpoint.secret_salt = secrets.token_hex(32)
    endpoint.url, endpoint.enabled = url, enabled
    endpoint.save()
    return endpoint, signing_secret(endpoint) if made else ""


# --- Queueing and delivering ---------------------------------------------------------------------------------


def _endpoint_of(alert: Alert) -> WebhookEndpoint | None:
    """The enabled webhook of the token that raised the alert, if it has one and is not revoked."""
    endpoints = WebhookEndpoint.objects.filter(token__user_id=alert.log.user_id, token__revoked=None, enabled=True)
    return endpoints.first()


def queue_outcome(alert: Alert) -> WebhookDelivery | None:
    """A delivery of the alert's outcome to its token's webhook, due now (in the caller's transaction)."""
    endpoint = _endpoint_of(alert)
    if endpoint is None:
        return None
    body = json.dumps({"event": EVENT, "outcome": partner_outcome(alert)}, ensure_ascii=False, separators=(",", ":"))
    return WebhookDelivery.objects.create(endpoint=endpoint, alert=alert, body=body, next_attempt=timezone.now())


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the given number of failed attempts: 30 s, 1 min, 2 min … at most 6 hours."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other (not a success): the message goes only to the URL set."""

    def redirect_request(self, *args, **kwargs) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """One signed POST; the response code (None if none came) and what went wrong."""
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Repatria-Webhook/1",
        "X-Repatria-Event": EVENT,
        "X-Repatria-Delivery": str(delivery.pk),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(signing_secret(endpoint), timestamp, body),
    }
    request = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")  # noqa: S310 - checked
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (OSError, ValueError) as error:  # refused, timed out, unreachable
        return None, (str(getattr(error, "reason", "")) or type(error).__name__)[:300]


def attempt(delivery: WebhookDelivery, now: datetime.datetime | None = None) -> WebhookDelivery:
    """Try the delivery once and log the attempt: delivered on a 2xx, else retried later or, after MAX_ATTEMPTS,
    failed."""
    code, error = _post(delivery)
    now = now or timezone.now()
    delivery.attempts += 1
    delivery.last_attempt, delivery.response_code, delivery.error = now, code, error
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.next_attempt = DeliveryStatus.DELIVERED, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt = DeliveryStatus.FAILED, None
    else:
        delivery.next_attempt = now + backoff(delivery.attempts)
    delivery.save()
    return delivery


def _claim(now: datetime.datetime) -> list[WebhookDelivery]:
    """The deliveries due, each leased so that another worker does not try it at the same time."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt__lte=now, endpoint__enabled=True, endpoint__token__revoked=None
    ).order_by("next_attempt")  # a disabled webhook or a revoked token keeps its deliveries waiting
    claimed = []
    for delivery in due.select_related("endpoint")[:BATCH]:
        leased = WebhookDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.PENDING, next_attempt=delivery.next_attempt
        ).update(next_attempt=now + LEASE)
        if leased:
            claimed.append(delivery)
    return claimed


def deliver_due(now: datetime.datetime | None = None) -> int:
    """Attempt every delivery due (a batch at most); how many were attempted."""
    claimed = _claim(now or timezone.now())
    for delivery in claimed:
        attempt(delivery)
    return len(claimed)
