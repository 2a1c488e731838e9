"""The reference records of international cooperation in the permission matrices' world (accounts/tests/world.py):
one of each type on each side. They belong to no province (every officer reads them) but a contact about a case
follows its case."""

import datetime

from repatria.cooperation.models import (
    Authority,
    ContactLog,
    ContactPerson,
    ConventionParty,
    Network,
    OffenceEquivalent,
    Treaty,
)
from repatria.geo.models import Country

# Territories no convention list will ever hold, one a side, early in the list's order (convention, country) so that
# the test rows are on its first page: Antarctica and Bouvet Island.
PARTY = {"A": "AQ", "B": "BV"}
OFFENCE = {"A": "bribery", "B": "embezzlement"}


def cooperation_records(side: str, case) -> dict:
    us = Country.objects.get(pk="US")
    network = Network.objects.create(name_zh=f"网络{side}", name_en=f"Network {side}")
    authority = Authority.objects.create(name_zh=f"外国机关{side}", name_en=f"Authority {side}", country=us)
    authority.networks.add(network)
    return {
        "treaty": Treaty.objects.create(country=us, kind="mla", title_zh=f"条约{side}", is_demo=True,
                                        signed_on=datetime.date(2000, 6, 19)),
        "conventionparty": ConventionParty.objects.create(country_id=PARTY[side], convention="UNCAC",
                                                          source=f"来源公约{side}"),
        "offenceequivalent": OffenceEquivalent.objects.create(country=us, offence_id=OFFENCE[side],
                                                              foreign_offence=f"外国罪名{side}"),
        "network": network,
        "authority": authority,
        "contactperson": ContactPerson.objects.create(authority=authority, name=f"联络人{side}"),
        "contactlog": ContactLog.objects.create(authority=authority, case=case, happened_on=datetime.date(2019, 3, 1),
                                                summary=f"联系{side}"),
    }  # fmt: skip
