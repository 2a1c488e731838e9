import django_filters
from django.utils.translation import gettext_lazy as _

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.registry.models import Person
from repatria.registry.services import search as search_persons

from .models import Alert, AlertStatus, Channel, ScreeningLog
from .services import DATASETS


class AlertFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    status = django_filters.MultipleChoiceFilter(choices=AlertStatus.choices, distinct=False, label=_("status"))
    raised_by = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(kind=OrganisationKind.PARTNER), label=_("raised by")
    )
    after = django_filters.DateFilter(field_name="created", lookup_expr="date__gte", label=_("from"))
    before = django_filters.DateFilter(field_name="created", lookup_expr="date__lte", label=_("to"))

    class Meta:
        model = Alert
        fields = ["q", "status", "raised_by"]

    def search(self, queryset, name, value):
        return queryset.filter(person__in=search_persons(Person.objects.all(), value).values("pk"))


class ScreeningLogFilterSet(django_filters.FilterSet):
    channel = django_filters.MultipleChoiceFilter(choices=Channel.choices, distinct=False, label=_("channel"))
    dataset = django_filters.ChoiceFilter(choices=[(name, name) for name in DATASETS], label=_("dataset"))
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("organisation"))
    username = django_filters.CharFilter(field_name="user__username", label=_("username"))
    query_hash = django_filters.CharFilter(lookup_expr="iexact", label=_("query hash"))
    after = django_filters.DateFilter(field_name="created", lookup_expr="date__gte", label=_("from"))
    before = django_filters.DateFilter(field_name="created", lookup_expr="date__lte", label=_("to"))

    class Meta:
        model = ScreeningLog
        fields = ["channel", "dataset", "organisation", "username", "query_hash"]
