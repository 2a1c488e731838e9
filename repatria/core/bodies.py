"""Request bodies within bounds, and the refusal of one past them in the caller's language.

- Django refuses a form of more than DATA_UPLOAD_MAX_MEMORY_SIZE bytes (its files aside), DATA_UPLOAD_MAX_NUMBER_FIELDS
  fields or DATA_UPLOAD_MAX_NUMBER_FILES files with an exception it answers by an English "Bad Request (400)" page;
  `bad_request` answers 413 instead: JSON `{"detail": ...}` under /api/, a page in the site's style elsewhere.
- DRF's JSON parser reads a body whole whatever its size (the form limits do not apply to it) and decodes it with the
  json module, which recurses once per level of nesting (a body of a thousand "[" fails with a RecursionError, a
  500). `JSONParser` holds the body to the same limit (413 as above) and refuses nesting deeper than MAX_DEPTH (400)
  before decoding. The depth is counted, not caught as a RecursionError: when that error comes depends on how deep the
  stack already is, and a body decoded just short of it still breaks whatever walks it later (the screening log's
  hash of a query, the serializers).
"""

import io
import itertools
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, parsers

from .middleware import API_PREFIX

MAX_DEPTH = 32  # the deepest body the API takes (a screening query) nests five levels

_STRING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)', re.DOTALL)  # one left open runs to the end
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest, counted without recursion: the strings taken out (a
    bracket in one does not count), the brackets left summed as they open and close. Where the text is not JSON the
    count is no less than the depth json reaches before it finds the fault."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


class NestedTooDeep(exceptions.ParseError):
    def __init__(self) -> None:
        super().__init__(_("The JSON nests arrays and objects more than %(depth)d levels deep.") % {"depth": MAX_DEPTH})


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with the body held to DATA_UPLOAD_MAX_MEMORY_SIZE and its nesting to MAX_DEPTH."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        try:
            text = body.decode(parsers.get_encoding(parser_context or {}))
        except UnicodeDecodeError:
            text = ""  # DRF's parser says what is wrong with it
        if nesting(text) > MAX_DEPTH:
            raise NestedTooDeep
        return super().parse(io.BytesIO(body), media_type, parser_context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 page, but 413 for a body past the limits: JSON under /api/, a page elsewhere."""
    if not isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return defaults.bad_request(request, exception)
    detail = too_large(exception)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=413, json_dumps_params={"ensure_ascii": False})
    return render(request, "413.html", {"detail": detail}, status=413)


def too_large(exception: Exception) -> str:
    if isinstance(exception, TooManyFieldsSent):
        count = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return _("What you sent has more than %(count)s fields; send fewer at a time.") % {"count": f"{count:,}"}
    if isinstance(exception, TooManyFilesSent):
        count = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return _("What you sent has more than %(count)s files; send fewer at a time.") % {"count": f"{count:,}"}
    size = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20:g}"
    return _("What you sent is larger than %(size)s MB; send less at a time.") % {"size": size}
