"""The API against its own OpenAPI schema: a bounded schemathesis run; `make fuzz` (bench/fuzz_api.py) runs a
long one by raising REPATRIA_FUZZ_EXAMPLES, adding the coverage phase and a provincial officer's session.

Every operation gets generated requests, valid and invalid, over a small registry; none may answer 5xx or
anything the schema does not describe.
"""

import datetime
import os
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from repatria.accounts.models import Role, User
from repatria.assets.services import record_asset
from repatria.cases.services import record_return
from repatria.geo.models import Country

from .api_fuzz import Session, check, load_schema, officer_session, requests_keep_the_connection

LONG = "REPATRIA_FUZZ_EXAMPLES" in os.environ
MAX_EXAMPLES = int(os.environ.get("REPATRIA_FUZZ_EXAMPLES", 10))
ROLES = [Role.ADMIN, Role.PROVINCIAL_OFFICER] if LONG else [Role.ADMIN]

schema = load_schema(max_examples=MAX_EXAMPLES, deterministic=not LONG, coverage=LONG)


@pytest.fixture(params=ROLES)
def session(request, case, person, organisation) -> Iterator[Session]:
    """A session over a small registry: a case with its person, office, a return and an asset."""
    us = Country.objects.get(pk="US")
    organisation.province_id = case.province_id
    organisation.save()
    user = User.objects.create_user(f"fuzz-{request.param}", role=request.param, organisation=organisation)
    record_return(case=case, person=person, date=datetime.date(2017, 1, 1), method="arrest", country=us, actor=user)
    record_asset(actor=user, case=case, person=person, kind="cash", description="现金", jurisdiction=us)
    with requests_keep_the_connection():
        yield officer_session(user)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_every_answer_is_as_the_schema_says(case: schemathesis.Case, session: Session) -> None:
    check(case, session)
