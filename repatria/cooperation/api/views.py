"""The reference records and contact points in the API, each within the grants as on its pages."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.http import Http404
from rest_framework import exceptions

from repatria.core.api import RecordViewSet

from ..filtersets import (
    AuthorityFilterSet,
    ConventionPartyFilterSet,
    NetworkFilterSet,
    OffenceEquivalentFilterSet,
    TreatyFilterSet,
)
from ..models import (
    Authority,
    ContactLog,
    ContactPerson,
    ConventionParty,
    CountryProfile,
    Network,
    OffenceEquivalent,
    Treaty,
)
from ..views.common import country_or_404
from . import serializers as s
from .filtersets import ContactLogFilterSet, ContactPersonFilterSet, CountryProfileFilterSet


class TreatyViewSet(RecordViewSet):
    """Bilateral treaties and memoranda between China and another state."""

    queryset = Treaty.objects.all()
    serializer_class = s.TreatySerializer
    filterset_class = TreatyFilterSet


class ConventionPartyViewSet(RecordViewSet):
    """States parties to UNCAC and UNTOC as the office records them; a state not listed is unknown, not a
    non-party."""

    queryset = ConventionParty.objects.all()
    serializer_class = s.ConventionPartySerializer
    filterset_class = ConventionPartyFilterSet


class CountryProfileViewSet(RecordViewSet):
    """The office's profile of a state, addressed by the state's ISO code."""

    queryset = CountryProfile.objects.all()
    serializer_class = s.CountryProfileSerializer
    filterset_class = CountryProfileFilterSet

    def get_object(self) -> Model:
        """The profile by its state's code among those in reach; anything else is a 404 (never a database error)."""
        try:
            profile = self.get_queryset().get(country=country_or_404(str(self.kwargs["pk"])))
        except (Http404, ObjectDoesNotExist):
            raise exceptions.NotFound from None
        self.check_object_permissions(self.request, profile)
        return profile


class OffenceEquivalentViewSet(RecordViewSet):
    """Dual criminality as the office maintains it: an offence of ours and its name in a state's law."""

    queryset = OffenceEquivalent.objects.all()
    serializer_class = s.OffenceEquivalentSerializer
    filterset_class = OffenceEquivalentFilterSet


class NetworkViewSet(RecordViewSet):
    """Networks of cooperation: ACT-NET, the G20 denial-of-entry network, INTERPOL NCBs…"""

    queryset = Network.objects.all()
    serializer_class = s.NetworkSerializer
    filterset_class = NetworkFilterSet


class AuthorityViewSet(RecordViewSet):
    """Foreign authorities, the networks they belong to, their partner account and our counterpart."""

    queryset = Authority.objects.prefetch_related("networks")
    serializer_class = s.AuthoritySerializer
    filterset_class = AuthorityFilterSet


class ContactPersonViewSet(RecordViewSet):
    """The people of a foreign authority and how to reach them."""

    queryset = ContactPerson.objects.all()
    serializer_class = s.ContactPersonSerializer
    filterset_class = ContactPersonFilterSet


class ContactLogViewSet(RecordViewSet):
    """Contacts with foreign authorities: what, when, by whom, about which case or request."""

    queryset = ContactLog.objects.all()
    serializer_class = s.ContactLogSerializer
    filterset_class = ContactLogFilterSet
