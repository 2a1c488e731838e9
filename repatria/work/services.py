"""Business rules of tasks: who may be given one, and the moves from open to done or cancelled, each told to the
people concerned. Pages, the API and commands call these instead of saving tasks themselves."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from repatria.accounts.models import User
from repatria.core.querysets import allows, reaching
from repatria.core.services import RuleError, change_record, lock_as_seen
from repatria.notifications.models import NotificationKind
from repatria.notifications.services import notify

from .models import Task, TaskState


def _check_assignee(task: Task) -> None:
    """An officer given a task must be able to see what it is about."""
    if task.assignee is not None and not allows(task.assignee, task.subject, "view"):
        raise RuleError(_("The officer given the task may not see what it is about."))


def doers(task: Task) -> list[User]:
    """Who is told of a task: its officer, or the officers of its organisation who may see it."""
    if task.assignee is not None:
        return [task.assignee]
    members = User.objects.filter(organisation=task.organisation, is_active=True).select_related("organisation")
    return reaching(members, task, "view")


@transaction.atomic
def create_task(*, actor, email: bool = False, **fields) -> Task:
    """A new open task; whoever is to do it is notified (and e-mailed, with `email`)."""
    task = Task(created_by=actor, **fields)
    task.full_clean()
    _check_assignee(task)
    task.save()
    notify(
        doers(task), kind=NotificationKind.TASK, url=task.get_absolute_url(), email=email,
        message=gettext_noop("Task for you: %(title)s, due %(due)s"), params={"title": task.title, "due": task.due_on},
    )  # fmt: skip
    return task


@transaction.atomic
def change_task(task: Task, **fields) -> Task:
    change_record(task, **fields)
    _check_assignee(task)
    return task


CLOSED_MESSAGES = {TaskState.DONE: gettext_noop("Task done: %(title)s"),
                   TaskState.CANCELLED: gettext_noop("Task cancelled: %(title)s")}  # fmt: skip


@transaction.atomic
def move_task(task: Task, new: str, *, actor) -> Task:
    """Close an open task as done or cancelled, from the version the user saw; its creator is told."""
    current = lock_as_seen(task, "state")
    if current.state != TaskState.OPEN or new == TaskState.OPEN:
        raise RuleError(_("Only an open task can be marked done or cancelled."))
    current.state = new
    current.save(update_fields=["state", "updated"])
    if current.created_by and current.created_by != actor:
        notify(
            [current.created_by], kind=NotificationKind.TASK, url=current.get_absolute_url(),
            message=CLOSED_MESSAGES[new], params={"title": current.title},
        )  # fmt: skip
    return current
