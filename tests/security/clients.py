"""The callers the security tests send their requests as."""

import datetime

from django.test import Client
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import Organisation, OrganisationKind, Scope, User


def partner_client(*, issued_by: User) -> Client:
    """A partner's system: a client with a token of the screening scope, issued by `issued_by`."""
    partner = Organisation.objects.create(name_zh="加拿大联络点", kind=OrganisationKind.PARTNER)
    issued = tokens.issue_token(
        organisation=partner, name="签证系统", scopes=[Scope.SCREENING],
        expires=timezone.now() + datetime.timedelta(days=30), created_by=issued_by,
    )  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Token {issued.key}")
