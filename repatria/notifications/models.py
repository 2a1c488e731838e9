"""What happened to a user's cases (an alert, a task, a transfer), told to them once, read or unread."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from repatria.core.models import AuditedModel


class NotificationKind(models.TextChoices):
    ALERT = "alert", _("screening alert")
    TASK = "task", _("task")
    TRANSFER = "transfer", _("case transfer")
    SUPERVISION = "supervision", _("key-case supervision")


class Notification(AuditedModel):
    """A line in one user's bell, sent to a recipient who may see its subject. The sentence is kept untranslated with
    its values, and read in the reader's language (as timeline events are)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    message = models.CharField(_("message"), max_length=200)
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return gettext(self.message) % self.params
