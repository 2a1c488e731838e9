"""The reference records of international cooperation, for the tests that loop over every record type
(repatria.core.testing.RecordSpec).

Every officer reads them wherever they are; the central office maintains them (cooperation.grants). Left out:
the country profile, one page per state keyed by its code (not a record with an id of its own; its tests are in
tests/test_countries.py), and the contact log, which officers add and read in the reach of its case but never
change or delete (the matrices expect every action on one's own side; tests/test_reference.py tries it).
"""

from repatria.core.testing import RecordSpec

from .models import Authority, ContactPerson, ConventionParty, Network, OffenceEquivalent, Treaty

READ = frozenset({"view", "export"})

SPECS = [
    RecordSpec(Treaty, marker=lambda treaty: treaty.title_zh, officers_hold=READ),
    RecordSpec(ConventionParty, marker=lambda party: party.source, officers_hold=READ),
    RecordSpec(OffenceEquivalent, marker=lambda equivalent: equivalent.foreign_offence, officers_hold=READ),
    RecordSpec(Network, marker=lambda network: network.name_zh, officers_hold=READ),
    RecordSpec(Authority, marker=lambda authority: authority.name_en, officers_hold=READ),
    RecordSpec(ContactPerson, marker=lambda person: person.name, parent="authority", officers_hold=READ),
]
