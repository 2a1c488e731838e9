import django_tables2 as tables
from django.utils.translation import get_language

from .dates import format_partial_date


class PartialDateColumn(tables.Column):
    def render(self, value):
        return format_partial_date(value, get_language() or "zh-hans")

    def value(self, value):
        return value
