"""The registry's record types, for the tests that loop over every type (repatria.core.testing.RecordSpec)."""

from repatria.core.testing import RecordSpec

from .models import IdentityDocument, Person, Relationship, Whereabouts

SPECS = [
    RecordSpec(
        Person,
        marker=lambda person: person.display_name,
        api_payload=lambda records: {"names": [{"name": f"新{records['person'].display_name}", "kind": "primary"}]},
        api_text="notes",
    ),
    RecordSpec(IdentityDocument, marker=lambda document: document.number, parent="person"),
    RecordSpec(Relationship, marker=lambda relative: relative.other_name, parent="person"),
    RecordSpec(Whereabouts, marker=lambda whereabouts: str(whereabouts.country), parent="person"),
]
