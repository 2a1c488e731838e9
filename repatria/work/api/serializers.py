"""Tasks in the API; their state moves only through the service's move (open → done or cancelled), as on the page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from repatria.accounts.models import OFFICER_ROLES, User
from repatria.core.api import RecordSerializer
from repatria.work import services
from repatria.work.models import Task, TaskState


class TaskSerializer(RecordSerializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, role__in=OFFICER_ROLES), required=False, allow_null=True
    )
    state = serializers.ChoiceField(
        choices=TaskState.choices,
        required=False,
        help_text=gettext_lazy("A task is created open; send done or cancelled to close it."),
    )

    class Meta:
        model = Task
        fields = ["id", "version", "title", "case", "person", "assignee", "organisation", "due_on", "state", "notes",
                  "created_by", "created", "updated"]  # fmt: skip
        read_only_fields = ["created_by"]

    def create(self, validated_data: dict) -> Task:
        if validated_data.pop("state", TaskState.OPEN) != TaskState.OPEN:
            raise serializers.ValidationError({"state": [_("A task is created open.")]})
        return services.create_task(actor=self.user, **validated_data)

    def update(self, instance: Task, validated_data: dict) -> Task:
        new = validated_data.pop("state", instance.state)
        task = services.change_task(instance, **validated_data) if validated_data else instance
        return task if new == task.state else services.move_task(task, new, actor=self.user)
