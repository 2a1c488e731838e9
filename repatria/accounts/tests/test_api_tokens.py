"""Partners' API tokens: issued on /tokens/ with the key shown once, stored only as a hash, refused when expired,
revoked or wrong (401), limited to their scopes (403) and to their grants like any user."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import ApiToken, Organisation, OrganisationKind, Role, Scope, User
from repatria.audit.models import AuditEntry

from .world import grant, user_of

WHOAMI = "/api/whoami/"
PERSONS = "/api/persons/"


@pytest.fixture
def partner(db) -> Organisation:
    return Organisation.objects.create(name_zh="某国联络点", name_en="Partner desk", kind=OrganisationKind.PARTNER)


@pytest.fixture
def admin(db) -> User:
    return User.objects.create_user("central-admin", role=Role.ADMIN)


@pytest.fixture
def issue(partner, admin):
    def make(scopes=(Scope.READ,), expires=None) -> tokens.IssuedToken:
        expires = expires or timezone.now() + datetime.timedelta(days=30)
        return tokens.issue_token(organisation=partner, name="接口", scopes=list(scopes), expires=expires,
                                  created_by=admin)  # fmt: skip

    return make


def api(key: str | None = None, header: str | None = None) -> Client:
    """A client with no session: only the Authorization header speaks for it."""
    return Client(HTTP_AUTHORIZATION=header if header is not None else f"Token {key}")


def test_the_page_issues_a_token_shows_its_key_once_and_keeps_only_its_hash(client, admin, partner):
    client.force_login(admin)
    response = client.post(
        reverse("accounts:token_list"),
        {"organisation": partner.pk, "name": "海关系统", "scopes": ["read", "screening"], "valid_until": "2099-12-31"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    token = ApiToken.objects.get()
    key = re.search(r'class="[^"]*api-key[^"]*"[^>]*value="([^"]+)"', page).group(1)
    assert "2099-12-31" in page and "2100-01-01" not in page  # the day entered, not the instant it lapses
    assert key.startswith(token.prefix) and len(key) > 40
    assert token.key_hash == tokens.hash_key(key) and token.scopes == ["read", "screening"]
    assert (token.user.role, token.user.organisation, token.user.has_usable_password()) == (
        Role.PARTNER,
        partner,
        False,
    )
    # Nowhere at rest: no table holds the key (the audit trail included), and the list never shows it again.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert key not in dump.getvalue() and key[len(token.prefix) :] not in dump.getvalue()
    listing = client.get(reverse("accounts:token_list")).content.decode()
    assert token.prefix in listing and key not in listing
    assert "2099-12-31" in listing and "2100-01-01" not in listing
    assert api(key).get(WHOAMI).status_code == 200


def test_only_central_administrators_manage_tokens(client, issue, partner):
    issued = issue()
    for role in (Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AUDITOR, Role.PARTNER):
        client.force_login(user_of(role))
        assert client.get(reverse("accounts:token_list")).status_code == 403, role
        assert client.post(reverse("accounts:token_revoke", args=[issued.token.pk])).status_code == 403, role
    assert ApiToken.objects.get().revoked is None


def test_whoami_names_the_token_its_scopes_and_organisation_and_notes_its_use(issue, partner):
    issued = issue(scopes=[Scope.SCREENING, Scope.READ])
    assert issued.token.last_used is None
    response = api(issued.key).get(WHOAMI)
    assert response.status_code == 200
    data = response.json()
    assert data["organisation"] == {
        "id": partner.pk,
        "name_zh": "某国联络点",
        "name_en": "Partner desk",
        "kind": "partner",
    }
    assert data["token"]["scopes"] == ["read", "screening"] and data["token"]["prefix"] == issued.token.prefix
    assert data["role"] == Role.PARTNER
    issued.token.refresh_from_db()
    assert issued.token.last_used is not None


@pytest.mark.parametrize(
    "header",
    [
        "Token rpt_wrong-key-0000000000000000000000000000000000",
        "Token ",
        "Token a b",
        "Token " + "x" * 500,
        "Bearer whatever",
        "",
    ],
)
def test_a_wrong_or_missing_key_answers_401(db, header):
    response = api(header=header).get(WHOAMI)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail"}


def test_an_expired_or_revoked_token_answers_401(issue, client, admin):
    expiring = issue()
    ApiToken.objects.filter(pk=expiring.token.pk).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert api(expiring.key).get(WHOAMI).status_code == 401

    revoked = issue()
    assert api(revoked.key).get(WHOAMI).status_code == 200
    client.force_login(admin)
    assert client.post(reverse("accounts:token_revoke", args=[revoked.token.pk])).status_code == 302
    revoked.token.refresh_from_db()
    assert revoked.token.revoked is not None and not revoked.token.user.is_active
    assert api(revoked.key).get(WHOAMI).status_code == 401
    listing = client.get(reverse("accounts:token_list")).content.decode()
    assert listing.count('action="/tokens/') == 1  # only the live token can still be revoked


def test_a_token_without_the_scope_is_refused_403(issue, world):
    screening_only = issue(scopes=[Scope.SCREENING])
    grant(screening_only.token.user, "person", "view")
    assert api(screening_only.key).get(PERSONS).status_code == 403
    reader = issue(scopes=[Scope.READ])
    grant(reader.token.user, "person", "view")
    grant(reader.token.user, "person", "add")
    assert api(reader.key).get(PERSONS).status_code == 200
    response = api(reader.key).post(
        PERSONS, {"names": [{"name": "某", "kind": "primary"}]}, content_type="application/json"
    )
    assert response.status_code == 403  # writing needs the "write" scope, whatever the grants


def test_a_token_reaches_registry_data_only_through_a_grant(issue, world):
    issued = issue(scopes=[Scope.READ])
    person = world["records"]["A"]["person"]
    client = api(issued.key)
    assert client.get(PERSONS).status_code == 403  # partners hold no grant by default
    assert client.get(f"{PERSONS}{person.pk}/").status_code == 403
    grant(issued.token.user, "person", "view", constraints=[{"pk": person.pk}])
    assert [p["id"] for p in client.get(PERSONS).json()["results"]] == [person.pk]
    assert client.get(f"{PERSONS}{world['records']['B']['person'].pk}/").status_code == 404
    # The read is in the access log under the token's own user, no CSRF token needed.
    assert client.get(f"{PERSONS}{person.pk}/").status_code == 200
    entry = AuditEntry.objects.filter(kind="api_read", object_id=str(person.pk)).get()
    assert entry.username == issued.token.user.username and entry.organisation == "某国联络点"


def test_revoking_and_issuing_are_in_the_audit_trail_without_the_key(client, admin, partner):
    client.force_login(admin)
    client.post(
        reverse("accounts:token_list"),
        {"organisation": partner.pk, "name": "x", "scopes": ["read"], "valid_until": "2099-01-01"},
    )
    token = ApiToken.objects.get()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    entries = AuditEntry.objects.filter(object_type__model="apitoken", object_id=str(token.pk))
    assert set(entries.values_list("kind", flat=True)) == {"create", "update"}
    assert all(token.key_hash not in str(e.after) + str(e.before) for e in entries)


def test_a_token_form_in_the_past_or_without_scopes_is_refused(client, admin, partner):
    client.force_login(admin)
    response = client.post(
        reverse("accounts:token_list"),
        {"organisation": partner.pk, "name": "x", "scopes": [], "valid_until": "2001-01-01"},
    )
    assert response.status_code == 200 and not ApiToken.objects.exists()
    officers_office = Organisation.objects.create(name_zh="省办", kind=OrganisationKind.PROVINCIAL_OFFICE)
    response = client.post(
        reverse("accounts:token_list"),
        {"organisation": officers_office.pk, "name": "x", "scopes": ["read"], "valid_until": "2099-01-01"},
    )
    assert not ApiToken.objects.exists()  # tokens are for partner organisations only
