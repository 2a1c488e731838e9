"""Transfer of a case to another province or lead organisation: the rule, the notices, the history, the page."""

import pytest
from django.urls import reverse

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import build_world, member_of, user_of
from repatria.cases.models import Case, EventKind
from repatria.cases.officers import officers_of
from repatria.cases.services import transfer_case
from repatria.core.services import RuleError
from repatria.notifications.models import Notification, NotificationKind


@pytest.fixture
def world(db) -> dict:
    return build_world()


def to_b(world, case: Case, *, actor=None, reason: str = "嫌疑人户籍地在B省") -> Case:
    return transfer_case(case=case, province=world["offices"]["B"].province, lead_organisation=world["offices"]["B"],
                         reason=reason, actor=actor or User.objects.get(username="setup"))  # fmt: skip


@pytest.mark.django_db
def test_a_transfer_moves_the_case_tells_both_sides_and_keeps_the_history(world):
    giving = member_of(world, Role.PROVINCIAL_OFFICER)
    taking = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["B"])
    bystander = user_of(Role.PROVINCIAL_OFFICER, None)
    case = to_b(world, Case.objects.get(number="ZT-A"))
    case.refresh_from_db()
    assert case.province_id == "330000" and case.lead_organisation == world["offices"]["B"]
    notices = Notification.objects.filter(kind=NotificationKind.TRANSFER)
    told = set(notices.values_list("recipient__username", flat=True))
    assert {giving.username, taking.username} <= told and bystander.username not in told
    assert set(notices.values_list("recipient__organisation", flat=True)) == {o.pk for o in world["offices"].values()}
    event = case.events.get(kind=EventKind.TRANSFERRED)
    assert event.data["reason"] == "嫌疑人户籍地在B省" and "A省追逃办" in event.data["old"]
    notice = Notification.objects.filter(recipient=giving).get()
    assert notice.text.startswith("案件ZT-A已由") and notice.url == case.get_absolute_url()


@pytest.mark.django_db
def test_statistics_follow_the_case_to_its_new_province(world):
    taking = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["B"])
    giving = member_of(world, Role.PROVINCIAL_OFFICER)
    to_b(world, Case.objects.get(number="ZT-A"))
    assert Case.objects.restrict(taking).filter(number="ZT-A").exists()
    assert not Case.objects.restrict(giving).filter(number="ZT-A").exists()


@pytest.mark.django_db
def test_a_transfer_needs_a_reason_and_somewhere_else_to_go(world):
    case = Case.objects.get(number="ZT-A")
    with pytest.raises(RuleError, match="移交理由"):
        to_b(world, case, reason="  ")
    with pytest.raises(RuleError, match="已由此省份"):
        transfer_case(case=case, province=case.province, lead_organisation=case.lead_organisation, reason="x",
                      actor=User.objects.get(username="setup"))  # fmt: skip


@pytest.mark.django_db
def test_a_transfer_from_an_older_version_is_refused(world):
    seen = Case.objects.get(number="ZT-A")
    Case.objects.get(number="ZT-A").save()  # someone else saved it meanwhile
    with pytest.raises(RuleError):
        to_b(world, seen)


@pytest.mark.django_db
def test_the_officer_transfers_from_the_page_and_goes_to_the_dashboard(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    case = Case.objects.get(number="ZT-A")
    client.force_login(officer)
    page = client.get(reverse("cases:case_transfer", args=[case.pk]))
    assert page.status_code == 200 and "移交案件" in page.content.decode()
    office_b = world["offices"]["B"]
    data = {"province": office_b.province_id, "lead_organisation": office_b.pk, "reason": "", "version": case.version}
    refused = client.post(reverse("cases:case_transfer", args=[case.pk]), data)
    assert refused.status_code == 200 and "请填写移交理由" in refused.content.decode()
    response = client.post(reverse("cases:case_transfer", args=[case.pk]), data | {"reason": "户籍地"})
    assert response.status_code == 302 and response.url == reverse("dashboard")  # the case is out of reach now


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [(Role.PARTNER, 403), (Role.AUDITOR, 403), (Role.ANALYST, 404)])
def test_who_may_not_change_a_case_may_not_transfer_it(client, world, role, status):
    client.force_login(user_of(role))
    assert client.get(reverse("cases:case_transfer", args=[world["records"]["A"]["case"].pk])).status_code == status


@pytest.mark.django_db
def test_another_provinces_case_cannot_be_transferred(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    case_b = world["records"]["B"]["case"]
    office_a = world["offices"]["A"]
    data = {"province": office_a.province_id, "lead_organisation": office_a.pk, "reason": "x", "version": 1}
    assert client.post(reverse("cases:case_transfer", args=[case_b.pk]), data).status_code == 404
    case_b.refresh_from_db()
    assert case_b.province_id == "330000"


@pytest.mark.django_db
@pytest.mark.parametrize("officers", [2, 5])
def test_the_officers_of_a_case_cost_the_same_few_statements_however_many(world, django_assert_num_queries, officers):
    case = world["records"]["A"]["case"]
    for _ in range(officers - 1):  # beside the officer of A's office who uploaded its warrant
        user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"])
    # The candidates with their organisation; the grants, read once for all (3); whether each reaches the case (1).
    with django_assert_num_queries(1 + 3 + 1):
        assert len(officers_of(case)) == officers
