from django.db.models import Prefetch, QuerySet

from repatria.accounts.permissions import restrict
from repatria.cases.filtersets import CaseFilterSet, ReturnFilterSet
from repatria.cases.models import Case, CasePerson, Return
from repatria.core.api import RecordViewSet

from .serializers import CaseSerializer, ReturnSerializer


class CaseViewSet(RecordViewSet):
    """Cases; every read of one is written to the access log, as a look at its page is."""

    queryset = Case.objects.prefetch_related("offences", "assigned_organisations")
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    access_logged = True

    def get_queryset(self) -> QuerySet:
        """The persons shown with each case pass the restriction too, in one query for the whole page."""
        visible = restrict(CasePerson.objects.order_by("role", "pk"), self.request.user)
        members = Prefetch("memberships", queryset=visible, to_attr="visible_memberships")
        return super().get_queryset().prefetch_related(members)


class ReturnViewSet(RecordViewSet):
    """Returns (追回): who came back from where, when and how."""

    queryset = Return.objects.all()
    serializer_class = ReturnSerializer
    filterset_class = ReturnFilterSet
