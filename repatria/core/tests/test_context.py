"""The request id the audit trail stores: the site's own, or a proxy's when the deployment says a proxy sets it."""

import pytest
from django.urls import reverse

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
