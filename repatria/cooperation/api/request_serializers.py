"""Requests in the API: the office's view of a request (its checks and steps with it), the contact point's view of
one addressed to it (what was sent, never the office's checks), and the bodies of a move and of a check decision."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from repatria.core.api import RecordSerializer
from repatria.core.models import MAX_ID

from .. import services
from ..models import CheckState, Direction, RefusalGround, Request, RequestCheck, RequestState, RequestStep

VERSION_HELP = gettext_lazy("The version of the request this is based on.")


class RequestCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestCheck
        fields = ["id", "version", "code", "state", "finding", "reason", "decided_by", "decided_at"]
        read_only_fields = fields


class RequestStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestStep
        fields = ["old", "new", "happened_on", "note", "actor", "entered_at"]
        read_only_fields = fields


MOVES_HELP = gettext_lazy("The states the caller may move the request to next (its move endpoint).")


class RequestSerializer(RecordSerializer):
    """A request as the office sees it. Its `state` moves only through the move endpoint; `refusal_ground` and
    `answer` are recorded there too. A basis left empty on opening is the one suggested; another basis than the
    one suggested needs `basis_reason`."""

    checks = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    moves = serializers.SerializerMethodField(help_text=MOVES_HELP)

    class Meta:
        model = Request
        fields = [
            "id", "version", "number", "direction", "kind", "state", "case", "foreign_case", "persons", "assets",
            "person_particulars", "country", "organisation", "foreign_authority", "channel", "urgency", "deadline",
            "facts", "laws", "assistance_sought", "legal_basis", "treaty", "convention", "basis_reason",
            "refusal_ground", "answer", "sent_on", "answered_on", "drafted_by", "approved_by", "checks", "steps",
            "moves", "created", "updated",
        ]  # fmt: skip
        read_only_fields = ["refusal_ground", "answer"]

    @extend_schema_field(RequestCheckSerializer(many=True))
    def get_checks(self, request: Request) -> list[dict]:
        return RequestCheckSerializer(request.checks.all(), many=True).data

    @extend_schema_field(RequestStepSerializer(many=True))
    def get_steps(self, request: Request) -> list[dict]:
        return RequestStepSerializer(request.steps.all(), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(RequestState.choices)))
    def get_moves(self, request: Request) -> list[str]:
        return services.allowed_moves(request)

    def create(self, validated_data: dict) -> Request:
        return services.open_request(actor=self.user, **validated_data)

    def update(self, instance: Request, validated_data: dict) -> Request:
        return services.change_request(instance, **validated_data)


class PartnerRequestSerializer(serializers.ModelSerializer):
    """A request as the contact point it is addressed to reads it: what was sent and what has happened to it,
    without the office's checks, steps, case or persons."""

    moves = serializers.SerializerMethodField(help_text=MOVES_HELP)

    class Meta:
        model = Request
        fields = [
            "id", "version", "number", "direction", "kind", "state", "foreign_case", "country", "foreign_authority",
            "channel", "urgency", "deadline", "facts", "laws", "assistance_sought", "person_particulars",
            "legal_basis", "treaty", "convention", "refusal_ground", "answer", "sent_on", "answered_on", "moves",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(RequestState.choices)))
    def get_moves(self, request: Request) -> list[str]:
        return partner_moves(request)


def partner_moves(request: Request) -> list[str]:
    """A contact point answers an outgoing request of ours addressed to it, and only so."""
    if request.direction != Direction.OUTGOING:
        return []
    return [state for state in services.allowed_moves(request) if state in services.PARTNER_MOVES]


class RequestMoveSerializer(serializers.Serializer):
    state = serializers.ChoiceField(RequestState.choices, help_text=gettext_lazy("The state to move to."))
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=VERSION_HELP)
    happened_on = serializers.DateField(
        required=False, allow_null=True, help_text=gettext_lazy("The day it happened; today when left out.")
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    refusal_ground = serializers.ChoiceField(RefusalGround.choices, required=False, allow_blank=True)
    answer = serializers.CharField(required=False, allow_blank=True, max_length=20_000)


class CheckDecisionSerializer(serializers.Serializer):
    state = serializers.ChoiceField(CheckState.choices, help_text=gettext_lazy("passed, failed or waived."))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2_000)
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=gettext_lazy("The version of the check this is based on.")
    )
