"""The bell: each user's own notifications, read in their language, opened and marked read."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext_noop, override

from repatria.accounts.models import Role, User
from repatria.audit import chain
from repatria.audit.models import AuditEntry, EntryKind
from repatria.notifications.models import Notification, NotificationKind
from repatria.notifications.services import mark_all_read, notify

MESSAGE = gettext_noop("Task for you: %(title)s, due %(due)s")


def user(name: str, role=Role.PROVINCIAL_OFFICER, **fields) -> User:
    return User.objects.create_user(name, role=role, **fields)


def tell(*users, url: str = "/cases/1/") -> list[Notification]:
    return notify(users, kind=NotificationKind.TASK, message=MESSAGE, params={"title": "约谈", "due": "2026-01-02"},
                  url=url)  # fmt: skip


@pytest.mark.django_db
def test_each_recipient_is_told_once_and_inactive_users_not_at_all():
    a, b = user("a"), user("b", is_active=False)
    sent = tell(a, a, b, None)
    assert [n.recipient for n in sent] == [a]


@pytest.mark.django_db
def test_the_notifications_written_together_are_each_in_the_change_log():
    sent = tell(user("a"), user("b"), user("c"))
    entries = AuditEntry.objects.filter(object_type__model="notification", kind=EntryKind.CREATE)
    assert sorted(entry.object_id for entry in entries) == sorted(str(n.pk) for n in sent)
    assert chain.first_break() is None


@pytest.mark.django_db
def test_a_notification_reads_in_the_readers_language():
    (notice,) = tell(user("a"))
    assert notice.text == "交给您的任务：约谈，2026-01-02到期"
    with override("en"):
        assert notice.text == "Task for you: 约谈, due 2026-01-02"


@pytest.mark.django_db
def test_the_bell_counts_my_unread_notifications_only(client):
    me, other = user("me"), user("other")
    tell(me)
    tell(me)
    tell(other)
    client.force_login(me)
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'class="badge rounded-pill bg-danger ms-1 unread-count">2<' in page
    assert page.count("交给您的任务") == 2
    mark_all_read(me)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "unread-count" not in page and "bi-bell" in page


@pytest.mark.django_db
def test_opening_marks_read_and_goes_to_the_subject(client):
    me = user("me")
    (notice,) = tell(me, url="/cases/7/")
    client.force_login(me)
    response = client.post(reverse("notifications:open", args=[notice.pk]))
    assert response.url == "/cases/7/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    unread = client.get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "暂无通知" in unread


@pytest.mark.django_db
def test_a_link_off_the_site_is_never_followed(client):
    me = user("me")
    (notice,) = tell(me, url="https://evil.example/")
    client.force_login(me)
    assert client.post(reverse("notifications:open", args=[notice.pk])).url == reverse("notifications:list")


@pytest.mark.django_db
def test_another_users_notification_is_not_found(client):
    (theirs,) = tell(user("other"))
    client.force_login(user("me"))
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_have_no_bell(client, role):
    client.force_login(user("x", role=role))
    assert client.get(reverse("notifications:list")).status_code == 403
    assert "notification-bell" not in client.get(reverse("account")).content.decode()


@pytest.mark.django_db
def test_mark_all_read_page(client):
    me = user("me")
    tell(me)
    client.force_login(me)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=me, read_at=None).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "said"), [(1, "1 notification marked read."), (2, "2 notifications marked read.")])
def test_marking_all_read_says_how_many_in_the_right_number(client, count, said):
    me = user("me")
    for _ in range(count):
        tell(me)
    client.force_login(me)
    client.cookies["django_language"] = "en"
    page = client.post(reverse("notifications:read_all"), follow=True).content.decode()
    assert said in page
