"""The list of requests (its table and filters) and of the letter templates."""

import django_filters
import django_tables2 as tables
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable

from .filtersets import CountryFilter
from .models import Direction, LetterTemplate, Request, RequestKind, RequestState
from .services import overdue


class RequestTable(BaseTable):
    number = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    case = tables.Column(linkify=lambda record: record.case.get_absolute_url(), accessor="case__number",
                         attrs={"td": {"class": "text-nowrap"}})  # fmt: skip
    deadline = tables.DateColumn(format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})
    sent_on = tables.DateColumn(format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})

    class Meta(BaseTable.Meta):
        model = Request
        fields = ["number", "direction", "kind", "country", "case", "state", "sent_on", "deadline"]


class RequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Number or case number"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("direction"))
    kind = django_filters.MultipleChoiceFilter(choices=RequestKind.choices, distinct=False, label=_("kind"))
    state = django_filters.MultipleChoiceFilter(choices=RequestState.choices, distinct=False, label=_("state"))
    country = CountryFilter()
    overdue = django_filters.BooleanFilter(method="past_deadline", label=_("past their deadline or long unanswered"))

    class Meta:
        model = Request
        fields = ["q", "direction", "kind", "state", "country", "overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(number__icontains=value) | Q(case__number__icontains=value))

    def past_deadline(self, queryset, name, value):
        if not value:
            return queryset
        return overdue(queryset, timezone.localdate())


class LetterTemplateTable(BaseTable):
    language = tables.Column(linkify=True)
    opening = tables.Column()

    def render_opening(self, value: str) -> str:
        return Truncator(value).chars(80)

    def value_opening(self, value: str) -> str:  # exports carry it whole
        return value

    class Meta(BaseTable.Meta):
        model = LetterTemplate
        fields = ["language", "opening", "updated"]


class LetterTemplateFilterSet(django_filters.FilterSet):
    class Meta:
        model = LetterTemplate
        fields = ["language"]
