"""The keys that seal the audit trail, derived from settings.AUDIT_KEY, one per use.

The key lives outside the database (an environment variable or a file, never in a backup): whoever can write the
database but does not hold the key can neither recompute the chain after altering a row nor sign a checkpoint. Each
use has a key of its own (HMAC-SHA256 of the secret and the use's name), so that a MAC made for one use is never
valid for the other.
"""

import functools
import hashlib
import hmac

from django.conf import settings

CHAIN = b"repatria audit chain v1"
CHECKPOINT = b"repatria audit checkpoint v1"


def chain_key() -> bytes:
    return _derive(settings.AUDIT_KEY, CHAIN)


def checkpoint_key() -> bytes:
    return _derive(settings.AUDIT_KEY, CHECKPOINT)


def mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@functools.cache
def _derive(secret: str, use: bytes) -> bytes:
    return hmac.digest(secret.encode(), use, hashlib.sha256)
