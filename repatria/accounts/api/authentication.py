"""Who calls the API: a partner's token (`Authorization: Token <key>`, or `ApiKey <key>` as yente clients send it)
or an officer's verified session.

A token signs in as its own partner user, so the grants and the restriction apply to it unchanged; its scopes
then say which endpoints it may call at all (`required_scopes` on each view, checked by `TokenScopes`).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from repatria.accounts import tokens
from repatria.accounts.models import ApiToken, User
from repatria.accounts.twofactor import is_verified, requires_two_factor

KEYWORD = "Token"
# yente's clients (nomenklatura's YenteEnricher, OpenSanctions' tools) send the key under this word.
KEYWORDS = (KEYWORD, "ApiKey")


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (or `ApiKey <key>`): a live token's user; a wrong, expired or revoked key answers
    401."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in {word.lower().encode() for word in KEYWORDS}:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Authorization: Token <key>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = tokens.find_token(key)
        if token is None or not tokens.is_live(token):
            # One answer for every refusal: the caller learns nothing about which keys exist.
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        tokens.touch(token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        """Makes DRF answer 401 (with WWW-Authenticate) rather than 403 to a caller who is not signed in."""
        return KEYWORD


class VerifiedSessionAuthentication(SessionAuthentication):
    """An officer's browser session, only once past the second sign-in step; partners use tokens, not sessions.

    Writes through a session need the CSRF token, as forms do.
    """

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        django_request = request._request
        user = getattr(django_request, "user", None)
        if not user or not user.is_active or not requires_two_factor(user) or not is_verified(django_request):
            return None
        self.enforce_csrf(request)
        return user, None


def required_scopes(view: object, request: Request) -> set[str] | None:
    """The scopes a view needs for this request; None when the view names none (then no token may call it)."""
    getter = getattr(view, "get_required_scopes", None)
    if getter is not None:
        return set(getter(request))
    scopes = getattr(view, "required_scopes", None)
    return None if scopes is None else set(scopes)


class TokenScopes(BasePermission):
    """A token calls only the endpoints whose scopes it holds; sessions are not scoped (their grants decide)."""

    message = _("This token does not have the scope this endpoint needs.")

    def has_permission(self, request: Request, view: object) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        needed = required_scopes(view, request)
        return needed is not None and needed <= set(token.scopes)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: object) -> dict:
        # One header, two accepted words: an apiKey scheme on the header, the words said in its description.
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "The token's key after the word “Token” or “ApiKey”: `Authorization: Token <key>`.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = VerifiedSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: object) -> dict:
        from django.conf import settings

        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
