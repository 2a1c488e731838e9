"""The accounts' record types, for the tests that loop over every type (repatria.core.testing.RecordSpec).

API tokens are no record type of the grants (central administrators alone manage them): the pages' matrix
checks their page apart.
"""

from repatria.core.testing import RecordSpec

from .models import Organisation

SPECS = [
    RecordSpec(
        Organisation,
        marker=lambda organisation: organisation.name_zh,
        api_payload=lambda records: {"name_zh": f"新{records['organisation'].name_zh}", "kind": "agency"},
        api_text="name_en",
        officers_hold=frozenset({"view"}),
    ),
]
