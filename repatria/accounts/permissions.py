"""Who may do what: the role questions, and the record restriction the domain apps use (core's, over the grants
that accounts.backends answers)."""

from repatria.core.querysets import allows, can, restrict

from .models import Role

__all__ = ["allows", "can", "is_officer", "manages_tokens", "reads_audit", "restrict"]


def is_officer(user) -> bool:
    return user.is_authenticated and user.is_officer


def reads_audit(user) -> bool:
    """The audit trail is read by auditors and central administrators."""
    return user.is_authenticated and (user.is_superuser or user.role in (Role.AUDITOR, Role.ADMIN))


def manages_tokens(user) -> bool:
    """Partners' API tokens are issued and revoked by central administrators."""
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)
