"""The grants of key-case supervisions and their progress reports (loaded by this app's migration): they follow
their case, as every record hanging from a case does (accounts.grants)."""

from repatria.accounts.grants import ALL_ACTIONS, case_scope, central_grants, officer_grants

SUPERVISION_RECORDS = {"cases.supervision": "case__", "cases.progressreport": "supervision__case__"}


def supervision_grants() -> list[dict]:
    grants = central_grants(list(SUPERVISION_RECORDS), "key-case supervisions")
    for label, path in SUPERVISION_RECORDS.items():
        grants += officer_grants(label, ALL_ACTIONS, lambda scope, path=path: case_scope(scope, path))
    return grants
