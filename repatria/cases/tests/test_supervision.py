"""Key-case supervision: who supervises since when, the progress reports due and received, the overdue list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import build_world, member_of, user_of
from repatria.cases import supervision
from repatria.cases.models import Case, CaseStatus, Supervision
from repatria.core.services import RuleError
from repatria.notifications.models import Notification, NotificationKind

TODAY = timezone.localdate()


@pytest.fixture
def world(db) -> dict:
    """The world's cases open again (their persons returned), each supervised since 2019, last reported 2019-02-01."""
    world = build_world()
    Case.objects.update(status=CaseStatus.AT_LARGE)
    return world


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.mark.django_db
def test_the_next_report_is_due_an_interval_after_the_last_one_or_the_start():
    placed = Supervision(since=datetime.date(2020, 1, 1), report_every_days=30)
    assert placed.next_report_due() == datetime.date(2020, 1, 31)
    assert placed.next_report_due(datetime.date(2020, 3, 1)) == datetime.date(2020, 3, 31)


@pytest.mark.django_db
def test_placing_a_case_under_supervision_tells_its_officers(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    case = world["records"]["A"]["case"]
    admin = User.objects.get(username="setup")
    supervision.place_under_supervision(
        actor=admin, case=case, supervisor="procuratorate", since=days_ago(5), report_every_days=14
    )
    notice = Notification.objects.get(recipient=officer, kind=NotificationKind.SUPERVISION)
    assert notice.text == f"案件ZT-A已被挂牌督办，须于{days_ago(5) + datetime.timedelta(days=14)}前报送进展报告"


@pytest.mark.django_db
def test_reports_and_starts_are_not_dated_in_the_future_or_before_the_start(world):
    running = world["records"]["A"]["supervision"]
    with pytest.raises(RuleError, match="早于督办起始日"):
        supervision.receive_report(supervision=running, received_on=datetime.date(2018, 1, 1))
    with pytest.raises(RuleError, match="不能晚于今天"):
        supervision.receive_report(supervision=running, received_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(RuleError, match="不能晚于今天"):
        supervision.place_under_supervision(actor=None, case=running.case, supervisor="police",
                                            since=TODAY + datetime.timedelta(days=1))  # fmt: skip


@pytest.mark.django_db
def test_overdue_lists_the_late_supervisions_of_ones_province_only(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    late = world["records"]["A"]["supervision"]  # its last report was received in 2019
    (found,) = supervision.overdue(officer)
    assert found == late and (found.last_report, found.due) == (datetime.date(2019, 2, 1), datetime.date(2019, 3, 3))
    supervision.receive_report(supervision=late, received_on=TODAY)
    assert supervision.overdue(officer) == []
    analyst = user_of(Role.ANALYST)
    assert [s.case.number for s in supervision.overdue(analyst)] == ["ZT-B"]


@pytest.mark.django_db
def test_an_ended_supervision_or_a_closed_case_is_not_overdue(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    supervision.change_supervision(world["records"]["A"]["supervision"], ended_on=days_ago(1))
    assert supervision.overdue(officer) == []
    supervision.change_supervision(world["records"]["A"]["supervision"], ended_on=None)
    Case.objects.update(status=CaseStatus.CLOSED)
    assert supervision.overdue(officer) == []


@pytest.mark.django_db
def test_the_case_page_and_the_dashboard_show_the_overdue_report(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    case_page = client.get(world["records"]["A"]["case"].get_absolute_url()).content.decode()
    assert "中央追逃办" in case_page and "下次报告截止 2019-03-03" in case_page and "进展报告A" in case_page
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "进展报告逾期的督办案件" in dashboard and reverse("cases:supervision_overdue") in dashboard
    listing = client.get(reverse("cases:supervision_overdue")).content.decode()
    assert "ZT-A" in listing and "2019-03-03" in listing and "ZT-B" not in listing


@pytest.mark.django_db
def test_a_report_is_recorded_from_the_case_page(client, world):
    running = world["records"]["A"]["supervision"]
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    add = reverse("cases:progressreport_add")
    assert client.get(add, {"supervision": running.pk}).status_code == 200
    response = client.post(add, {"supervision": running.pk, "received_on": TODAY.isoformat(), "summary": "已约谈"})
    assert response.status_code == 302 and response.url == running.case.get_absolute_url()
    assert running.reports.filter(summary="已约谈").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [(Role.PARTNER, 403), (Role.AUDITOR, 403)])
def test_partners_and_auditors_see_no_supervision(client, world, role, status):
    client.force_login(user_of(role))
    assert client.get(reverse("cases:supervision_overdue")).status_code == status


@pytest.mark.django_db
def test_another_provinces_supervision_is_out_of_reach(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    other = world["records"]["B"]["supervision"]
    assert client.get(reverse("cases:supervision_edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("cases:progressreport_add"), {"supervision": other.pk}).status_code == 404


@pytest.mark.django_db
def test_the_overdue_list_takes_its_grants_and_one_query_however_many_reports(world, django_assert_num_queries):
    analyst = user_of(Role.ANALYST)
    for side in "AB":
        supervision.receive_report(supervision=world["records"][side]["supervision"], received_on=days_ago(400))
    with django_assert_num_queries(4):  # the user's grants (3), the supervisions with their last report's day
        late = supervision.overdue(analyst)
    assert [s.case.number for s in late] == ["ZT-A", "ZT-B"]
