import django_filters
from django.utils.translation import gettext_lazy as _

from repatria.core.filters import YesNoFilter
from repatria.geo.models import Country

from . import services
from .models import Person, Sex


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("sex"))
    nationality = django_filters.ModelChoiceFilter(
        field_name="nationalities", queryset=Country.objects.all(), label=_("nationality")
    )
    born = django_filters.CharFilter(
        field_name="birth_date", lookup_expr="startswith", label=_("born (YYYY or YYYY-MM)")
    )
    is_functionary = YesNoFilter(label=_("party member or state functionary"))
    red_notice = YesNoFilter(method="has_red_notice", label=_("red notice"))
    hundred_list = YesNoFilter(
        field_name="hundred_list_number", lookup_expr="isnull", exclude=True, label=_("“100 list”")
    )

    class Meta:
        model = Person
        fields = ["q", "sex", "nationality", "born", "is_functionary", "red_notice", "hundred_list"]

    def search(self, queryset, name, value):
        return services.search(queryset, value)

    def has_red_notice(self, queryset, name, value):
        return queryset.exclude(red_notice_number="") if value else queryset.filter(red_notice_number="")
