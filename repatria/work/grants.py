"""The grants of tasks (loaded by this app's migration): a task follows its case as the case's timeline does, or its
person when it is on a person alone; administrators handle every task, analysts read them all."""

from repatria.accounts.grants import ALL_ACTIONS, case_scope, person_scope
from repatria.accounts.models import Role

TASK = "work.task"


def task_scope(scope: str) -> list[dict]:
    return case_scope(scope, "case__") + [{"case__isnull": True, **c} for c in person_scope(scope, "person__")]


def work_grants() -> list[dict]:
    grants = [
        {"name": "central administrators: every task", "roles": [Role.ADMIN], "types": [TASK],
         "actions": ALL_ACTIONS, "constraints": None},
        {"name": "central analysts: read every task", "roles": [Role.ANALYST], "types": [TASK],
         "actions": ["view", "export"], "constraints": None},
    ]  # fmt: skip
    for role, scope in ((Role.PROVINCIAL_OFFICER, "province"), (Role.AGENCY_OFFICER, "organisation")):
        grants.append(
            {"name": f"{role.label}: {TASK} of their {scope}", "roles": [role], "types": [TASK],
             "actions": ALL_ACTIONS, "constraints": task_scope(scope)}
        )  # fmt: skip
    return grants
