import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from repatria.accounts.models import Organisation
from repatria.geo.models import Country, Province
from repatria.registry.models import Person
from repatria.registry.services import search as search_persons

from .models import Case, CaseStatus, Offence, Return, ReturnMethod, SupervisionLevel


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Number, title or name"))
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, distinct=False, label=_("status"))
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("province"))
    lead_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("lead organisation")
    )
    supervision_level = django_filters.ChoiceFilter(choices=SupervisionLevel.choices, label=_("supervision level"))
    offence = django_filters.ModelChoiceFilter(
        field_name="offences", queryset=Offence.objects.all(), label=_("offence")
    )
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte", label=_("opened from"))
    opened_before = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte", label=_("opened to"))

    class Meta:
        model = Case
        fields = ["q", "status", "province", "lead_organisation", "supervision_level", "offence"]

    def search(self, queryset, name, value):
        value = value.strip()
        persons = search_persons(Person.objects.all(), value).values("pk")
        return queryset.filter(
            Q(number__icontains=value) | Q(title__icontains=value) | Q(memberships__person__in=persons)
        ).distinct()


class ReturnFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    method = django_filters.MultipleChoiceFilter(choices=ReturnMethod.choices, distinct=False, label=_("method"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("returned from"))
    province = django_filters.ModelChoiceFilter(
        field_name="case__province", queryset=Province.objects.all(), label=_("province")
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("from"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("to"))

    class Meta:
        model = Return
        fields = ["q", "method", "country", "province", "date_from", "date_to"]

    def search(self, queryset, name, value):
        persons = search_persons(Person.objects.all(), value).values("pk")
        return queryset.filter(person__in=persons)
