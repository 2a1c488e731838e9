"""Who works a case: the officers a notification about it goes to."""

from django.db.models import Q

from repatria.accounts.models import Role, User
from repatria.core.querysets import reaching

from .models import Case


def officers_of(case: Case) -> list[User]:
    """The active officers of the case's province, lead and assigned organisations who may see it."""
    organisations = Q(organisation_id=case.lead_organisation_id) | Q(organisation__in=case.assigned_organisations.all())
    candidates = (
        User.objects.filter(
            Q(role=Role.PROVINCIAL_OFFICER, organisation__province_id=case.province_id)
            | Q(role=Role.AGENCY_OFFICER) & organisations,
            is_active=True,
        )
        .select_related("organisation")  # which each one's grants read, for the check below
        .distinct()
    )
    return reaching(candidates, case, "view")
