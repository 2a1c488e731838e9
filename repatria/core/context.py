"""Who is acting, in which request: set per request by the middleware, empty for commands.

The ground floor keeps it so that every layer can ask without importing the one that serves requests: the audit
trail names the actor, and a uniqueness error names a record only to an actor who may see it.
"""

import contextlib
import contextvars
import ipaddress
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# What a request id may look like: a proxy's UUID or hex id, never free text for the audit trail to store.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


@dataclass(frozen=True)
class Context:
    request: HttpRequest | None = None
    request_id: str = ""
    client_address: str | None = None


current: contextvars.ContextVar[Context] = contextvars.ContextVar("request_context", default=Context())  # noqa: B039 - frozen


def request_id(request: HttpRequest) -> str:
    """The proxy's id when the deployment says a proxy in front sets it (and it looks like one); a new one else.

    A client could otherwise write any text it likes into the audit trail, or borrow another request's id.
    """
    sent = request.headers.get("X-Request-ID", "")
    if settings.REQUEST_ID_FROM_PROXY and REQUEST_ID.fullmatch(sent):
        return sent
    return uuid.uuid4().hex


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from. Behind a proxy (BEHIND_PROXY) that is the last one of X-Forwarded-For, the
    address the proxy saw; the client may have written the earlier ones. Used by the audit trail and by the lockout
    after wrong passwords (AXES_CLIENT_IP_CALLABLE)."""
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "").rsplit(",", 1)[-1].strip()
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(forwarded))
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Gives each request an id and remembers who acts and from where."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id(request)
        # The user is read lazily: authentication runs after this middleware.
        token = current.set(Context(request, rid, client_address(request)))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response.headers["X-Request-ID"] = rid
        return response


def actor() -> tuple[object, str, str | None]:
    """(user or None, request id, client address) of what is running now."""
    now = current.get()
    user = getattr(now.request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return user, now.request_id, now.client_address


def acting_user():
    """The signed-in user of the request being served, or None (a command, a worker, an anonymous visitor)."""
    return actor()[0]
