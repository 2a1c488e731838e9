"""A request is for the officers of its case's province, or, on no case, of its office's; the province kept on the
row for the grants' filter follows a transferred case and a re-homed office."""

from django.utils import timezone

from repatria.accounts.models import Role
from repatria.accounts.tests.world import member_of, user_of
from repatria.cases.models import Case
from repatria.cases.services import transfer_case
from repatria.cooperation import services
from repatria.cooperation.models import Direction, Request, RequestChannel, RequestKind
from repatria.geo.models import Country


def reaches(user, request: Request) -> bool:
    return Request.objects.restrict(user).filter(pk=request.pk).exists()


def test_a_request_follows_its_case_to_another_province(world):
    request, office_b = world["records"]["A"]["request"], world["offices"]["B"]
    guangdong, zhejiang = member_of(world, Role.PROVINCIAL_OFFICER), user_of(Role.PROVINCIAL_OFFICER, office_b)
    assert request.province_id == "440000"
    assert reaches(guangdong, request) and not reaches(zhejiang, request)

    case = Case.objects.get(pk=request.case_id)
    transfer_case(case=case, province=office_b.province, lead_organisation=office_b, reason="管辖调整",
                  actor=user_of(Role.ADMIN))  # fmt: skip

    request.refresh_from_db()
    assert request.province_id == "330000"
    assert reaches(zhejiang, request) and not reaches(guangdong, request)


def test_a_request_on_no_case_follows_its_office(world):
    office_a, office_b = world["offices"]["A"], world["offices"]["B"]
    received = services.open_request(
        actor=user_of(Role.ADMIN), direction=Direction.INCOMING, kind=RequestKind.MLA_EVIDENCE,
        country=Country.objects.get(pk="AR"), organisation=office_a, channel=RequestChannel.CENTRAL_AUTHORITY,
        foreign_case="Causa 1234/2025", person_particulars="某甲，1970年生", received_on=timezone.localdate(),
    )  # fmt: skip
    zhejiang = user_of(Role.PROVINCIAL_OFFICER, office_b)
    assert received.province_id == "440000" and not reaches(zhejiang, received)

    office_a.province = office_b.province
    office_a.save()

    received.refresh_from_db()
    assert received.province_id == "330000" and reaches(zhejiang, received)
