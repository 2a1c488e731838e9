"""Signed webhooks, delivered to a real HTTP receiver on 127.0.0.1 that checks the signature as docs/WEBHOOKS.md
tells partners to, refuses a replayed timestamp, and fails on demand to make the worker retry with backoff."""

import datetime
import hashlib
import hmac
import io
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import ApiToken
from repatria.audit.models import AuditEntry
from repatria.core.services import RuleError
from repatria.screening import services, webhooks
from repatria.screening.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

from .outcome_helpers import contact_person, raise_alert

TOLERANCE = 300


class Receiver(ThreadingHTTPServer):
    """A partner's endpoint: answers the queued codes (200 once they run out), keeps what it accepted."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.secret = ""
        self.codes: list[int] = []
        self.received: list[dict] = []  # every request, accepted or not
        self.clock = time.time  # the receiver's clock, moved on to replay a message late

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/hooks/repatria"

    def check(self, body: bytes, timestamp: str, signature: str) -> bool:
        """The receiver's own check, written from the documentation (not with the server's code)."""
        expected = (
            "sha256=" + hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        )
        fresh = timestamp.isdigit() and abs(self.clock() - int(timestamp)) <= TOLERANCE
        return fresh and hmac.compare_digest(expected, signature)


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {key: self.headers.get(key, "") for key in ("X-Repatria-Timestamp", "X-Repatria-Signature")}
        valid = self.server.check(body, headers["X-Repatria-Timestamp"], headers["X-Repatria-Signature"])
        code = (self.server.codes.pop(0) if self.server.codes else 200) if valid else 400
        self.server.received.append({"body": body, "headers": headers, "valid": valid, "code": code})
        self.send_response(code)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hooked(partner_api, receiver, case):
    """The partner's token with its webhook at the receiver, which holds the secret; the alert the token raised."""
    alert = raise_alert(partner_api)
    token = ApiToken.objects.get(user=alert.log.user)
    _endpoint, receiver.secret = webhooks.set_endpoint(token, url=receiver.url)
    return alert


def new_token(token_key) -> ApiToken:
    return ApiToken.objects.get(prefix=token_key()[: tokens.PREFIX_LENGTH])


def replay(receiver: Receiver, message: dict) -> int:
    """Send a captured message again, byte for byte, as an eavesdropper would."""
    headers = message["headers"]
    request = urllib.request.Request(receiver.url, data=message["body"], headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - the test's own receiver
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db
def test_the_outcome_is_delivered_signed_and_a_replay_is_refused(hooked, receiver, officer):
    services.confirm(hooked, officer, "内部备注", contact_point=contact_person())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)

    out = io.StringIO()
    call_command("webhook_worker", "--once", stdout=out)
    assert out.getvalue() == "webhook deliveries attempted: 1\n"

    [message] = receiver.received
    assert message["valid"] and message["code"] == 200
    sent = json.loads(message["body"])
    assert sent["event"] == "alert.outcome"
    assert sent["outcome"]["alert"] == hooked.pk and sent["outcome"]["outcome"] == "confirmed"
    assert sent["outcome"]["contactPoint"]["name"] == "Liaison Officer A"
    assert set(sent["outcome"]) == {
        "alert", "entity", "queryId", "context", "raised", "outcome", "decided", "contactPoint"
    }  # fmt: skip
    for hidden in (hooked.case.number, "内部备注", "not-for-partners"):
        assert hidden not in message["body"].decode(), hidden
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert delivery.next_attempt is None and delivery.last_attempt is not None

    assert replay(receiver, message) == 200  # at once, the timestamp is still fresh (a receiver may keep ids too)
    receiver.clock = lambda: time.time() + TOLERANCE + 1
    assert replay(receiver, message) == 400  # later, the old timestamp gives it away
    forged = {**message, "headers": {**message["headers"], "X-Repatria-Timestamp": str(int(time.time()) + 400)}}
    assert replay(receiver, forged) == 400  # and a new timestamp breaks the signature
    assert webhooks.verify(receiver.secret, message["body"], **_signed(message))
    assert not webhooks.verify(receiver.secret, message["body"], **_signed(message), now=time.time() + 301)


def _signed(message: dict) -> dict:
    return {
        "timestamp": message["headers"]["X-Repatria-Timestamp"],
        "signature": message["headers"]["X-Repatria-Signature"],
    }


@pytest.mark.django_db
def test_a_500_is_retried_with_backoff_and_logged(hooked, receiver, officer):
    receiver.codes = [500, 503]
    services.mark_false_positive(hooked, officer)
    start = timezone.now()

    assert webhooks.deliver_due() == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.PENDING, 1, 500)
    assert start + datetime.timedelta(seconds=29) < delivery.next_attempt < timezone.now() + datetime.timedelta(40)
    assert webhooks.deliver_due() == 0  # not due yet

    assert webhooks.deliver_due(now=delivery.next_attempt) == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code) == (2, 503)
    assert delivery.next_attempt > timezone.now() + datetime.timedelta(seconds=55)  # twice the wait

    assert webhooks.deliver_due(now=delivery.next_attempt) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.DELIVERED, 3, 200)
    assert [m["code"] for m in receiver.received] == [500, 503, 200]
    assert len({m["body"] for m in receiver.received}) == 1  # the same bytes each time
    assert all(m["valid"] for m in receiver.received)


@pytest.mark.django_db
def test_the_last_attempt_fails_the_delivery_and_an_unreachable_receiver_is_logged(hooked, receiver, officer):
    receiver.codes = [500]
    services.confirm(hooked, officer)
    WebhookDelivery.objects.update(attempts=webhooks.MAX_ATTEMPTS - 1)
    webhooks.deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt) == (
        DeliveryStatus.FAILED,
        webhooks.MAX_ATTEMPTS,
        None,
    )

    WebhookEndpoint.objects.update(url="http://127.0.0.1:9/closed")
    WebhookDelivery.objects.update(status=DeliveryStatus.PENDING, attempts=0, next_attempt=timezone.now())
    webhooks.deliver_due()
    delivery.refresh_from_db()
    assert delivery.response_code is None and delivery.error and delivery.attempts == 1


def test_backoff_doubles_up_to_six_hours():
    assert [webhooks.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert webhooks.backoff(30) == datetime.timedelta(hours=6)


@pytest.mark.django_db
def test_only_the_raising_tokens_enabled_webhook_is_called(partner_api, token_key, receiver, officer, case):
    alert = raise_alert(partner_api)
    webhooks.set_endpoint(new_token(token_key), url=receiver.url)  # another token of the same partner
    services.confirm(alert, officer)
    assert not WebhookDelivery.objects.exists()  # its own token has no webhook

    alert = raise_alert(partner_api, {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"]}})
    own = ApiToken.objects.get(user=alert.log.user)
    webhooks.set_endpoint(own, url=receiver.url, enabled=False)
    services.confirm(alert, officer)
    assert not WebhookDelivery.objects.exists()

    alert = raise_alert(
        partner_api, {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "gender": ["female"]}}
    )
    webhooks.set_endpoint(own, url=receiver.url, enabled=True)
    tokens.revoke_token(own)
    services.confirm(alert, officer)
    assert not WebhookDelivery.objects.exists()  # a revoked token hears nothing


@pytest.mark.django_db
def test_a_webhook_url_is_https_or_this_machine(partner_api, token_key):
    token = new_token(token_key)
    with pytest.raises(RuleError, match="https://"):
        webhooks.set_endpoint(token, url="http://partner.example.org/hook")
    webhooks.set_endpoint(token, url="https://partner.example.org/hook")
    webhooks.set_endpoint(token, url="http://localhost:8080/hook")


@pytest.mark.django_db
def test_the_administrator_sets_the_webhook_and_sees_the_secret_once(officer_client, token_key, officer):
    token = new_token(token_key)
    url = reverse("screening:webhook", args=[token.pk])
    assert "webhook" in officer_client.get(reverse("accounts:token_list")).content.decode()

    response = officer_client.post(url, {"url": "https://partner.example.org/hook", "enabled": "on"})
    page = response.content.decode()
    endpoint = WebhookEndpoint.objects.get(token=token)
    secret = webhooks.signing_secret(endpoint)
    assert secret in page and "仅显示这一次" in page and "no-cache" in response["Cache-Control"]
    assert secret not in officer_client.get(url).content.decode()
    assert secret not in endpoint.secret_salt and endpoint.secret_salt not in secret
    audited = json.dumps([e.after for e in AuditEntry.objects.filter(object_type__model="webhookendpoint")])
    assert endpoint.secret_salt not in audited

    response = officer_client.post(url, {"url": "https://partner.example.org/hook2", "enabled": "on"})
    assert "whsec_" not in response.content.decode()  # the same secret, not shown again
    response = officer_client.post(url, {"url": "https://partner.example.org/hook2", "new_secret": "on"})
    endpoint.refresh_from_db()
    assert (
        webhooks.signing_secret(endpoint) != secret and webhooks.signing_secret(endpoint) in response.content.decode()
    )
    assert not endpoint.enabled
    refused = officer_client.post(url, {"url": "http://partner.example.org/hook"}).content.decode()
    assert "webhook URL" in refused or "https://" in refused


@pytest.mark.django_db
def test_only_central_administrators_set_webhooks(client, token_key, provincial_officer):
    token = new_token(token_key)
    client.force_login(provincial_officer)
    assert client.get(reverse("screening:webhook", args=[token.pk])).status_code == 403


def test_the_production_server_runs_the_webhook_worker():
    from repatria.core.serving import commands

    assert [cmd[-1] for cmd in commands(bind="127.0.0.1:8000", workers=1, timeout=1)][1:] == [
        "screening-worker", "webhook-worker"
    ]  # fmt: skip
