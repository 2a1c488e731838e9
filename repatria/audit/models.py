"""The audit trail: one append-only, hash-chained log of every change and every look at a sensitive record."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    """Audit rows are written once: the application has no way to change or remove them."""

    def update(self, **kwargs):
        raise PermissionError("audit rows cannot be changed")

    def delete(self):
        raise PermissionError("audit rows cannot be deleted")


class EntryKind(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")
    API_READ = "api_read", _("read through the API")


class AuditEntry(models.Model):
    """One event of the trail; `hash` seals it with the hash of the entry before it (`seq` - 1)."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("when"), db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    object_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["object_type", "object_id", "-seq"], name="audit_by_record")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_kind_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit rows cannot be deleted")


class ChainHead(models.Model):
    """The last sequence number and hash; writers lock this one row so that the chain never forks."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"#{self.seq}"
