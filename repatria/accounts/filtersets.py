import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Organisation, OrganisationKind


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("kind"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "province"]

    def search(self, queryset, name, value):
        return queryset.filter(name_zh__icontains=value) | queryset.filter(name_en__icontains=value)
