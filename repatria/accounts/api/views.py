from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from repatria.accounts.filtersets import OrganisationFilterSet
from repatria.accounts.models import ApiToken, Organisation
from repatria.core.api import ErrorSerializer, RecordViewSet

from .serializers import OrganisationSerializer, WhoAmISerializer


class OrganisationViewSet(RecordViewSet):
    """The central office, provincial offices, member agencies and partner contact points."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet


class WhoAmIView(APIView):
    """Whom the credentials sign in as: any valid token may ask, whatever its scopes."""

    required_scopes: tuple[str, ...] = ()

    @extend_schema(responses={200: WhoAmISerializer, 401: ErrorSerializer, 403: ErrorSerializer})
    def get(self, request: Request) -> Response:
        user = request.user
        token = request.auth if isinstance(request.auth, ApiToken) else None
        data = {"username": user.get_username(), "role": user.role, "organisation": user.organisation, "token": token}
        return Response(WhoAmISerializer(data).data)
