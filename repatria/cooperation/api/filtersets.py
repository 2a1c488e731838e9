"""Filters of the API's lists that the pages do not have. A related record is named by its id as a plain number:
a choice among all records would answer differently for one that exists out of the caller's reach."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.core.models import MAX_ID

from ..models import ContactLog, ContactPerson, CountryProfile


class IdFilter(django_filters.NumberFilter):
    """A record's id, within the bounds of an id (the database takes no larger number)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class CountryProfileFilterSet(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country", label=_("country code"))

    class Meta:
        model = CountryProfile
        fields = ["country"]


class ContactPersonFilterSet(django_filters.FilterSet):
    authority = IdFilter(field_name="authority", label=_("authority"))

    class Meta:
        model = ContactPerson
        fields = ["authority"]


class ContactLogFilterSet(ContactPersonFilterSet):
    case = IdFilter(field_name="case", label=_("case"))
    request = IdFilter(field_name="request", label=_("request"))

    class Meta:
        model = ContactLog
        fields = ["authority", "case", "request"]
