import django_tables2 as tables
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import get_language

from .dates import format_partial_date

CLASSES = "table table-sm table-hover table-striped"


# Values read as one token, which a narrow column must not break: dates, and numbers such as ZT-2019-00077.
ONE_LINE_COLUMNS = (tables.DateColumn, tables.DateTimeColumn)
ONE_LINE_NAMES = {"number", "case"}


class BaseTable(tables.Table):
    """Every list's table: compact, striped rows that light up under the pointer. A table's own Meta inherits
    this one (`class Meta(BaseTable.Meta)`)."""

    class Meta:
        attrs = {"class": CLASSES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bound in self.columns.all():
            column = bound.column  # the table's own copy: Table.__init__ deep-copies its base columns
            if isinstance(column, ONE_LINE_COLUMNS) or bound.name in ONE_LINE_NAMES:
                td = column.attrs.setdefault("td", {})
                td["class"] = f"{td.get('class', '')} text-nowrap".strip()


class PartialDateColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})  # a date reads as one token
        super().__init__(*args, **kwargs)

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
