from django import template
from django.utils.translation import get_language

from repatria.core.dates import format_partial_date
from repatria.core.events import describe

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
