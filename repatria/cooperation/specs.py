"""The records of international cooperation, for the tests that loop over every record type
(repatria.core.testing.RecordSpec).

Requests follow their case (cooperation.grants): an officer does everything on those of their reach, but deletes
only a draft (services.delete_request; the matrices' world holds a draft on each side, and
tests/test_request_deletion.py tries the refusal of the rest on the page and in the API). A request's checks are
parts of it that the service adds and removes as the request's kind and basis require, and that are shown with it
(its page, its API record), so they have no view, export, add or delete of their own: the one action users do on
them is a decision ("change"), made on the request's page, which the pages' matrix tries (`decide_on_page`); the
API's decision endpoint has no route of the API matrix's form (it hangs off the request), so tests/test_api.py tries
it role by role in the same world. A request's steps are written by its moves alone, never by a user: no matrix
applies, tests/test_requests.py tries them.

The reference records: every officer reads them wherever they are; the central office maintains them. Left out:
the country profile, one page per state keyed by its code (not a record with an id of its own; its tests are in
tests/test_countries.py), and the contact log, which officers add and read in the reach of its case but never
change or delete (the matrices expect every action on one's own side; tests/test_reference.py tries it). The
payloads create through the API a record beside the side's own, never the same one twice (each type's uniqueness).
"""

from django.test import Client
from django.urls import reverse

from repatria.core.testing import RecordSpec

from .models import Authority, ContactPerson, ConventionParty, Network, OffenceEquivalent, Request, RequestCheck, Treaty

READ = frozenset({"view", "export"})


def decide_on_page(client: Client, action: str, check: RequestCheck) -> bool:
    """Whether the user may decide the check on its request's page: a decision from a version they never saw is
    refused after the grants let it through (back to the page), or answered 403/404 before; nothing changes."""
    url = reverse("cooperation:request_check", args=[check.request_id, check.pk])
    response = client.post(url, {"new": "passed", "reason": "", "version": check.version + 1})
    assert response.status_code in (302, 403, 404), response.status_code
    assert RequestCheck.objects.get(pk=check.pk).version == check.version, "a refused decision changed the check"
    return response.status_code == 302


def new_request(records: dict) -> dict:
    """A draft like the side's: on its case, about its person, from its office."""
    return {"direction": "outgoing", "kind": "mla_evidence", "case": records["case"].pk,
            "persons": [records["person"].pk], "country": "US", "organisation": records["organisation"].pk,
            "channel": "diplomatic", "facts": "新请求事实"}  # fmt: skip


SPECS = [
    RecordSpec(Request, marker=lambda request: request.number, api_payload=new_request, api_text="facts"),
    RecordSpec(
        RequestCheck, marker=lambda check: check.get_code_display(), parent="request", actions=frozenset({"change"}),
        probe=decide_on_page,
    ),
    RecordSpec(
        Treaty, marker=lambda treaty: treaty.title_zh, officers_hold=READ, api_text="notes",
        api_payload=lambda records: {"country": "US", "kind": "extradition", "title_zh": "新条约"},
    ),
    RecordSpec(
        ConventionParty, marker=lambda party: party.source, officers_hold=READ, api_text="source",
        api_payload=lambda records: {"country": records["conventionparty"].country_id, "convention": "UNTOC"},
    ),
    RecordSpec(
        OffenceEquivalent, marker=lambda equivalent: equivalent.foreign_offence, officers_hold=READ,
        api_text="law_reference",
        api_payload=lambda records: {"country": "CA", "offence": records["offenceequivalent"].offence_id,
                                     "foreign_offence": "新罪名"},
    ),
    RecordSpec(
        Network, marker=lambda network: network.name_zh, officers_hold=READ, api_text="notes",
        api_payload=lambda records: {"name_zh": "新网络"},
    ),
    RecordSpec(
        Authority, marker=lambda authority: authority.name_en, officers_hold=READ, api_text="notes",
        api_payload=lambda records: {"name_en": "New authority", "country": "US"},
    ),
    RecordSpec(
        ContactPerson, marker=lambda person: person.name, parent="authority", officers_hold=READ, api_text="role",
        api_payload=lambda records: {"authority": records["authority"].pk, "name": "新联络人"},
    ),
]  # fmt: skip
