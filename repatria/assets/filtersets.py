import django_filters
from django.utils.translation import gettext_lazy as _

from repatria.geo.models import Country

from .models import Asset, AssetKind, AssetStage


class AssetFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="description", lookup_expr="icontains", label=_("description"))
    kind = django_filters.MultipleChoiceFilter(choices=AssetKind.choices, distinct=False, label=_("kind"))
    stage = django_filters.MultipleChoiceFilter(choices=AssetStage.choices, distinct=False, label=_("stage"))
    jurisdiction = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("jurisdiction"))
    case = django_filters.CharFilter(field_name="case__number", lookup_expr="iexact", label=_("case number"))

    class Meta:
        model = Asset
        fields = ["q", "kind", "stage", "jurisdiction", "case"]
