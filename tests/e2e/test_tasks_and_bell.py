"""The officer's day: a task given from a case page rings a colleague's bell and stands on their dashboard; done,
it rings the giver's."""

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officers(django_user_model):
    from repatria.accounts.models import Role
    from repatria.accounts.tests.world import build_world

    world = build_world()
    office = world["offices"]["A"]
    make = django_user_model.objects.create_user
    giver = make("giver", password="correct horse 9", role=Role.PROVINCIAL_OFFICER, organisation=office)
    doer = make("doer", password="correct horse 9", role=Role.PROVINCIAL_OFFICER, organisation=office,
                full_name="李承办")  # fmt: skip
    return world, giver, doer


def test_a_task_rings_the_bell_and_stands_on_the_dashboard(page, second_page, sign_in, officers, csp_violations):
    world, giver, doer = officers
    due = timezone.localdate() + datetime.timedelta(days=2)
    page.goto("/login/")
    sign_in(giver, "correct horse 9")
    page.goto(world["records"]["A"]["case"].get_absolute_url())
    page.get_by_role("link", name="添加任务").click()
    page.fill("#id_title", "核实护照号码")
    page.select_option("#id_assignee", label="李承办")
    page.fill("#id_due_on", due.isoformat())
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="核实护照号码").wait_for()

    second_page.goto("/login/")
    sign_in(doer, "correct horse 9", on=second_page)
    second_page.get_by_role("heading", name="工作台").wait_for()
    bell = second_page.locator(".notification-bell")
    assert bell.locator(".unread-count").inner_text() == "1"
    assert "核实护照号码" in second_page.locator("#my-tasks").inner_text()
    assert "核实护照号码" in second_page.locator("#week-tasks").inner_text()
    assert "核实护照号码" not in second_page.locator("#overdue-tasks").inner_text()

    bell.click()
    second_page.get_by_role("heading", name="通知").wait_for()
    assert "交给您的任务：核实护照号码" in second_page.locator(".notifications").inner_text()
    second_page.get_by_role("button", name="打开").click()
    second_page.get_by_role("heading", name="核实护照号码").wait_for()
    assert second_page.locator(".notification-bell .unread-count").count() == 0
    second_page.select_option("#id_new", "done")
    second_page.get_by_role("button", name="更改状态").click()
    second_page.get_by_text("任务已标为“已完成”。").wait_for()

    page.goto("/")
    assert page.locator(".notification-bell .unread-count").inner_text() == "1"
    page.locator(".notification-bell").click()
    assert "任务已完成：核实护照号码" in page.locator(".notifications").inner_text()
    assert not csp_violations
