"""The grants as an authentication backend: Django's has_perm answers as the pages do, and core's restrict ORs
what every configured backend admits."""

import pytest
from django.db.models import Q
from django.test import override_settings

from repatria.accounts.models import Role, User
from repatria.core.querysets import can, restrict
from repatria.registry.models import Person

from .world import member_of, user_of

BACKENDS = ["django.contrib.auth.backends.ModelBackend", "repatria.accounts.backends.ObjectPermissionBackend"]


class Everything:
    """A backend whose restriction admits every record."""

    def restriction(self, user_obj, model, action) -> Q:
        return Q()


class Nothing:
    """A backend that restricts nothing of its own (it has no restriction method)."""


def test_has_perm_answers_as_the_grants_do(world):
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    mine, theirs = world["records"]["A"]["person"], world["records"]["B"]["person"]
    assert officer.has_perm("registry.add_person")
    assert officer.has_perm("registry.change_person", mine)
    assert not officer.has_perm("registry.change_person", theirs)
    assert not officer.has_perm("registry.change_person", world["records"]["A"]["case"])  # not a person
    assert not officer.has_perm("registry.change_nosuchmodel")
    assert not officer.has_perm("nonsense")
    assert not user_of(Role.PARTNER).has_perm("registry.view_person")
    officer.is_active = False
    assert not officer.has_perm("registry.view_person", mine)


def test_restrict_ors_what_the_backends_admit(world):
    partner = user_of(Role.PARTNER)
    assert not restrict(Person.objects.all(), partner).exists()
    with override_settings(AUTHENTICATION_BACKENDS=[*BACKENDS, f"{__name__}.Nothing"]):
        assert not can(partner, Person, "view")
    with override_settings(AUTHENTICATION_BACKENDS=[*BACKENDS, f"{__name__}.Everything"]):
        assert restrict(Person.objects.all(), partner).count() == Person.objects.count()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER])
def test_officers_are_flagged_for_core(role):
    assert User(role=role).is_officer


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_are_not_officers(role):
    assert not User(role=role).is_officer
