"""The statistics for officers' systems: the figures of a period and scope, campaigns and exchange rates.

The query is the statistics page's (period, from/to, province, organisation, country, offence), checked by the
same form; the figures are those the page shows, within the caller's grants.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from repatria.accounts.models import Scope
from repatria.accounts.permissions import is_officer
from repatria.core.api import ErrorSerializer, RecordViewSet
from repatria.stats import services
from repatria.stats.bulletin import reporter
from repatria.stats.filtersets import CampaignFilterSet, ExchangeRateFilterSet
from repatria.stats.models import Campaign, ExchangeRate
from repatria.stats.query import StatsQueryForm

from .serializers import (
    LANGUAGES,
    CampaignSerializer,
    ExchangeRateSerializer,
    FiguresSerializer,
    TargetResultSerializer,
)


class Officers(BasePermission):
    """Statistics are for officers; partners' tokens screen, they do not read the office's figures."""

    def has_permission(self, request: Request, view: object) -> bool:
        return is_officer(request.user)


FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description='Each parameter at fault with its messages, e.g. {"period": ["…"]}; "non_field_errors" for a refusal '
    "of the query as a whole.",
)
QUERY = [
    OpenApiParameter("period", str, description="2019, 2019-Q3, 2019-01..2019-10, 2018-03.., ..2020-06; empty: all"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="instead of period: the first day"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="instead of period: the last day"),
    OpenApiParameter("province", str, description="GB/T 2260 code of the case's province"),
    OpenApiParameter("organisation", int, description="the case is led by or assigned to this organisation"),
    OpenApiParameter("country", str, description="ISO code"),
    OpenApiParameter("offence", str, description="offence code"),
]


class StatisticsView(APIView):
    """The figures of a period within the caller's grants, with the year before, the change and the bulletin."""

    permission_classes = [*APIView.permission_classes, Officers]
    required_scopes = (Scope.READ,)

    @extend_schema(parameters=QUERY, responses={200: FiguresSerializer, 400: FIELD_ERRORS, 403: ErrorSerializer})
    def get(self, request: Request) -> Response:
        form = StatsQueryForm(request.query_params)
        if not form.is_valid():
            errors = {"non_field_errors" if name == NON_FIELD_ERRORS else name: e for name, e in form.errors.items()}
            raise exceptions.ValidationError(errors)
        period, filters = form.query()
        figures = services.figures(user=request.user, period=period, filters=filters)
        province = form.whose(request.user)
        subjects = {language: reporter(province, language) for language in LANGUAGES}
        return Response(FiguresSerializer(figures, context={"subjects": subjects}).data)


class ExchangeRateViewSet(RecordViewSet):
    """Exchange rates (yuan per unit, in force from a day for up to 45 days) that amounts recovered convert at."""

    queryset = ExchangeRate.objects.all()
    serializer_class = ExchangeRateSerializer
    filterset_class = ExchangeRateFilterSet


class CampaignViewSet(RecordViewSet):
    """Sky Net campaigns and their sub-operations, with their targets."""

    queryset = Campaign.objects.prefetch_related("targets")
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet

    @extend_schema(responses={200: TargetResultSerializer(many=True), 404: ErrorSerializer})
    @action(detail=True)
    def results(self, request: Request, pk: str) -> Response:
        """Each target of the campaign against what the caller's records show over the campaign's days."""
        results = services.campaign_results(user=request.user, campaign=self.get_object())
        return Response(TargetResultSerializer(results, many=True).data)
