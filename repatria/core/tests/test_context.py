"""The request id and client address the audit trail stores: the site's own, or a proxy's when the deployment says a
proxy sets them."""

import pytest
from django.test import Client
from django.urls import reverse

from repatria.core.context import client_address

HOSTILE = ["<script>alert(1)</script>", "x" * 5000, "req 42", "短"]


@pytest.mark.django_db
@pytest.mark.parametrize("from_proxy", [False, True])
@pytest.mark.parametrize("sent", ["4f6c2a1e-9b1d-4e8e-a0c3-2f1b9d7e6a55", *HOSTILE])
def test_a_client_chooses_no_request_id_unless_a_proxy_is_trusted_to(officer_client, settings, from_proxy, sent):
    settings.REQUEST_ID_FROM_PROXY = from_proxy
    kept = from_proxy and sent not in HOSTILE
    first = officer_client.get(reverse("dashboard"), HTTP_X_REQUEST_ID=sent).headers["X-Request-ID"]
    second = officer_client.get(reverse("dashboard"), HTTP_X_REQUEST_ID=sent).headers["X-Request-ID"]
    assert (first == sent) is kept
    assert (first == second) is kept  # a new id for every request of its own
    assert len(first) <= 64 and first.replace("-", "").isalnum()


# Behind a proxy (BEHIND_PROXY), the client's address is the one the proxy saw, the last of X-Forwarded-For: the audit
# trail stores it and the lockout after wrong passwords counts by it. Without, and for anything not an address, the
# address the request came from.
@pytest.mark.parametrize(
    "behind_proxy, forwarded, expected",
    [
        (True, "203.0.113.7", "203.0.113.7"),
        (True, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client wrote the first one
        (True, "2001:db8::7", "2001:db8::7"),
        (True, "<script>", "10.0.0.2"),
        (True, "", "10.0.0.2"),
        (False, "203.0.113.7", "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_proxys_word_only_behind_a_proxy(rf, settings, behind_proxy, forwarded, expected):
    settings.BEHIND_PROXY = behind_proxy
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_behind_a_proxy_wrong_passwords_lock_out_the_address_the_proxy_saw_not_the_proxy(client, officer, settings):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"}, **proxy,
                    HTTP_X_FORWARDED_FOR="203.0.113.66")  # fmt: skip
    locked = client.post(reverse("login"), {"username": "officer", "password": "correct horse 9"}, **proxy,
                         HTTP_X_FORWARDED_FOR="203.0.113.66")  # fmt: skip
    assert locked.status_code == 429
    elsewhere = Client().post(reverse("login"), {"username": "officer", "password": "correct horse 9"}, **proxy,
                              HTTP_X_FORWARDED_FOR="198.51.100.1")  # fmt: skip
    assert elsewhere.status_code == 302
