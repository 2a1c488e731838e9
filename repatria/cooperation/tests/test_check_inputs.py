"""A request's checks are read again where what they read changes (resync.py), each record once per reading, and
never when someone looks at the request: a GET of its page writes nothing but the access log."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from repatria.accounts.testing import verified_login
from repatria.attachments.services import attach
from repatria.cases.models import Offence
from repatria.cooperation import services
from repatria.cooperation.models import CheckCode, CheckState, CountryProfile, OffenceEquivalent, Request, RequestState
from repatria.registry.models import IdentityDocument

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WRITES = ("INSERT", "UPDATE", "DELETE")


def state(request: Request, code: str) -> str:
    """The check as stored: what the page shows, with no reading in between."""
    return request.checks.get(code=code).state


def test_a_warrant_attached_to_the_case_passes_the_check(draft, drafter, case):
    assert state(draft, CheckCode.WARRANT) == CheckState.OPEN
    warrant = attach(actor=drafter, file=ContentFile(PDF, name="warrant.pdf"), kind="warrant", case=case)
    assert state(draft, CheckCode.WARRANT) == CheckState.PASSED
    warrant.delete()
    assert state(draft, CheckCode.WARRANT) == CheckState.OPEN


def test_a_translation_attached_to_the_request_passes_the_check(draft, drafter, argentina):
    CountryProfile.objects.create(country=argentina, translation_required=True)
    assert state(draft, CheckCode.TRANSLATION) == CheckState.OPEN
    attach(actor=drafter, file=ContentFile(PDF, name="translation.pdf"), kind="translation", request=draft)
    assert state(draft, CheckCode.TRANSLATION) == CheckState.PASSED


def test_the_persons_documents_and_nationalities_are_followed(draft, argentina):
    person = draft.persons.get()
    assert state(draft, CheckCode.IDENTITY) == CheckState.FAILED  # a birth date, but no document or photo
    IdentityDocument.objects.create(person=person, kind="passport", country_id="CN", number="E12345678")
    assert state(draft, CheckCode.IDENTITY) == CheckState.PASSED
    person.nationalities.add(argentina)
    assert state(draft, CheckCode.NATIONALS) == CheckState.OPEN  # the profile does not say
    CountryProfile.objects.create(country=argentina, extradites_nationals="no")
    assert state(draft, CheckCode.NATIONALS) == CheckState.FAILED


def test_the_cases_offences_and_their_equivalents_are_followed(draft, case, argentina):
    offence = Offence.objects.first()
    offence.cases.add(case)  # from the other side of the field, as from the case's
    assert state(draft, CheckCode.DUAL_CRIMINALITY) == CheckState.FAILED
    equivalent = OffenceEquivalent.objects.create(country=argentina, offence=offence, foreign_offence="Peculado",
                                                  maximum_penalty_years=10)  # fmt: skip
    assert state(draft, CheckCode.DUAL_CRIMINALITY) == CheckState.PASSED
    assert state(draft, CheckCode.PENALTY_THRESHOLD) == CheckState.PASSED
    equivalent.delete()
    assert state(draft, CheckCode.DUAL_CRIMINALITY) == CheckState.FAILED


def test_a_sent_requests_checks_stay_as_they_were_sent(draft, drafter, case):
    Request.objects.filter(pk=draft.pk).update(state=RequestState.SENT)
    attach(actor=drafter, file=ContentFile(PDF, name="warrant.pdf"), kind="warrant", case=case)
    assert state(draft, CheckCode.WARRANT) == CheckState.OPEN


def test_a_reading_fetches_the_profile_and_the_equivalents_once(draft, case, argentina):
    case.offences.add(*Offence.objects.all()[:3])
    with CaptureQueriesContext(connection) as queries:
        services.sync_checks(draft)
    tables = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert sum('"cooperation_countryprofile"' in sql.split(" WHERE ")[0] for sql in tables) == 1
    assert sum('"cooperation_offenceequivalent"' in sql.split(" WHERE ")[0] for sql in tables) == 1


def test_a_get_of_the_request_page_writes_nothing_but_the_access_log(client, draft, drafter, case):
    Request.objects.filter(pk=draft.pk).update(facts="某某于2015年贪污公款后出逃。")  # the checks not read since
    verified_login(client, drafter)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].startswith(WRITES)]
    assert writes and all("audit_" in sql.split("(")[0] for sql in writes), writes
    assert state(draft, CheckCode.FACTS) == CheckState.OPEN  # read again at its next change, not by a look
