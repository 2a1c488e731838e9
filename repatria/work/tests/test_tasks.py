"""Tasks: the service's rules and notices, the pages per role, the dashboard's task panels."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import member_of, user_of
from repatria.core.services import RuleError
from repatria.notifications.models import Notification
from repatria.work import services
from repatria.work.models import Task, TaskState

TODAY = timezone.localdate()


def give(world, side: str, assignee, days: int = 3, **fields) -> Task:
    fields = {"title": f"核实护照{side}", "case": world["records"][side]["case"], **fields}
    return services.create_task(
        actor=User.objects.get(username="setup"),
        assignee=assignee,
        due_on=TODAY + datetime.timedelta(days=days),
        **fields,
    )


@pytest.mark.django_db
def test_a_task_tells_its_officer_and_may_e_mail_them(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    officer.email = "a@example.org"
    officer.save()
    task = give(world, "A", officer, email=True)
    notice = Notification.objects.get(recipient=officer)
    assert notice.url == task.get_absolute_url() and "核实护照A" in notice.text
    assert task.state == TaskState.OPEN and task.created_by.username == "setup"


@pytest.mark.django_db
def test_the_e_mail_goes_through_the_mail_backend_once_committed(world, django_capture_on_commit_callbacks):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    officer.email = "a@example.org"
    officer.save()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        give(world, "A", officer, email=True)
    assert not mail.outbox  # nothing sent before the commit
    for callback in pending:
        callback()
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        give(world, "A", officer)
    assert len(mail.outbox) == 1  # no e-mail unless asked


@pytest.mark.django_db
def test_a_task_given_to_an_organisation_tells_its_officers_who_may_see_it(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    services.create_task(actor=officer, title="约谈家属", case=world["records"]["A"]["case"],
                         organisation=world["offices"]["A"], due_on=TODAY)  # fmt: skip
    assert Notification.objects.filter(recipient=officer, message__startswith="Task for you").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("members", [2, 5])
def test_the_members_told_of_an_organisations_task_cost_the_same_few_statements(
    world, django_assert_num_queries, members
):
    task = world["records"]["A"]["task"]  # given to A's office, no officer named
    for _ in range(members - 1):  # beside the officer of A's office who uploaded its warrant
        user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"])
    # The members with their organisation; the grants, read once for all (3); whether each reaches the task (1).
    with django_assert_num_queries(1 + 3 + 1):
        assert len(services.doers(task)) == members


@pytest.mark.django_db
def test_an_officer_who_may_not_see_the_case_cannot_be_given_its_task(world):
    other = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["B"])
    with pytest.raises(RuleError):
        give(world, "A", other)
    assert not Notification.objects.filter(recipient=other).exists()


@pytest.mark.django_db
def test_a_task_names_a_subject_and_someone_to_do_it(world):
    admin = User.objects.get(username="setup")
    with pytest.raises(Exception, match="案件或人员"):
        services.create_task(actor=admin, title="x", assignee=admin, due_on=TODAY)
    with pytest.raises(Exception, match="负责"):
        services.create_task(actor=admin, title="x", case=world["records"]["A"]["case"], due_on=TODAY)


@pytest.mark.django_db
def test_only_an_open_task_is_closed_and_its_creator_is_told(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    task = give(world, "A", officer)
    services.move_task(task, TaskState.DONE, actor=officer)
    task.refresh_from_db()
    assert task.state == TaskState.DONE
    assert Notification.objects.filter(recipient__username="setup", message="Task done: %(title)s").exists()
    with pytest.raises(RuleError):
        services.move_task(task, TaskState.CANCELLED, actor=officer)


@pytest.mark.django_db
def test_a_close_from_an_older_version_is_refused(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    task = give(world, "A", officer)
    seen = Task.objects.get(pk=task.pk)
    services.change_task(task, title="改过")
    with pytest.raises(RuleError):
        services.move_task(seen, TaskState.DONE, actor=officer)


@pytest.mark.django_db
def test_the_state_page_closes_a_task(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    task = give(world, "A", officer)
    client.force_login(officer)
    page = client.get(task.get_absolute_url()).content.decode()
    assert reverse("work:task_state", args=[task.pk]) in page
    client.post(reverse("work:task_state", args=[task.pk]), {"new": "done", "version": task.version})
    task.refresh_from_db()
    assert task.state == TaskState.DONE


@pytest.mark.django_db
def test_the_add_page_offers_the_officers_of_ones_organisation(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    colleague = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"])
    stranger = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["B"])
    client.force_login(officer)
    page = client.get(reverse("work:task_add"), {"case": world["records"]["A"]["case"].pk})
    assert page.status_code == 200
    options = page.context["form"].fields["assignee"].queryset
    assert colleague in options and stranger not in options


# The dashboard's panels, per role ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_shows_my_overdue_and_this_weeks_tasks_of_my_province_only(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    give(world, "A", officer, days=2, title="本周任务")
    give(world, "A", officer, days=-3, title="逾期任务")
    give(world, "B", None, organisation=world["offices"]["B"], days=1, title="别省任务")
    client.force_login(officer)
    response = client.get(reverse("dashboard"))
    panels = response.context["tasks"]
    assert [t.title for t in panels["overdue"]] == ["任务A", "逾期任务"]  # the world's task A was due in 2019
    assert [t.title for t in panels["week"]] == ["本周任务"]
    assert {t.title for t in panels["mine"]} == {"任务A", "本周任务", "逾期任务"}
    page = response.content.decode()
    assert "别省任务" not in page and "任务B" not in page
    assert "?overdue=true" in page and "?mine=true&amp;state=open" in page


@pytest.mark.django_db
def test_the_panels_links_list_the_same_tasks(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    give(world, "A", officer, days=-3, title="逾期任务")
    client.force_login(officer)
    listing = client.get(reverse("work:task_list"), {"overdue": "true"}).content.decode()
    assert "逾期任务" in listing and "任务B" not in listing
    mine = client.get(reverse("work:task_list"), {"mine": "true", "state": "open"}).content.decode()
    assert "逾期任务" in mine and "任务A" in mine  # task A was given to the officer's office


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_have_no_task_pages(client, world, role):
    client.force_login(user_of(role))
    assert client.get(reverse("work:task_list")).status_code == 403
    assert client.get(reverse("work:reminders")).status_code == 403
    assert client.get(world["records"]["A"]["task"].get_absolute_url()).status_code == 403


@pytest.mark.django_db
def test_another_provinces_task_is_not_found(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    assert client.get(world["records"]["B"]["task"].get_absolute_url()).status_code == 404
    response = client.post(reverse("work:task_state", args=[world["records"]["B"]["task"].pk]),
                           {"new": "done", "version": 1})  # fmt: skip
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_case_page_lists_its_tasks(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    page = client.get(world["records"]["A"]["case"].get_absolute_url()).content.decode()
    assert "任务A" in page and reverse("work:task_add") + f"?case={world['records']['A']['case'].pk}" in page


# The API calls the same services ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_task_given_through_the_api_follows_the_same_rules(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    colleague = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"])
    stranger = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["B"])
    client.force_login(officer)
    payload = {"title": "调取出入境记录", "case": world["records"]["A"]["case"].pk, "due_on": TODAY.isoformat()}
    response = client.post(reverse("task-list"), payload | {"assignee": colleague.pk}, content_type="application/json")
    assert response.status_code == 201 and response.json()["state"] == "open"
    assert Notification.objects.filter(recipient=colleague).count() == 1
    refused = client.post(reverse("task-list"), payload | {"assignee": stranger.pk}, content_type="application/json")
    assert refused.status_code == 400 and "所指定的承办人无权查看" in refused.content.decode()
    assert stranger.username not in refused.content.decode()
    listing = client.get(reverse("task-list")).json()["results"]
    assert {task["title"] for task in listing} == {"任务A", "调取出入境记录"}


@pytest.mark.django_db
def test_a_task_is_closed_through_the_api_by_the_same_move(client, world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    task = give(world, "A", officer)
    client.force_login(officer)
    url = reverse("task-detail", args=[task.pk])
    born_done = client.post(
        reverse("task-list"),
        {"title": "x", "case": task.case_id, "due_on": TODAY.isoformat(), "state": "done"},
        content_type="application/json",
    )
    assert born_done.status_code == 400 and "新任务均为待办" in born_done.content.decode()
    stale = client.patch(url, {"state": "done", "version": task.version + 1}, content_type="application/json")
    assert stale.status_code == 409
    done = client.patch(url, {"state": "done", "version": task.version}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert Notification.objects.filter(recipient__username="setup", message="Task done: %(title)s").exists()
    again = client.patch(
        url, {"state": "cancelled", "version": done.json()["version"]}, content_type="application/json"
    )
    assert again.status_code == 400 and "只有待办任务" in again.content.decode()
    task.refresh_from_db()
    assert task.state == TaskState.DONE
