"""Need-to-know on every page: every role × record type × action, and every grant tried three ways.

A world of two provinces (world.py) holds a record of every type that an app's specs module lists (on each
side, though exchange rates and campaigns belong to no province). Pages answer 404 for a record out of reach
(as if it did not exist), 403 for an action the user holds on no record of the type, and exports leave out
what is out of reach. API tokens, which follow no grant, are checked apart.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repatria.accounts import tokens
from repatria.accounts.models import ApiToken, ObjectPermission, Role
from repatria.cases.models import CasePerson

from .world import ACTIONS, EXPECTED, SPECS, allowed_to, grant, member_of, user_of

# Record types with pages of their own.
PAGED = [name for name, spec in SPECS.items() if spec.parent is None]
# Parts of another record (a person, a case, a request), edited from its page.
PARTS = [name for name, spec in SPECS.items() if spec.parent is not None]


def tried(models: list[str], actions: list[str]) -> list[tuple[str, str]]:
    """Each (type, action) of these that users do on the type (RecordSpec.actions)."""
    return [(model, action) for model in models for action in actions if action in SPECS[model].actions]


def url(model: str, action: str, obj=None) -> str:
    name = f"{SPECS[model].app}:{model}"
    if action == "view":
        return reverse(name, args=[obj.pk])
    if action == "export":
        return reverse(f"{name}_list") + "?export=csv"
    if action == "add":
        return reverse(f"{name}_add")
    return reverse(f"{name}_{'edit' if action == 'change' else 'delete'}", args=[obj.pk])


def reaches(client, model: str, action: str, obj) -> bool:
    """Whether the page lets the user do the action on the record, as they would find out."""
    response = client.get(url(model, action, obj))
    if action == "export":
        assert response.status_code == 200
        return SPECS[model].marker(obj) in b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code in (200, 403, 404), response.status_code
    return response.status_code == 200


def part_reaches(client, model: str, action: str, obj) -> bool:
    parent, probe = SPECS[model].parent, SPECS[model].probe
    if probe is not None:
        return probe(client, action, obj)
    if action == "add":
        response = client.get(url(model, "add"), {parent: getattr(obj, parent).pk})
    else:
        response = client.get(url(model, action, obj))
    assert response.status_code in (200, 403, 404), response.status_code
    return response.status_code == 200


# Every role, with the grants it holds from the start.


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize(("model", "action"), tried(PAGED, ["view", "change", "delete", "export"]))
def test_each_role_reaches_exactly_its_records(client, world, role, model, action):
    client.force_login(member_of(world, role))
    for side in "AB":
        obj = world["records"][side][model]
        assert reaches(client, model, action, obj) == (action in allowed_to(role, model, side)), (side, obj)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize(("model", "action"), tried(PARTS, ["add", "change", "delete"]))
def test_each_role_edits_exactly_the_parts_of_its_records(client, world, role, model, action):
    client.force_login(member_of(world, role))
    for side in "AB":
        obj = world["records"][side][model]
        assert part_reaches(client, model, action, obj) == (action in allowed_to(role, model, side)), (side, obj)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_have_no_registry_pages(client, world, role):
    client.force_login(user_of(role))
    assert client.get(reverse("dashboard")).status_code == 302  # to where they work (test_audit)
    for model in PAGED:
        assert client.get(url(model, "export").split("?")[0]).status_code == 403
        assert client.get(url(model, "view", world["records"]["A"][model])).status_code == 403


# Every grant tried three ways: absent, present, and present with a constraint that excludes the record.


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action"), tried(PAGED, ACTIONS))
def test_a_grant_opens_a_page_and_its_constraint_closes_it_again(client, world, model, action):
    ObjectPermission.objects.all().delete()
    user = user_of(Role.ANALYST)
    client.force_login(user)
    obj = world["records"]["A"][model]
    check = reaches if action != "add" else (lambda c, m, a, o: c.get(url(m, "add")).status_code == 200)

    assert not check(client, model, action, obj), "without the grant"
    grant(user, model, action, constraints=[{"pk": 0}])
    if action != "add":  # a constrained add grant still opens the form; the save is checked (below)
        assert not check(client, model, action, obj), "with a constraint that excludes the record"
    grant(user, model, action)
    assert check(client, model, action, obj), "with the grant"


@pytest.mark.django_db
def test_a_save_that_would_leave_the_writers_reach_is_rolled_back(client, world):
    officer = user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"])
    client.force_login(officer)
    case = world["records"]["A"]["case"]
    case.refresh_from_db()
    data = {"number": case.number, "title": "改到别省", "province": "330000", "opened_on": "2018-01-01",
            "lead_organisation": case.lead_organisation_id, "supervision_level": "provincial",
            "amount_currency": "CNY", "expected_version": case.version}  # fmt: skip
    response = client.post(url("case", "change", case), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "超出" in page or "outside" in page, page[page.find("<main") :][:3000]
    case.refresh_from_db()
    assert case.province_id == "440000" and case.title == "案A"


@pytest.mark.django_db
def test_guessed_ids_search_autocomplete_and_dashboard_show_nothing_of_the_other_province(client, world):
    client.force_login(user_of(Role.PROVINCIAL_OFFICER, world["offices"]["A"]))
    other = world["records"]["B"]
    assert client.get(url("person", "view", other["person"])).status_code == 404
    listing = client.get(reverse("registry:person_list"), {"q": "乙某某"}).content.decode()
    assert other["person"].get_absolute_url() not in listing
    options = client.get(reverse("registry:person_autocomplete"), {"q": "乙"}).content.decode()
    assert "乙某某" not in options
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "乙某某" not in dashboard and "ZT-B" not in dashboard
    # Naming the other side's person in a form of one's own case is refused like a wrong value.
    mine = world["records"]["A"]["case"]
    response = client.post(
        reverse("cases:caseperson_add"), {"case": mine.pk, "person": other["person"].pk, "role": "accomplice"}
    )
    assert response.status_code == 200
    assert not CasePerson.objects.filter(case=mine, person=other["person"]).exists()
    response = client.post(reverse("cases:note"), {"case": other["case"].pk, "text": "x"})
    assert not other["case"].events.filter(kind="note").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*EXPECTED, Role.PARTNER, Role.AUDITOR])
def test_only_central_administrators_see_and_revoke_api_tokens(client, world, role):
    """API tokens follow no grant: the page and the revoking belong to central administrators alone."""
    expires = timezone.now() + datetime.timedelta(days=1)
    issued = tokens.issue_token(
        organisation=world["police"], name="令牌", scopes=["read"], expires=expires, created_by=user_of(Role.ADMIN)
    )
    client.force_login(member_of(world, role))
    listing = client.get(reverse("accounts:token_list"))
    revoke = client.post(reverse("accounts:token_revoke", args=[issued.token.pk]))
    is_admin = role == Role.ADMIN
    assert (listing.status_code, revoke.status_code) == ((200, 302) if is_admin else (403, 403))
    assert ("令牌" in listing.content.decode()) == is_admin
    assert (ApiToken.objects.get(pk=issued.token.pk).revoked is not None) == is_admin
