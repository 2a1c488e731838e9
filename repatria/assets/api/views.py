from repatria.assets.filtersets import AssetFilterSet
from repatria.assets.models import Asset
from repatria.core.api import RecordViewSet

from .serializers import AssetSerializer


class AssetViewSet(RecordViewSet):
    """Assets abroad (赃款赃物) and where they stand in their recovery."""

    queryset = Asset.objects.all()
    serializer_class = AssetSerializer
    filterset_class = AssetFilterSet
