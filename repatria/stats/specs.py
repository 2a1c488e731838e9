"""The statistics' record types, for the tests that loop over every type (repatria.core.testing.RecordSpec).

Exchange rates and campaigns belong to no province: every officer reads them all, central administrators
maintain them (accounts.grants.stats_grants).
"""

from repatria.core.testing import RecordSpec

from .models import Campaign, ExchangeRate

READ = frozenset({"view", "export"})

SPECS = [
    RecordSpec(
        ExchangeRate,
        marker=lambda rate: rate.source,
        api_payload=lambda records: {
            "currency": records["exchangerate"].currency,
            "date": "2020-06-01",
            "rate": "7.1",
            "source": "新来源",
        },
        api_text="source",
        officers_hold=READ,
    ),
    RecordSpec(
        Campaign,
        marker=lambda campaign: campaign.name_zh,
        api_payload=lambda records: {
            "name_zh": f"新{records['campaign'].name_zh}",
            "starts_on": "2020-01-01",
            "ends_on": "2020-12-31",
        },
        api_text="name_en",
        officers_hold=READ,
    ),
]
