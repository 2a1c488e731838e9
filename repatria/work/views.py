from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from repatria.core.querysets import allows
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, OfficerRequiredMixin, StatusChangeView

from . import reminders, services
from .filtersets import TaskFilterSet
from .forms import TaskForm, TaskStateForm
from .models import Task, TaskState
from .tables import TaskTable

CLOSING = [(TaskState.DONE, TaskState.DONE.label), (TaskState.CANCELLED, TaskState.CANCELLED.label)]


class TaskListView(ObjectListView):
    table_class = TaskTable
    filterset_class = TaskFilterSet
    queryset = Task.objects.select_related("case", "person", "assignee", "organisation")


class TaskView(ObjectDetailView):
    queryset = Task.objects.select_related("case", "person", "assignee", "organisation", "created_by")

    def get_context_data(self, **kwargs):
        task = self.object
        movable = task.state == TaskState.OPEN and allows(self.request.user, task, "change")
        form = TaskStateForm(choices=CLOSING, initial={"version": task.version}) if movable else None
        return super().get_context_data(state_form=form, today=timezone.localdate(), **kwargs)


class TaskEditView(ObjectEditView):
    form_class = TaskForm
    prefill = ("case", "person")  # a task given from a case's or a person's page is on it

    def get_form(self, form_class=None):
        return super().get_form(form_class).for_user(self.request.user)

    def create(self, fields: dict) -> Task:
        return services.create_task(actor=self.request.user, **fields)

    def change(self, record: Task, fields: dict) -> Task:
        return services.change_task(record, **fields)


class TaskStateView(StatusChangeView):
    model = Task
    form_class = TaskStateForm
    choices = CLOSING

    def move(self, task: Task, *, new: str) -> str:
        task = services.move_task(task, new, actor=self.request.user)
        return _("Task marked “%(state)s”.") % {"state": task.get_state_display()}


class RemindersView(OfficerRequiredMixin, TemplateView):
    """Every reminder in full, of what the user may see (the dashboard shows the first of each)."""

    template_name = "work/reminders.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        return super().get_context_data(**reminders.every_reminder(user, today), **kwargs)
