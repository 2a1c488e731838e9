"""Telling users what happened: the one way every app sends a notification (and, if asked, an e-mail)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from repatria.core import signals

from .models import Notification


def notify(
    recipients: Iterable, *, kind: str, message: str, params: dict, url: str = "", email: bool = False
) -> list[Notification]:
    """One notification to each recipient (once each, inactive users left out). `message` is an untranslated sentence
    (gettext_noop) with %(name)s for each of `params`, read in each reader's language. With `email`, also a message
    through Django's mail backend to those with an address, sent once the transaction that caused it is committed."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}.values()
    params = {name: str(value) for name, value in params.items()}
    sent = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, message=message, params=params, url=url) for user in users
    )
    signals.records_created.send(Notification, records=sent)  # one audit write for them all
    addresses = [user.email for user in users if user.email]
    if email and addresses and sent:
        text = sent[0].text
        body = f"{text}\n{url}" if url else text
        transaction.on_commit(
            lambda: send_mail(text[:120], body, settings.DEFAULT_FROM_EMAIL, addresses, fail_silently=True)
        )
    return sent


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    """Every unread notification of the user read now; how many there were."""
    unread = list(Notification.objects.filter(recipient=user, read_at=None))
    for notification in unread:
        mark_read(notification)
    return len(unread)
