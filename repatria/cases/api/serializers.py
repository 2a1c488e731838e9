"""Cases and returns in the API; opening a case and recording or correcting a return go through the services."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from repatria.accounts.permissions import restrict
from repatria.cases import services
from repatria.cases.models import Case, CasePerson, CaseRole, Return
from repatria.core.api import RecordSerializer, RestrictedRelatedField
from repatria.registry.models import Person


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = CasePerson
        fields = ["person", "role"]


class CaseSerializer(RecordSerializer):
    """A case; `persons` lists the persons in it the caller may see, `principal` names one on opening only."""

    persons = serializers.SerializerMethodField()
    principal = RestrictedRelatedField(
        queryset=Person.objects.all(),
        write_only=True,
        required=False,
        help_text=gettext_lazy("On opening a case only: its principal suspect; others join on the case's page."),
    )

    class Meta:
        model = Case
        fields = [
            "id", "version", "number", "title", "offences", "amount_involved", "amount_currency", "province",
            "lead_organisation", "assigned_organisations", "supervision_level", "status", "fled_on", "opened_on",
            "closed_on", "summary", "persons", "principal", "created", "updated",
        ]  # fmt: skip
        read_only_fields = ["status", "closed_on"]
        extra_kwargs = {"number": {"required": False}}  # a new case without one is numbered by the pattern

    @extend_schema_field(MembershipSerializer(many=True))
    def get_persons(self, case: Case) -> list[dict]:
        """The persons of the case the user may see (the viewset prefetches them; a fresh record asks)."""
        memberships = getattr(case, "visible_memberships", None)
        if memberships is None:
            memberships = restrict(case.memberships.all(), self.user)
        return MembershipSerializer(memberships, many=True).data

    def create(self, validated_data: dict) -> Case:
        principal = validated_data.pop("principal", None)
        persons = {principal: CaseRole.PRINCIPAL} if principal else {}
        return services.open_case(actor=self.user, persons=persons, **validated_data)

    def update(self, instance: Case, validated_data: dict) -> Case:
        if "principal" in validated_data:
            raise serializers.ValidationError({"principal": [_("Persons join an open case on its page.")]})
        return super().update(instance, validated_data)


class ReturnSerializer(RecordSerializer):
    """A return: a person of the case brought back, when, from where and how."""

    class Meta:
        model = Return
        fields = ["id", "version", "case", "person", "date", "country", "method", "notes", "created", "updated"]

    def create(self, validated_data: dict) -> Return:
        return services.record_return(actor=self.user, **validated_data)

    def update(self, instance: Return, validated_data: dict) -> Return:
        return services.change_return(instance, **validated_data)
