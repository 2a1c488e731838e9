import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from repatria.core.dates import format_partial_date
from repatria.core.events import describe
from repatria.core.models import Currency
from repatria.core.money import Amount, Converter, readable, with_equivalent

register = template.Library()


@register.filter
def partial_date(value: str) -> str:
    return format_partial_date(value or "", get_language() or "zh-hans")


@register.simple_tag
def describe_event(event) -> str:
    return describe(event)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for export links and the like)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def money(context, amount: Decimal | None, currency: str = "", day: datetime.date | None = None) -> str:
    """An amount in the reader's form ("196.54亿元", "1,200.00 USD"); given its day, a foreign one with its yuan
    equivalent at that day's rate (a moment counts as its local day)."""
    if amount is None:
        return ""
    if day is None:
        return readable(amount, currency)
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    currency = currency or Currency.CNY
    # A currency's rates are read once a page, not once a row of a list.
    converters = context.render_context.setdefault("repatria.money", {})
    if currency not in converters:
        converters[currency] = Converter([currency])
    return with_equivalent(Amount(amount, currency, day), converters[currency])
