"""The reference records of international cooperation, for the tests that loop over every record type
(repatria.core.testing.RecordSpec).

Every officer reads them wherever they are; the central office maintains them (cooperation.grants). Left out:
the country profile, one page per state keyed by its code (not a record with an id of its own; its tests are in
tests/test_countries.py), and the contact log, which officers add and read in the reach of its case but never
change or delete (the matrices expect every action on one's own side; tests/test_reference.py tries it). The
payloads create through the API a record beside the side's own, never the same one twice (each type's uniqueness).
"""

from repatria.core.testing import RecordSpec

from .models import Authority, ContactPerson, ConventionParty, Network, OffenceEquivalent, Treaty

READ = frozenset({"view", "export"})

SPECS = [
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
