"""The callers the security tests send their requests as."""

import datetime

from django.test import Client
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import Organisation, OrganisationKind, Scope, User


def partner_token(*, issued_by: User, organisation: Organisation | None = None, scope: str = Scope.SCREENING):
    """A token of a partner's system (of a new partner unless `organisation` is given), issued by `issued_by`."""
    organisation = organisation or Organisation.objects.create(name_zh="加拿大联络点", kind=OrganisationKind.PARTNER)
    return tokens.issue_token(
        organisation=organisation, name="签证系统", scopes=[scope],
        expires=timezone.now() + datetime.timedelta(days=30), created_by=issued_by,
    )  # fmt: skip


def partner_client(*, issued_by: User, **token) -> Client:
    """A partner's system calling the API with its token."""
    return Client(HTTP_AUTHORIZATION=f"Token {partner_token(issued_by=issued_by, **token).key}")
