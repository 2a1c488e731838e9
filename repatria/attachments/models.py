"""Files attached to a case, a person, a return, an asset, a cooperation request or a treaty: warrants, judgments,
notices, photos, translations, commitments, a treaty's text.

Each attachment hangs from exactly one record, by an explicit foreign key (a check constraint holds it to one), so
that its grants follow that record as simply as those of the record's other parts (accounts.grants).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from repatria.core.models import AuditedModel, RestrictedModel

# The records an attachment may hang from: its field for each.
TARGETS = ("case", "person", "return_record", "asset", "request", "treaty")


class AttachmentKind(models.TextChoices):
    WARRANT = "warrant", _("warrant")
    JUDGMENT = "judgment", _("judgment")
    NOTICE = "notice", _("notice")
    PHOTO = "photo", _("photo")
    TRANSLATION = "translation", _("translation")
    RECIPROCITY = "reciprocity", _("written reciprocity commitment")
    ASSURANCE = "assurance", _("assurance (death penalty, specialty, treatment)")
    TREATY_TEXT = "treaty_text", _("treaty text")
    OTHER = "other", _("other")


def _exactly_one_target() -> Q:
    return Q.create(
        [Q(**{f"{name}__isnull": name != target for name in TARGETS}) for target in TARGETS], connector=Q.OR
    )


class Attachment(RestrictedModel, AuditedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to="attachments/")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    case = models.ForeignKey(
        "cases.Case", models.CASCADE, null=True, blank=True, related_name="attachments", verbose_name=_("case")
    )
    person = models.ForeignKey(
        "registry.Person", models.CASCADE, null=True, blank=True, related_name="attachments", verbose_name=_("person")
    )
    return_record = models.ForeignKey(
        "cases.Return", models.CASCADE, null=True, blank=True, related_name="attachments", verbose_name=_("return")
    )
    asset = models.ForeignKey(
        "assets.Asset", models.CASCADE, null=True, blank=True, related_name="attachments", verbose_name=_("asset")
    )
    request = models.ForeignKey(
        "cooperation.Request", models.CASCADE, null=True, blank=True, related_name="attachments",
        verbose_name=_("cooperation request"),
    )  # fmt: skip
    treaty = models.ForeignKey(
        "cooperation.Treaty", models.CASCADE, null=True, blank=True, related_name="attachments",
        verbose_name=_("treaty"),
    )  # fmt: skip

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(),
                name="attachment_one_target",
                violation_error_message=_(
                    "An attachment belongs to exactly one case, person, return, asset or request."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target(self) -> models.Model:
        """The record the file is attached to."""
        return next(getattr(self, name) for name in TARGETS if getattr(self, f"{name}_id") is not None)

    def get_absolute_url(self) -> str:
        return self.target.get_absolute_url()
