"""The grants of international cooperation (loaded by this app's migration).

The central office handles everything and its analysts read it all. Officers read the country profiles, treaties,
offence equivalents and contact points, and foreign-affairs officers maintain treaties. A request follows its case as
the case's other records do; an incoming request on no case of ours follows the organisation it is addressed to; of
those in their reach officers delete only drafts (the service keeps the rest: request_delete_grants). A
partner contact point sees only our requests addressed to its authority once they have left, never a draft, and
answers them; it sees none of the office's checks.
"""

from repatria.accounts.grants import ALL_ACTIONS, ATTACHMENT, OFFICER_SCOPES, case_scope, central_grants
from repatria.accounts.models import AgencyType, Role

REFERENCE = [
    "cooperation.conventionparty", "cooperation.countryprofile", "cooperation.treaty",
    "cooperation.offenceequivalent", "cooperation.network", "cooperation.authority", "cooperation.contactperson",
    "cooperation.lettertemplate",
]  # fmt: skip
REQUEST = "cooperation.request"
REQUEST_PARTS = ["cooperation.requestcheck", "cooperation.requeststep"]
CONTACT = "cooperation.contactlog"
OFFICERS = [Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER]
SENT = ["sent", "acknowledged", "more_requested", "in_execution", "executed", "partly_executed", "refused"]


def request_scope(scope: str, path: str = "") -> list[dict]:
    """The requests of the officer's cases, and the incoming ones on no case addressed to their organisation: for a
    province, the one the request keeps on its row (Request.province, whose index the filter can use)."""
    if scope == "province":
        return [{f"{path}province": "$province"}]
    return [*case_scope(scope, f"{path}case__"), {f"{path}case__isnull": True, f"{path}organisation": "$organisation"}]


def contact_scope(scope: str) -> list[dict]:
    """A contact about a case follows the case, one about a request the request; any other is every officer's."""
    on_request = [{"case__isnull": True, **c} for c in request_scope(scope, "request__")]
    return [*case_scope(scope, "case__"), *on_request, {"case__isnull": True, "request__isnull": True}]


def cooperation_grants() -> list[dict]:
    grants = central_grants([*REFERENCE, REQUEST, *REQUEST_PARTS, CONTACT], "international cooperation")
    grants += [
        {"name": "officers: read cooperation reference", "roles": OFFICERS, "types": REFERENCE,
         "actions": ["view", "export"], "constraints": None},
        {"name": "foreign-affairs officers: maintain treaties", "roles": [Role.AGENCY_OFFICER],
         "agency_types": [AgencyType.FOREIGN_AFFAIRS], "types": ["cooperation.treaty"], "actions": ALL_ACTIONS,
         "constraints": None},
        {"name": "partners: requests addressed to them once sent", "roles": [Role.PARTNER], "types": [REQUEST],
         "actions": ["view", "change"],
         "constraints": {"foreign_authority__organisation": "$organisation", "direction": "outgoing",
                         "state__in": SENT}},
        {"name": "partners: the steps of requests addressed to them", "roles": [Role.PARTNER],
         "types": ["cooperation.requeststep"], "actions": ["view"],
         "constraints": {"request__foreign_authority__organisation": "$organisation",
                         "request__direction": "outgoing", "request__state__in": SENT}},
    ]  # fmt: skip
    for role, scope in OFFICER_SCOPES:
        grants += [
            {"name": f"{role.label}: {REQUEST} of their {scope}", "roles": [role], "types": [REQUEST],
             "actions": ["view", "add", "change", "export"], "constraints": request_scope(scope)},
            {"name": f"{role.label}: request checks and steps of their {scope}", "roles": [role],
             "types": REQUEST_PARTS, "actions": ["view", "add", "change", "export"],
             "constraints": request_scope(scope, "request__")},
            {"name": f"{role.label}: {CONTACT} of their {scope}", "roles": [role], "types": [CONTACT],
             "actions": ["view", "add", "export"],
             "constraints": contact_scope(scope)},
        ]  # fmt: skip
    return grants


def request_attachment_grants() -> list[dict]:
    """Officers see and attach files on the requests of their reach, and correct or delete those uploaded by their
    own organisation, as with the files of a case (accounts.grants.attachment_grants; the central grants there
    already cover every attachment)."""
    grants = []
    for role, scope in OFFICER_SCOPES:
        reach = request_scope(scope, "request__")
        mine = [{**c, "uploaded_by__organisation": "$organisation"} for c in reach]
        grants += [
            {"name": f"{role.label}: request attachments of their {scope}", "roles": [role],
             "types": [ATTACHMENT], "actions": ["view", "add", "export"], "constraints": reach},
            {"name": f"{role.label}: request attachments of their {scope} uploaded by their organisation",
             "roles": [role], "types": [ATTACHMENT], "actions": ["change", "delete"], "constraints": mine},
        ]  # fmt: skip
    return grants


def treaty_attachment_grants() -> list[dict]:
    """A treaty's text: every officer reads it, foreign-affairs officers attach and correct it (the central grants in
    accounts.grants cover every attachment)."""
    return [
        {"name": "officers: read the texts of treaties", "roles": OFFICERS, "types": [ATTACHMENT],
         "actions": ["view", "export"], "constraints": {"treaty__isnull": False}},
        {"name": "foreign-affairs officers: the texts of treaties", "roles": [Role.AGENCY_OFFICER],
         "agency_types": [AgencyType.FOREIGN_AFFAIRS], "types": [ATTACHMENT], "actions": ALL_ACTIONS,
         "constraints": {"treaty__isnull": False}},
    ]  # fmt: skip


def request_delete_grants() -> list[dict]:
    """Officers delete the requests of their reach; the service deletes only a draft, and keeps any request that has
    gone further (services.delete_request), so the refusal says why instead of hiding the request."""
    return [
        {"name": f"{role.label}: delete {REQUEST} of their {scope}", "roles": [role], "types": [REQUEST],
         "actions": ["delete"], "constraints": request_scope(scope)}
        for role, scope in OFFICER_SCOPES
    ]  # fmt: skip
