"""The grants of tasks (loaded by this app's migration): a task follows its case as the case's timeline does, or its
person when it is on a person alone; administrators handle every task, analysts read them all."""

from repatria.accounts.grants import ALL_ACTIONS, case_or_person_scope, central_grants, officer_grants

TASK = "work.task"


def work_grants() -> list[dict]:
    return central_grants([TASK], "every task") + officer_grants(TASK, ALL_ACTIONS, case_or_person_scope)
