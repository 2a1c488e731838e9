"""What the cooperation pages (and the API's country profiles) share: a country named in an address, the link to add
a record."""

from urllib.parse import urlencode

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from repatria.core.querysets import can
from repatria.core.views import object_url
from repatria.geo.models import Country


def country_or_404(code: str) -> Country:
    """The country of an ISO code in an address; anything else is a 404 (never a database error)."""
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    return get_object_or_404(Country, pk=code.upper())


def add_url(user, model: type[Model], **prefill: object) -> str | None:
    """The page adding a record of the type, preset from the record the user came from, if they may add one."""
    if not can(user, model, "add"):
        return None
    query = urlencode({name: getattr(value, "pk", value) for name, value in prefill.items()})
    return f"{object_url(model, 'add')}?{query}" if query else object_url(model, "add")
