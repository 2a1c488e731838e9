from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .models import Task

app_name = "work"

urlpatterns = [
    path("reminders/", views.RemindersView.as_view(), name="reminders"),
    path("tasks/<int:pk>/state/", views.TaskStateView.as_view(), name="task_state"),
    *object_urls(
        Task,
        list_view=views.TaskListView,
        detail_view=views.TaskView,
        edit_view=views.TaskEditView,
        delete_view=ObjectDeleteView,
    ),
]
