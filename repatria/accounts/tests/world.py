"""The world of the permission matrices (pages and API): two provinces, each with one of every record.

Guangdong's case "A" and Zhejiang's case "B", each with a person, a return, an asset, a document, a relative,
whereabouts, an attachment (uploaded by the organisation that works the case: A's office, the police for B) and the
records of international cooperation (cooperation/tests/records.py), and beside them an exchange rate and a
campaign; a police agency assigned to case B.
The `world` fixture (conftest.py) builds it for each test.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from repatria.accounts.models import ObjectPermission, Organisation, OrganisationKind, Role, User
from repatria.assets.services import record_asset
from repatria.attachments.services import attach
from repatria.cases.models import CasePerson
from repatria.cases.services import open_case, record_return
from repatria.cases.supervision import place_under_supervision, receive_report
from repatria.cooperation.models import CountryProfile
from repatria.cooperation.services import open_request
from repatria.cooperation.tests.records import PARTY, cooperation_records
from repatria.core.testing import record_specs
from repatria.geo.models import Country, Province
from repatria.registry.models import IdentityDocument, Relationship
from repatria.registry.services import create_person, record_whereabouts
from repatria.stats.models import Campaign, ExchangeRate
from repatria.work.services import create_task

# Every record type of every app (its specs module): the matrices loop over these.
SPECS = record_specs()
ACTIONS = ["view", "add", "change", "delete", "export"]
# role: (actions on side A, actions on side B) with the grants each role holds from the start.
EXPECTED = {
    Role.ADMIN: (set(ACTIONS), set(ACTIONS)),
    Role.ANALYST: ({"view", "export"}, {"view", "export"}),
    Role.PROVINCIAL_OFFICER: (set(ACTIONS), set()),  # the office of province A
    Role.AGENCY_OFFICER: (set(), set(ACTIONS)),  # assigned to case B only
}


def allowed_to(role, model: str, side: str) -> set[str]:
    """The actions the role holds from the start on the side's record of the type (EXPECTED, but for the
    types every officer holds the same grants on wherever the record is)."""
    officers_hold = SPECS[model].officers_hold
    if officers_hold is not None and role in (Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER):
        return set(officers_hold)
    return EXPECTED[role]["AB".index(side)]


def build_world() -> dict:
    us = Country.objects.get(pk="US")
    offices = {}
    for side, code in (("A", "440000"), ("B", "330000")):
        offices[side] = Organisation.objects.create(
            name_zh=f"{side}省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=Province.objects.get(pk=code)
        )
    police = Organisation.objects.create(name_zh="某公安机关", kind=OrganisationKind.AGENCY)
    admin = User.objects.create_user("setup", role=Role.ADMIN)
    records = {}
    for side, name, currency in (("A", "甲某某", "USD"), ("B", "乙某某", "EUR")):
        person = create_person(names=[(name, "primary")])
        case = open_case(
            actor=admin, number=f"ZT-{side}", title=f"案{side}", province=offices[side].province,
            lead_organisation=offices[side], opened_on=datetime.date(2018, 1, 1), persons={person: "principal"},
        )  # fmt: skip
        if side == "B":
            case.assigned_organisations.add(police)
        supervision = place_under_supervision(actor=admin, case=case, supervisor="central_office",
                                              since=datetime.date(2019, 1, 1))  # fmt: skip
        records[side] = {
            "person": person,
            "case": case,
            "return": record_return(case=case, person=person, date=datetime.date(2019, 1, 1), method="arrest",
                                    country=us, actor=admin),
            "asset": record_asset(actor=admin, case=case, kind="cash", description=f"资产{side}", jurisdiction=us),
            "organisation": offices[side],
            "identitydocument": IdentityDocument.objects.create(person=person, kind="passport", number=f"{side}1234567",
                                                                country=us),
            "relationship": Relationship.objects.create(person=person, relation="spouse", other_name=f"配偶{side}"),
            "whereabouts": record_whereabouts(person=person, country=us, date_from="2017", actor=admin),
            "caseperson": CasePerson.objects.get(case=case),
            "supervision": supervision,
            "progressreport": receive_report(supervision=supervision, received_on=datetime.date(2019, 2, 1),
                                             summary=f"进展报告{side}"),
            # Of no province: the same to everyone, whichever side they sit on.
            "exchangerate": ExchangeRate.objects.create(currency=currency, date=datetime.date(2019, 1, 1),
                                                        rate="7.0", source=f"来源{side}"),
            "task": create_task(actor=admin, title=f"任务{side}", case=case, organisation=offices[side],
                                due_on=datetime.date(2019, 6, 1)),
            "campaign": Campaign.objects.create(name_zh=f"行动{side}", starts_on=datetime.date(2019, 1, 1),
                                                ends_on=datetime.date(2019, 12, 31)),
        }  # fmt: skip
        records[side] |= cooperation_records(side, case)
        records[side] |= cooperation_drafts(side, case, office=offices[side], actor=admin)
        records[side]["attachment"] = attached(case, uploader={"A": offices["A"], "B": police}[side], side=side)
    return {"records": records, "offices": offices, "police": police}


def cooperation_drafts(side: str, case, *, office: Organisation, actor: User) -> dict:
    """A draft request on the side's case with its first check, and a profile of the side's state (the API's routes
    need one of each)."""
    request = open_request(actor=actor, direction="outgoing", kind="extradition", case=case,
                           persons=[case.persons.get()], country=Country.objects.get(pk="US"), organisation=office,
                           channel="diplomatic", facts=f"请求事实{side}")  # fmt: skip
    return {"request": request, "requestcheck": request.checks.first(),
            "countryprofile": CountryProfile.objects.create(country_id=PARTY[side])}  # fmt: skip


def attached(case, *, uploader: Organisation, side: str):
    """A warrant attached to the case by an officer of the organisation."""
    role = Role.AGENCY_OFFICER if uploader.kind == OrganisationKind.AGENCY else Role.PROVINCIAL_OFFICER
    officer = User.objects.create_user(f"uploader-{side}", role=role, organisation=uploader)
    warrant = SimpleUploadedFile(f"warrant-{side}.pdf", b"%PDF-1.4\n%synthetic warrant\n%%EOF\n")
    return attach(actor=officer, file=warrant, kind="warrant", case=case)


def user_of(role, organisation=None) -> User:
    return User.objects.create_user(f"u-{role}-{User.objects.count()}", role=role, organisation=organisation)


def member_of(world: dict, role) -> User:
    """A user of the role in the organisation the matrix expects: province A's office, or the police agency."""
    organisation = {Role.PROVINCIAL_OFFICER: world["offices"]["A"], Role.AGENCY_OFFICER: world["police"]}.get(role)
    return user_of(role, organisation)


def grant(user, model: str, action: str, constraints=None) -> None:
    permission = ObjectPermission.objects.create(name=f"{user.pk}: {model} {action} {constraints}", actions=[action],
                                                 constraints=constraints)  # fmt: skip
    permission.object_types.add(ContentType.objects.get_by_natural_key(SPECS[model].app, model))
    permission.users.add(user)
