import datetime
import json
from collections.abc import Iterable
from decimal import Decimal

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_tables2.columns import library

from .dates import format_partial_date
from .models import Currency
from .money import Amount, Converter, readable, with_equivalent

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


@library.register
class YesNoColumn(tables.BooleanColumn):
    """A yes/no field: ✔/✘ on the page; the export gets the truth value, which it writes as yes or no in the
    reader's language (not "True")."""

    def value(self, record, value, bound_column):
        return self._get_bool_value(record, value, bound_column)


@library.register
class ManyToManyColumn(tables.ManyToManyColumn):
    """Related records joined on the page (linked if `linkify_item`), as plain text in an export."""

    def value(self, value):
        return self.separator.join(str(self.transform(item)) for item in self.filter(value))


@library.register
class JSONColumn(tables.JSONColumn):
    """JSON laid out on the page, as its text in an export."""

    def value(self, value):
        return json.dumps(value, ensure_ascii=False)  # one line a cell


class MoneyColumn(tables.Column):
    """An amount with its currency, a foreign one with its yuan equivalent, and the list's total in yuan below.

    `currency` names the currency field, or several, the first not blank counting (a sum recovered without a
    currency of its own was recovered in the one the asset was valued in); `day` names the date field whose rate
    converts it, the day the record was entered when that is empty. An export carries the figure and the currency
    in two columns.
    """

    def __init__(self, *args, currency: str | tuple[str, ...], day: str, **kwargs):
        self.currencies = (currency,) if isinstance(currency, str) else currency
        self.day = day
        aligned = {"class": "text-end text-nowrap"}
        kwargs.setdefault("attrs", {"td": aligned, "tf": aligned})
        super().__init__(*args, **kwargs)

    def currency(self, record) -> str:
        return _first_code(getattr(record, name) for name in self.currencies)

    def render(self, value, record, bound_column, table):
        amount = _amount(value, self.currency(record), getattr(record, self.day), record.created)
        return with_equivalent(amount, self._listed(bound_column, table)[0])

    def value(self, value):
        return value

    def render_footer(self, bound_column, table) -> str:
        converter, amounts = self._listed(bound_column, table)
        if not amounts:
            return ""
        total, missing = converter.total(amounts)
        text = _("Total: %(amount)s") % {"amount": readable(total)}
        if not missing:
            return text
        note = ngettext(
            "%(count)d amount without a rate left out", "%(count)d amounts without a rate left out", missing
        ) % {"count": missing}
        return _("%(amount)s (%(note)s)") % {"amount": text, "note": note}

    def _listed(self, bound_column, table) -> tuple[Converter, list[Amount]]:
        """Every amount of the list (all its pages, as filtered) and a converter for their currencies, read once
        for the page and its footer."""
        cache = table.__dict__.setdefault("_money", {})
        if bound_column.name not in cache:
            field = bound_column.accessor
            rows = table.data.data.filter(**{f"{field}__isnull": False}).order_by()
            amounts = [
                _amount(value, _first_code(codes), day, created)
                for value, *codes, day, created in rows.values_list(field, *self.currencies, self.day, "created")
            ]
            cache[bound_column.name] = Converter({a.currency for a in amounts}), amounts
        return cache[bound_column.name]


def _first_code(codes: Iterable[str]) -> str:
    return next((code for code in codes if code), Currency.CNY)


def _amount(value: Decimal, currency: str, day: datetime.date | None, created: datetime.datetime) -> Amount:
    return Amount(value, currency, day or timezone.localdate(created))
