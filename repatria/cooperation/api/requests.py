"""Requests in the API. Officers open and correct them within their reach; every reader of one is in the access
log. A request's state moves only through its move endpoint, by the service's rules: a contact point (a partner's
token) reads the requests addressed to its authority once they have left, and answers them there, nothing more."""

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request as ApiRequest
from rest_framework.response import Response

from repatria.accounts.permissions import is_officer
from repatria.core.api import UPDATES, ErrorSerializer, RecordViewSet, conflict_serializer
from repatria.core.models import MAX_ID
from repatria.core.querysets import can, restrict

from .. import services
from ..models import Request, RequestCheck, RequestState, RequestStep
from ..request_tables import RequestFilterSet
from .request_serializers import (
    CheckDecisionSerializer,
    PartnerRequestSerializer,
    RequestCheckSerializer,
    RequestMoveSerializer,
    RequestSerializer,
    partner_moves,
)

# The grant the request's own actions need, beside RecordViewSet's list, retrieve, create, update and destroy.
ACTION_GRANTS = {"move": "change", "decide": "change"}
REFUSALS = {400: OpenApiTypes.OBJECT, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
READ_BY = gettext_lazy("An officer reads the office's view of a request (`Request`); a contact point's token the view "
                       "of a request addressed to it (`PartnerRequest`).")  # fmt: skip


def as_read() -> PolymorphicProxySerializer:
    """A request as the caller reads it, for the schema: the office's view or the contact point's (the caller's
    token, not a field of the request, tells which)."""
    return PolymorphicProxySerializer(
        component_name="RequestAsRead", serializers=[RequestSerializer, PartnerRequestSerializer],
        resource_type_field_name=None,
    )  # fmt: skip


AS_READ_CONFLICT = inline_serializer("RequestAsReadConflict", {"detail": serializers.CharField(), "current": as_read()})


@extend_schema_view(
    list=extend_schema(description=READ_BY, responses={200: as_read(), 400: OpenApiTypes.OBJECT,
                                                       401: ErrorSerializer, 403: ErrorSerializer}),
    retrieve=extend_schema(description=READ_BY, responses={200: as_read(), 401: ErrorSerializer,
                                                           403: ErrorSerializer, 404: ErrorSerializer}),
)  # fmt: skip
class RequestViewSet(RecordViewSet):
    """Cooperation requests, outgoing and incoming; every read of one is written to the access log."""

    queryset = Request.objects.all()
    serializer_class = RequestSerializer
    filterset_class = RequestFilterSet
    access_logged = True

    @property
    def grant_action(self) -> str:
        return ACTION_GRANTS.get(self.action) or super().grant_action

    @property
    def officer(self) -> bool:
        return is_officer(self.request.user)

    def check_permissions(self, request: ApiRequest) -> None:
        """A contact point answers a request through its move; the request itself is the office's to write."""
        super().check_permissions(request)
        if self.action in UPDATES and not self.officer:
            self.permission_denied(request, message=_("A contact point answers a request through its move endpoint."))

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if not self.officer:  # a contact point reads none of the office's checks, steps, persons or assets
            return queryset
        return queryset.prefetch_related(
            "persons", "assets", Prefetch("checks", queryset=RequestCheck.objects.order_by("pk")),
            Prefetch("steps", queryset=RequestStep.objects.order_by("happened_on", "pk")),
        )  # fmt: skip

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if getattr(self, "swagger_fake_view", False) or self.officer:
            return super().get_serializer_class()
        return PartnerRequestSerializer

    def shown(self, record: Request) -> dict:
        serializer = RequestSerializer if self.officer else PartnerRequestSerializer
        return serializer(record, context=self.get_serializer_context()).data

    def perform_destroy(self, instance: Request) -> None:
        services.delete_request(instance)  # a draft only; any other is kept (409)

    @extend_schema(
        request=RequestMoveSerializer,
        responses={200: as_read(), 409: AS_READ_CONFLICT, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: ApiRequest, pk: str) -> Response:
        """Move the request to its next state (the `moves` it lists), from the version the caller saw, on the day it
        happened. A contact point only answers an outgoing request addressed to it: acknowledged, supplementary
        information requested, in execution, executed, partly executed or refused (with the ground)."""
        body = RequestMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with transaction.atomic():
            current = Request.objects.select_for_update().get(pk=self.get_object().pk)
            if data["version"] != current.version:
                return self.conflict(current)
            if not self.officer and data["state"] not in partner_moves(current):
                raise exceptions.PermissionDenied(self.partner_refusal(current))
            moved = services.move(
                current, data["state"], actor=request.user, day=data.get("happened_on"), note=data.get("note", ""),
                refusal_ground=data.get("refusal_ground", ""), answer=data.get("answer", ""),
            )  # fmt: skip
        return Response(self.shown(moved))

    def partner_refusal(self, record: Request) -> str:
        moves = ", ".join(str(RequestState(state).label) for state in partner_moves(record))
        return _("A contact point only answers the requests addressed to it; this one it may now move to: "
                 "%(moves)s.") % {"moves": moves or "—"}  # fmt: skip

    @extend_schema(
        request=CheckDecisionSerializer,
        parameters=[OpenApiParameter("check_id", int, OpenApiParameter.PATH)],
        responses={200: RequestCheckSerializer, 409: conflict_serializer(RequestCheckSerializer), **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path=r"checks/(?P<check_id>[^/.]+)/decide")
    def decide(self, request: ApiRequest, pk: str, check_id: str) -> Response:
        """An officer's decision on one of the request's checks: passed, failed, or waived with a reason."""
        if not can(request.user, RequestCheck, "change"):
            self.permission_denied(request, message=_("You may not do this with records of this kind."))
        body = CheckDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with transaction.atomic():
            check = self.check_of(self.get_object(), check_id)
            if data["version"] != check.version:
                return self.conflict(check, RequestCheckSerializer)
            decided = services.decide_check(check, state=data["state"], reason=data.get("reason", ""),
                                            actor=request.user)  # fmt: skip
        return Response(RequestCheckSerializer(decided).data)

    def check_of(self, record: Request, check_id: str) -> RequestCheck:
        """The request's check by its id, if the user may decide it; any other id is a 404."""
        if not (check_id.isascii() and check_id.isdigit()) or int(check_id) > MAX_ID:
            raise exceptions.NotFound
        checks = restrict(RequestCheck.objects.filter(request=record), self.request.user, "change")
        found = checks.select_for_update().filter(pk=int(check_id)).first()
        if found is None:
            raise exceptions.NotFound
        return found
