from repatria.core.api import RecordViewSet
from repatria.work.filtersets import TaskFilterSet
from repatria.work.models import Task

from .serializers import TaskSerializer


class TaskViewSet(RecordViewSet):
    """Tasks on a case or a person: what, who, by when, and whether done."""

    queryset = Task.objects.all()
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
