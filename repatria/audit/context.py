"""Who is acting, for the audit trail: set per request by the middleware, empty for commands."""

import contextvars
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class Context:
    request: HttpRequest | None = None
    request_id: str = ""
    client_address: str | None = None


current: contextvars.ContextVar[Context] = contextvars.ContextVar("audit_context", default=Context())  # noqa: B039 - frozen


class AuditContextMiddleware:
    """Gives each request an id (or keeps the one a proxy sent) and remembers who and from where."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        # The user is read lazily: authentication runs after this middleware.
        token = current.set(Context(request, request_id, request.META.get("REMOTE_ADDR") or None))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response


def actor() -> tuple[object, str, str | None]:
    """(user or None, request id, client address) of what is running now."""
    now = current.get()
    user = getattr(now.request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return user, now.request_id, now.client_address
