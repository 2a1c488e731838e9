"""The grants each role holds from the start (loaded by a migration; administrators may change them later).

A provincial officer works the cases of their province, an agency officer those their organisation leads or
is assigned to, and everything hanging from those cases: persons in them, returns, assets, timeline events,
and the persons' names, documents, relatives and whereabouts. A person in no case yet belongs to the
organisation that recorded them.

Screening alerts follow their case like timeline events, and are loaded by a migration of their own
(`screening_grants`, accounts 0006), since the record type came after the first grants.
"""

from collections.abc import Callable

from django.db import migrations

from .models import Role

ALL_ACTIONS = ["view", "add", "change", "delete", "export"]

# Record types with the path from each to its case, or to its person.
CASE_RECORDS = {"cases.case": "", "cases.caseperson": "case__", "cases.return": "case__", "assets.asset": "case__"}
PERSON_RECORDS = {
    "registry.person": "",
    "registry.personname": "person__",
    "registry.identitydocument": "person__",
    "registry.relationship": "person__",
    "registry.whereabouts": "person__",
}
EVENT = "cases.event"
REGISTRY = [*CASE_RECORDS, *PERSON_RECORDS, EVENT]
ORGANISATION = "accounts.organisation"


def case_scope(scope: str, path: str) -> list[dict]:
    if scope == "province":
        return [{f"{path}province": "$province"}]
    return [{f"{path}lead_organisation": "$organisation"}, {f"{path}assigned_organisations": "$organisation"}]


def person_scope(scope: str, path: str) -> list[dict]:
    owner = {f"{path}owner__province": "$province"} if scope == "province" else {f"{path}owner": "$organisation"}
    return [*case_scope(scope, f"{path}case_memberships__case__"), owner]


def scoped(scope: str) -> dict[str, list[dict]]:
    """The constraints of each record type for a scope ("province" or "organisation")."""
    constraints = {label: case_scope(scope, path) for label, path in CASE_RECORDS.items()}
    constraints |= {label: person_scope(scope, path) for label, path in PERSON_RECORDS.items()}
    constraints[EVENT] = case_or_person_scope(scope)
    return constraints


def case_or_person_scope(scope: str) -> list[dict]:
    """A record on a case (an event, an alert, a task) follows the case; one on a person alone follows the person."""
    return case_scope(scope, "case__") + [{"case__isnull": True, **c} for c in person_scope(scope, "person__")]


# Each officer role and the reach of its grants.
OFFICER_SCOPES = ((Role.PROVINCIAL_OFFICER, "province"), (Role.AGENCY_OFFICER, "organisation"))


def central_grants(types: list[str], what: str, admin_actions: list[str] = ALL_ACTIONS) -> list[dict]:
    """The grants of the records of `types` (`what` names them) to central administrators, who handle them all, and
    to analysts, who read them all."""
    return [
        {"name": f"central administrators: {what}", "roles": [Role.ADMIN], "types": types, "actions": admin_actions,
         "constraints": None},
        {"name": f"central analysts: read {what}", "roles": [Role.ANALYST], "types": types,
         "actions": ["view", "export"], "constraints": None},
    ]  # fmt: skip


def officer_grants(label: str, actions: list[str], reach: Callable[[str], list[dict]]) -> list[dict]:
    """The grant of the record type `label` to each officer role, over the records `reach(scope)` admits."""
    return [
        {"name": f"{role.label}: {label} of their {scope}", "roles": [role], "types": [label], "actions": actions,
         "constraints": reach(scope)}
        for role, scope in OFFICER_SCOPES
    ]  # fmt: skip


def default_grants() -> list[dict]:
    """Rows for ObjectPermission: name, roles, object types ("app.model"), actions, constraints."""
    grants = [
        {"name": "central administrators: everything", "roles": [Role.ADMIN], "types": [*REGISTRY, ORGANISATION],
         "actions": ALL_ACTIONS, "constraints": None},
        {"name": "central analysts: read and export everything", "roles": [Role.ANALYST],
         "types": [*REGISTRY, ORGANISATION], "actions": ["view", "export"], "constraints": None},
        {"name": "officers: see organisations", "roles": [Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER],
         "types": [ORGANISATION], "actions": ["view"], "constraints": None},
    ]  # fmt: skip
    for role, scope in OFFICER_SCOPES:
        for label, constraints in scoped(scope).items():
            grants.append(
                {"name": f"{role.label}: {label} of their {scope}", "roles": [role], "types": [label],
                 "actions": ALL_ACTIONS, "constraints": constraints}
            )  # fmt: skip
    return grants


ALERT = "screening.alert"


def screening_grants() -> list[dict]:
    """Rows for ObjectPermission (as default_grants) of screening alerts: administrators handle every alert,
    analysts read them all, officers handle those of their cases (an alert about a person in no open case follows
    the person); partners and auditors see none."""
    actions = ["view", "change", "export"]
    return central_grants([ALERT], "every screening alert", actions) + officer_grants(
        ALERT, actions, case_or_person_scope
    )


def _agency_types(grant: dict) -> dict:
    """The agency types a grant names, for a migration whose model has the field (those before it have not)."""
    return {"agency_types": [str(t) for t in grant["agency_types"]]} if grant.get("agency_types") else {}


def grant_loader(grants: Callable[[], list[dict]]) -> migrations.RunPython:
    """The migration operation that loads these grants (and removes them when the migration is unapplied)."""

    def load(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        object_permission = apps.get_model("accounts", "ObjectPermission")
        for grant in grants():
            permission = object_permission.objects.create(
                name=grant["name"], roles=[str(r) for r in grant["roles"]], actions=grant["actions"],
                constraints=grant["constraints"], **_agency_types(grant),
            )  # fmt: skip
            for label in grant["types"]:
                app_label, model = label.split(".")
                permission.object_types.add(content_type.objects.get_or_create(app_label=app_label, model=model)[0])

    def unload(apps, schema_editor):
        names = [grant["name"] for grant in grants()]
        apps.get_model("accounts", "ObjectPermission").objects.filter(name__in=names).delete()

    return migrations.RunPython(load, unload)


def constraints_updater(grants: Callable[[], list[dict]]) -> migrations.RunPython:
    """The migration operation that gives the loaded grants of these names their constraints as the code now writes
    them (a grant's filter rewritten, its reach the same). Unapplied, it leaves them: the earlier form is gone."""

    def update(apps, schema_editor):
        permissions = apps.get_model("accounts", "ObjectPermission").objects
        for grant in grants():
            permissions.filter(name=grant["name"]).update(constraints=grant["constraints"])

    return migrations.RunPython(update, migrations.RunPython.noop)


STATS_RECORDS = ["stats.exchangerate", "stats.campaign", "stats.campaigntarget"]


def stats_grants() -> list[dict]:
    """Rows for ObjectPermission (as default_grants) of exchange rates and campaigns: central administrators
    maintain them, every officer reads them (the figures they produce are scoped by the returns and assets
    each officer may see, not by these)."""
    return [
        {"name": "central administrators: exchange rates and campaigns", "roles": [Role.ADMIN],
         "types": STATS_RECORDS, "actions": ALL_ACTIONS, "constraints": None},
        {"name": "officers: read exchange rates and campaigns",
         "roles": [Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER], "types": STATS_RECORDS,
         "actions": ["view", "export"], "constraints": None},
    ]  # fmt: skip


ATTACHMENT = "attachments.attachment"
# The record an attachment hangs from, by its field: the scope that reaches that record.
ATTACHMENT_TARGETS = {"case__": case_scope, "return_record__case__": case_scope, "asset__case__": case_scope,
                      "person__": person_scope}  # fmt: skip


def attachment_scope(scope: str, *, uploaded_here: bool = False) -> list[dict]:
    """An attachment follows the record it hangs from; `uploaded_here` narrows that to files uploaded by someone of
    the officer's own organisation."""
    mine = {"uploaded_by__organisation": "$organisation"} if uploaded_here else {}
    return [{**c, **mine} for path, scoped in ATTACHMENT_TARGETS.items() for c in scoped(scope, path)]


def attachment_grants() -> list[dict]:
    """Rows for ObjectPermission (as default_grants) of attachments: officers see and attach files on the records
    of their reach, and correct or delete only those uploaded by their own organisation; administrators handle
    every attachment, analysts read them all."""
    grants = central_grants([ATTACHMENT], "every attachment")
    for role, scope in OFFICER_SCOPES:
        grants += [
            {"name": f"{role.label}: {ATTACHMENT} of their {scope}", "roles": [role], "types": [ATTACHMENT],
             "actions": ["view", "add", "export"], "constraints": attachment_scope(scope)},
            {"name": f"{role.label}: {ATTACHMENT} of their {scope} uploaded by their organisation", "roles": [role],
             "types": [ATTACHMENT], "actions": ["change", "delete"],
             "constraints": attachment_scope(scope, uploaded_here=True)},
        ]  # fmt: skip
    return grants
