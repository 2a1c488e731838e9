import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable

from .models import Task


class TaskTable(BaseTable):
    title = tables.Column(linkify=True)
    case = tables.Column(linkify=lambda record: record.case.get_absolute_url(), accessor="case__number")
    person = tables.Column(linkify=True)
    due_on = tables.DateColumn(format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})
    assignee = tables.Column(verbose_name=_("assigned officer"))

    class Meta(BaseTable.Meta):
        model = Task
        fields = ["title", "case", "person", "assignee", "organisation", "due_on", "state"]
