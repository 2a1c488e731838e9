from django.db.models import Prefetch

from repatria.core.api import RecordViewSet
from repatria.registry.filtersets import PersonFilterSet
from repatria.registry.models import Person, PersonName

from .serializers import PersonSerializer


class PersonViewSet(RecordViewSet):
    """Persons (外逃人员) with their names; every read of one is written to the access log."""

    queryset = Person.objects.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("kind", "pk")), "nationalities"
    )
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    access_logged = True
