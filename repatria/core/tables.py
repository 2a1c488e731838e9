import django_tables2 as tables
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import get_language

from .dates import format_partial_date

CLASSES = "table table-sm table-hover table-striped"


class BaseTable(tables.Table):
    """Every list's table: compact, striped rows that light up under the pointer. A table's own Meta inherits
    this one (`class Meta(BaseTable.Meta)`)."""

    class Meta:
        attrs = {"class": CLASSES}


class PartialDateColumn(tables.Column):
    def render(self, value):
        return format_partial_date(value, get_language() or "zh-hans")

    def value(self, value):
        return value


class MoneyColumn(tables.Column):
    """An amount with its currency code beside it (the currency field is named by `currency`)."""

    def __init__(self, *args, currency: str, **kwargs):
        self.currency = currency
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        return f"{intcomma(value)} {getattr(record, self.currency)}"

    def value(self, value, record):
        return f"{value} {getattr(record, self.currency)}"
