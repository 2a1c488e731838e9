"""A draft request is deleted by an officer of its reach; any request that has gone further is kept (withdrawn,
never deleted): the service refuses it, the page says why, the API answers 409 as for a record still referred to."""

import pytest
from django.urls import reverse

from repatria.accounts.testing import verified_login
from repatria.cooperation import services
from repatria.cooperation.models import Request, RequestCheck, RequestState
from repatria.core.services import KeptError

pytestmark = pytest.mark.django_db
KEPT = "只能删除草稿状态的请求"


def advanced(request: Request, state: str) -> Request:
    Request.objects.filter(pk=request.pk).update(state=state)
    request.refresh_from_db()
    return request


def another(draft: Request, drafter) -> Request:
    """A second draft on the same case."""
    return services.open_request(
        actor=drafter, direction="outgoing", kind="mla_evidence", case=draft.case, country=draft.country,
        organisation=draft.organisation, channel="diplomatic",
    )  # fmt: skip


def test_the_service_deletes_a_draft_with_its_checks(draft):
    services.delete_request(draft)
    assert not Request.objects.filter(pk=draft.pk).exists()
    assert not RequestCheck.objects.filter(request=draft.pk).exists()


@pytest.mark.parametrize("state", [s for s in RequestState.values if s != RequestState.DRAFT])
def test_the_service_keeps_every_request_past_draft(draft, state):
    with pytest.raises(KeptError) as kept:
        services.delete_request(advanced(draft, state))
    assert KEPT in str(kept.value) and "撤回" in str(kept.value)
    assert Request.objects.filter(pk=draft.pk).exists()


def test_the_page_deletes_a_draft_and_keeps_a_request_in_review(client, drafter, draft):
    verified_login(client, drafter)
    url = reverse("cooperation:request_delete", args=[draft.pk])
    assert f'href="{url}"' in client.get(draft.get_absolute_url()).content.decode()
    second = another(draft, drafter)
    assert client.post(url).status_code == 302
    assert not Request.objects.filter(pk=draft.pk).exists()

    reviewed = advanced(second, RequestState.REVIEW)
    url = reverse("cooperation:request_delete", args=[reviewed.pk])
    assert url not in client.get(reviewed.get_absolute_url()).content.decode()  # no button for what is kept
    page = client.post(url, follow=True)
    assert KEPT in page.content.decode()
    assert Request.objects.filter(pk=reviewed.pk).exists()


def test_the_api_deletes_a_draft_and_answers_409_for_a_sent_request(client, drafter, draft):
    verified_login(client, drafter)
    second = another(draft, drafter)
    assert client.delete(f"/api/cooperation/requests/{draft.pk}/").status_code == 204
    assert not Request.objects.filter(pk=draft.pk).exists()

    sent = advanced(second, RequestState.SENT)
    response = client.delete(f"/api/cooperation/requests/{sent.pk}/")
    assert response.status_code == 409
    assert KEPT in response.json()["detail"] and "已发出" in response.json()["detail"]
    assert Request.objects.filter(pk=sent.pk).exists()
