import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Task, TaskState
from .reminders import given_to


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("What or case number"))
    state = django_filters.MultipleChoiceFilter(choices=TaskState.choices, distinct=False, label=_("state"))
    mine = django_filters.BooleanFilter(method="given_to_me", label=_("given to me or my organisation"))
    overdue = django_filters.BooleanFilter(method="past_due", label=_("overdue"))
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label=_("due from"))
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label=_("due to"))

    class Meta:
        model = Task
        fields = ["q", "state", "mine", "overdue", "due_after", "due_before"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(case__number__icontains=value))

    def given_to_me(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(given_to(self.request.user))

    def past_due(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state=TaskState.OPEN, due_on__lt=timezone.localdate())
