import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.accounts.models import Organisation

from .models import FOREIGN_CURRENCIES, Campaign, ExchangeRate


class ExchangeRateFilterSet(django_filters.FilterSet):
    currency = django_filters.MultipleChoiceFilter(choices=FOREIGN_CURRENCIES, distinct=False, label=_("currency"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("from"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("to"))
    source = django_filters.CharFilter(lookup_expr="icontains", label=_("source"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "date_from", "date_to", "source"]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a whole year the database can hold: 2019, not 2019.5 or 0


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=pgettext_lazy("campaign", "name"))
    year = YearFilter(method="running_in", label=_("running in the year"), min_value=1, max_value=9999)
    level = django_filters.ChoiceFilter(
        method="at_level",
        choices=[("campaigns", _("campaigns")), ("operations", _("operations"))],
        label=_("campaigns or operations"),
    )
    lead_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("lead organisation")
    )

    class Meta:
        model = Campaign
        fields = ["q", "year", "level", "lead_organisation"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name_zh__icontains=value) | Q(name_en__icontains=value))

    def running_in(self, queryset, name, value):
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value)

    def at_level(self, queryset, name, value):
        return queryset.filter(parent__isnull=value == "campaigns")
