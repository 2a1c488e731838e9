"""`GET /api/outcomes` and `GET /api/outcomes/<alert>`: what became of the alerts a partner's token raised.

Only the token that raised an alert reads its outcome: another token, of the same partner or another, is answered
404, as for an alert that does not exist. The same outcome is pushed to the token's webhook (screening.webhooks).
"""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from repatria.accounts.models import Scope
from repatria.core.api import ErrorSerializer
from repatria.screening.models import Alert
from repatria.screening.outcomes import partner_outcome, raised_by_token

from .views import BadQuery, PartnerToken


class ContactAuthoritySerializer(serializers.Serializer):
    """The foreign or domestic authority the contact person works for."""

    name = serializers.CharField()
    nameEn = serializers.CharField(allow_blank=True)  # noqa: N815 - the API's spelling
    country = serializers.CharField(allow_null=True)


class OutcomeContactSerializer(serializers.Serializer):
    """The person the officers ask the partner to call, and their authority."""

    name = serializers.CharField()
    role = serializers.CharField(allow_blank=True)
    languages = serializers.CharField(allow_blank=True)
    channel = serializers.ChoiceField(choices=["phone", "email", "secure"], help_text=_("The preferred channel."))
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    authority = ContactAuthoritySerializer()


class OutcomeSerializer(serializers.Serializer):
    alert = serializers.IntegerField(help_text=_("The alert's number."))
    entity = serializers.CharField(help_text=_("The id of the listed person, as the match answer gave it."))
    queryId = serializers.CharField(  # noqa: N815 - the API's spelling
        allow_null=True, help_text=_("The “id” you gave the screened entity, if you gave one.")
    )
    context = serializers.CharField(allow_blank=True)
    raised = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=["pending", "confirmed", "false_positive"])
    decided = serializers.DateField(allow_null=True)
    contactPoint = OutcomeContactSerializer(allow_null=True)  # noqa: N815

    def to_representation(self, instance: Alert) -> dict:
        return partner_outcome(instance)  # one shape for the API and the webhook


class OutcomeMixin:
    required_scopes = (Scope.SCREENING,)
    serializer_class = OutcomeSerializer
    filter_backends = ()

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), PartnerToken()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without a caller
            return Alert.objects.none()
        return raised_by_token(self.request.user)


class OutcomeListView(OutcomeMixin, ListAPIView):
    """The outcomes of the alerts this token raised, the most recently changed first; `since` gives only those
    changed since a time (ISO 8601), to poll without reading them all."""

    def get_queryset(self):
        alerts = super().get_queryset().order_by("-updated", "-pk")
        since = self.request.query_params.get("since")
        return alerts if since is None else alerts.filter(updated__gt=self._time(since))

    @staticmethod
    def _time(text: str) -> datetime.datetime:
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise BadQuery(_("“since” must be a time with its offset, e.g. 2026-12-03T08:00:00Z."))
        return moment

    @extend_schema(
        operation_id="outcomes_list",
        parameters=[OpenApiParameter("since", OpenApiTypes.DATETIME, description="Changed since (ISO 8601).")],
        responses={200: OutcomeSerializer(many=True), 400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class OutcomeView(OutcomeMixin, RetrieveAPIView):
    """The outcome of one alert this token raised."""

    lookup_url_kwarg = "alert"

    @extend_schema(
        operation_id="outcomes_retrieve",
        responses={200: OutcomeSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
