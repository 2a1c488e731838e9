"""A screening alert on a case rings the bell of the case's officers, and of nobody else."""

import pytest

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.names import Entity
from repatria.notifications.models import Notification, NotificationKind
from repatria.screening import services
from repatria.screening.models import Alert, Channel

QUERY = {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950-07-14"]}}


@pytest.mark.django_db
def test_an_alert_notifies_the_officers_of_its_case(case, officer, organisation):
    organisation.province = case.province
    organisation.save()
    mine = User.objects.create_user("gd", role=Role.PROVINCIAL_OFFICER, organisation=organisation)
    elsewhere = Organisation.objects.create(name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE,
                                            province_id="330000")  # fmt: skip
    other = User.objects.create_user("zj", role=Role.PROVINCIAL_OFFICER, organisation=elsewhere)
    services.screen(Entity.from_ftm(QUERY), QUERY, user=officer, channel=Channel.API)
    alert = Alert.objects.get()
    notice = Notification.objects.get(kind=NotificationKind.ALERT)
    assert notice.recipient == mine and notice.url == alert.case.get_absolute_url()
    assert notice.text == f"案件{case.number}有筛查预警：杨秀兰"
    assert not Notification.objects.filter(recipient=other).exists()
