"""Tasks in the API; their state moves only through the services' moves, not by an edit."""

from rest_framework import serializers

from repatria.accounts.models import OFFICER_ROLES, User
from repatria.core.api import RecordSerializer
from repatria.work import services
from repatria.work.models import Task


class TaskSerializer(RecordSerializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, role__in=OFFICER_ROLES), required=False, allow_null=True
    )

    class Meta:
        model = Task
        fields = ["id", "version", "title", "case", "person", "assignee", "organisation", "due_on", "state", "notes",
                  "created_by", "created", "updated"]  # fmt: skip
        read_only_fields = ["state", "created_by"]

    def create(self, validated_data: dict) -> Task:
        return services.create_task(actor=self.user, **validated_data)

    def update(self, instance: Task, validated_data: dict) -> Task:
        return services.change_task(instance, **validated_data)
