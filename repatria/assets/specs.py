"""The assets' record types, for the tests that loop over every type (repatria.core.testing.RecordSpec)."""

from repatria.core.testing import RecordSpec

from .models import Asset

SPECS = [
    RecordSpec(
        Asset,
        marker=lambda asset: asset.description,
        api_payload=lambda records: {
            "case": records["case"].pk,
            "kind": "cash",
            "jurisdiction": "US",
            "description": f"新{records['asset'].description}",
        },
        api_text="description",
    ),
]
