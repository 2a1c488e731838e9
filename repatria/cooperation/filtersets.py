import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repatria.cases.models import Offence
from repatria.geo.forms import CountryChoiceField
from repatria.geo.models import Country

from .models import Authority, Convention, ConventionParty, Network, OffenceEquivalent, Treaty, TreatyKind
from .treaties import TreatyStatus, with_status


def _networks(request):
    return Network.objects.restrict(request.user) if request else Network.objects.none()


class CountryFilter(django_filters.ModelChoiceFilter):
    """A country picked as the site's pickers offer it: by name in the user's language, searchable."""

    field_class = CountryChoiceField

    def __init__(self, **kwargs):
        super().__init__(queryset=Country.objects.all(), label=_("country or region"), **kwargs)


class TreatyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title"))
    country = CountryFilter()
    kind = django_filters.MultipleChoiceFilter(choices=TreatyKind.choices, label=_("type"))
    status = django_filters.ChoiceFilter(choices=TreatyStatus.choices, method="with_status", label=_("status"))
    is_demo = django_filters.BooleanFilter(label=_("demo data"))

    class Meta:
        model = Treaty
        fields = ["q", "country", "kind", "status", "is_demo"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title_zh__icontains=value) | Q(title_en__icontains=value))

    def with_status(self, queryset, name, value):
        return queryset.filter(with_status(value, timezone.localdate()))


class ConventionPartyFilterSet(django_filters.FilterSet):
    convention = django_filters.ChoiceFilter(choices=Convention.choices, label=_("convention"))
    country = CountryFilter()

    class Meta:
        model = ConventionParty
        fields = ["convention", "country"]


class OffenceEquivalentFilterSet(django_filters.FilterSet):
    country = CountryFilter()
    offence = django_filters.ModelChoiceFilter(queryset=Offence.objects.all(), label=_("our offence"))

    class Meta:
        model = OffenceEquivalent
        fields = ["country", "offence"]


class NetworkFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))

    class Meta:
        model = Network
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name_zh__icontains=value) | Q(name_en__icontains=value))


class AuthorityFilterSet(NetworkFilterSet):
    country = CountryFilter()
    networks = django_filters.ModelChoiceFilter(queryset=_networks, label=_("network"), distinct=True)

    class Meta:
        model = Authority
        fields = ["q", "country", "networks"]
