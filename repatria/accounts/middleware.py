"""Session limits and the two-factor requirement, checked on every request before any view runs."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from . import twofactor

LAST_ACTIVITY_KEY = "last_activity"
SIGNED_IN_AT_KEY = "signed_in_at"
# The session is written at most once a minute for activity, not on every request.
ACTIVITY_WRITE_INTERVAL = 60


def activity_write_interval() -> int:
    """Seconds between writes of the last activity: a tenth of the idle timeout at most, so that a user active
    within the timeout is never signed out because their last activity was not written yet."""
    return max(1, min(ACTIVITY_WRITE_INTERVAL, settings.SESSION_IDLE_TIMEOUT // 10))


def redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect the browser follows even from an htmx request, which would otherwise swap the page into a fragment."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def is_api(request: HttpRequest) -> bool:
    """API calls get no redirects to sign-in pages: the API answers 401 or 403 in JSON itself."""
    return request.path_info.startswith("/api/")


def with_next(url: str, request: HttpRequest) -> str:
    """Come back to the page asked for once signed in (GET only: a form posted into a dead session is lost)."""
    target = request.get_full_path() if request.method == "GET" else reverse(settings.LOGIN_REDIRECT_URL)
    return f"{url}?{urlencode({'next': target})}"


class SessionLimitsMiddleware:
    """End a session unused for SESSION_IDLE_TIMEOUT seconds, and any session SESSION_COOKIE_AGE after sign-in.

    Django's own expiry slides forward whenever the session is saved, so neither limit would hold without this.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last = session.get(LAST_ACTIVITY_KEY)
            started = session.setdefault(SIGNED_IN_AT_KEY, now)  # set at sign-in; here for older sessions
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
                return self.end(
                    request,
                    _("Your session ended after %(minutes)d minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
                )
            if now - started > settings.SESSION_COOKIE_AGE:
                return self.end(
                    request,
                    _("Your session ended: sessions last at most %(hours)d hours.")
                    % {"hours": settings.SESSION_COOKIE_AGE // 3600},
                )
            if last is None or now - last >= activity_write_interval():
                session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def end(self, request: HttpRequest, reason: str) -> HttpResponse:
        """Sign out and send the user to the login page, saying why; an API call goes on signed out (→ 401)."""
        logout(request)
        if is_api(request):
            return self.get_response(request)
        messages.info(request, reason + " " + _("Please sign in again."))
        return redirect(request, with_next(reverse(settings.LOGIN_URL), request))


class TwoFactorMiddleware:
    """Officers who passed only the password step see nothing but the code step (or enrolment, if they have no app).

    Must come after django-otp's OTPMiddleware, which tells whether the session is verified. The API is left to
    itself: its session authentication ignores a session short of the second step, so the call answers 401.
    """

    EXEMPT_URL_NAMES = ("login", "logout", "otp_verify", "otp_enrol", "set_language")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def exempt(self, request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")) or is_api(request):
            return True
        try:
            match = resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.view_name in self.EXEMPT_URL_NAMES

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if twofactor.requires_two_factor(user) and not twofactor.is_verified(request) and not self.exempt(request):
            step = "otp_verify" if twofactor.has_totp(user) else "otp_enrol"
            return redirect(request, with_next(reverse(step), request))
        return self.get_response(request)


def start_session_clock(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """Both limits count from the password step (connected to user_logged_in in AccountsConfig.ready)."""
    now = int(time.time())
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now
