"""API tokens of partner organisations: issued with a key shown once, recognised by the key's hash, revoked.

Only the SHA-256 of a key is stored (a key is 256 random bits, so a plain hash is enough: nothing to guess);
the first characters are kept too, so that lists can tell tokens apart and a key is looked up by them before
its hash is compared in constant time.
"""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from repatria.core.services import RuleError

from .models import ApiToken, Organisation, Role, Scope, User

KEY_START = "rpt_"
PREFIX_LENGTH = len(KEY_START) + 8
MAX_KEY_LENGTH = 100
# last_used is written at most this often, not on every request.
TOUCH_INTERVAL = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # the only copy: shown once, never stored


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key() -> str:
    """A key whose prefix no other token has (a clash of 48 random bits is rare, but the prefix is unique)."""
    while True:
        key = KEY_START + secrets.token_urlsafe(32)
        if not ApiToken.objects.filter(prefix=key[:PREFIX_LENGTH]).exists():
            return key


@transaction.atomic
def issue_token(
    *, organisation: Organisation, name: str, scopes: list[str], expires: datetime.datetime, created_by: User
) -> IssuedToken:
    """A new token and the user it signs in as (a partner of the organisation, who has no password)."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise RuleError(_("Choose the token's scopes among: %(scopes)s.") % {"scopes": ", ".join(Scope.values)})
    if expires <= timezone.now():
        raise RuleError(_("A token must expire in the future."))
    key = _new_key()
    prefix = key[:PREFIX_LENGTH]
    user = User(username=f"api-{prefix}", role=Role.PARTNER, organisation=organisation, full_name=name[:100])
    user.set_unusable_password()
    user.save()
    token = ApiToken.objects.create(
        organisation=organisation,
        user=user,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=prefix,
        key_hash=hash_key(key),
        created_by=created_by,
        expires=expires,
    )
    return IssuedToken(token, key)


@transaction.atomic
def revoke_token(token: ApiToken) -> None:
    """Stop the token at once; its user is deactivated too, so nothing else can act as it."""
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    token.user.is_active = False
    token.user.save(update_fields=["is_active"])


def find_token(key: str) -> ApiToken | None:
    """The token whose key this is, live or not; None for a key no token has."""
    if not key.startswith(KEY_START) or len(key) > MAX_KEY_LENGTH:
        return None
    digest = hash_key(key)
    # The user's organisation too: the services and the audit trail read it on every request. Unordered: the
    # prefix is unique, and ordering costs its compiling on every request.
    candidates = (
        ApiToken.objects.select_related("user__organisation", "organisation")
        .filter(prefix=key[:PREFIX_LENGTH])
        .order_by()
    )
    return next((t for t in candidates if hmac.compare_digest(t.key_hash, digest)), None)


def is_live(token: ApiToken, now: datetime.datetime | None = None) -> bool:
    """Neither revoked nor expired, and its user still active."""
    now = now or timezone.now()
    return token.revoked is None and token.expires > now and token.user.is_active


def state(token: ApiToken) -> str:
    """ "revoked", "expired" or "active", for the list of tokens."""
    if token.revoked is not None:
        return "revoked"
    return "active" if token.expires > timezone.now() else "expired"


def touch(token: ApiToken) -> None:
    """Note when the token was last used (a bare column update: neither a new version nor an audited change)."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
