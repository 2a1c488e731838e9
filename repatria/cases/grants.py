"""The grants of key-case supervisions and their progress reports (loaded by this app's migration): they follow
their case, as every record hanging from a case does (accounts.grants)."""

from repatria.accounts.grants import ALL_ACTIONS, case_scope
from repatria.accounts.models import Role

SUPERVISION_RECORDS = {"cases.supervision": "case__", "cases.progressreport": "supervision__case__"}


def supervision_grants() -> list[dict]:
    types = list(SUPERVISION_RECORDS)
    grants = [
        {"name": "central administrators: key-case supervisions", "roles": [Role.ADMIN], "types": types,
         "actions": ALL_ACTIONS, "constraints": None},
        {"name": "central analysts: read key-case supervisions", "roles": [Role.ANALYST], "types": types,
         "actions": ["view", "export"], "constraints": None},
    ]  # fmt: skip
    for role, scope in ((Role.PROVINCIAL_OFFICER, "province"), (Role.AGENCY_OFFICER, "organisation")):
        for label, path in SUPERVISION_RECORDS.items():
            grants.append(
                {"name": f"{role.label}: {label} of their {scope}", "roles": [role], "types": [label],
                 "actions": ALL_ACTIONS, "constraints": case_scope(scope, path)}
            )  # fmt: skip
    return grants
