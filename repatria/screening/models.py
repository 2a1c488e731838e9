"""Screening records: the log of every query, the alerts hits raise, and bulk screening jobs."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import AuditedModel, RestrictedModel, TimestampedModel, VersionedModel


class Channel(models.TextChoices):
    API = "api", _("partner API")
    SEARCH = "search", _("officer search")
    BULK = "bulk", _("bulk screening")


class ScreeningLog(RestrictedModel):
    """One screening query: who asked, when, and a hash of what (the query itself is not kept)."""

    created = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, null=True, related_name="+", verbose_name=_("organisation")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    dataset = models.CharField(_("dataset"), max_length=50, blank=True)
    query_hash = models.CharField(_("query hash"), max_length=64, help_text=_("SHA-256 of the query as received."))
    context = models.CharField(_("context"), max_length=200, blank=True)
    results = models.PositiveIntegerField(_("results"), default=0)
    matches = models.PositiveIntegerField(_("matches"), default=0)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("screening query")
        verbose_name_plural = _("screening queries")


class AlertStatus(models.TextChoices):
    NEW = "new", _("new")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    CONFIRMED = "confirmed", _("confirmed")
    FALSE_POSITIVE = "false_positive", _("false positive")


class Alert(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A screening hit above the threshold, for the officers of the person's case to assess."""

    person = models.ForeignKey("registry.Person", models.PROTECT, related_name="alerts", verbose_name=_("person"))
    case = models.ForeignKey(
        "cases.Case", models.PROTECT, null=True, blank=True, related_name="alerts", verbose_name=_("case")
    )
    log = models.ForeignKey(ScreeningLog, models.PROTECT, related_name="alerts", verbose_name=_("screening query"))
    raised_by = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, null=True, related_name="+", verbose_name=_("raised by")
    )
    score = models.FloatField(_("score"))
    explanations = models.JSONField(_("explanations"), default=dict)
    query = models.JSONField(_("query"), default=dict, help_text=_("The screened person as the partner sent it."))
    context = models.CharField(
        _("context"), max_length=200, blank=True, help_text=_("What the partner was doing, e.g. visa application.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.NEW, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("handled by")
    )
    note = models.TextField(_("note"), blank=True)  # the notes of each move, one after the other
    decided_on = models.DateField(_("decided on"), null=True, blank=True)  # the day it was confirmed or rejected
    contact_point = models.ForeignKey(
        "cooperation.ContactPerson", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("contact point for the partner"),
        help_text=_("Given to the partner with the outcome, when the officers choose one."),
    )  # fmt: skip

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"#{self.pk} {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("screening:alert", args=[self.pk])


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class BulkJob(RestrictedModel, TimestampedModel):
    """A file of persons screened in the background; ``rows_done`` is the checkpoint a restart resumes from."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, null=True, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("file name"), max_length=200)
    source = models.FileField(_("uploaded file"), upload_to="screening/bulk/")
    results = models.FileField(_("results"), upload_to="screening/results/", blank=True)
    threshold = models.FloatField(_("threshold"))
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows screened"), default=0)
    matches = models.PositiveIntegerField(_("matches"), default=0)
    error = models.TextField(_("error"), blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("bulk screening")
        verbose_name_plural = _("bulk screenings")


class WebhookEndpoint(TimestampedModel, AuditedModel):
    """Where a partner's token hears what became of its alerts: a URL the central administrators set, and the salt
    of the signing secret (the secret itself is derived from the server's key when signing, and shown once)."""

    token = models.OneToOneField(
        "accounts.ApiToken", models.CASCADE, related_name="webhook", verbose_name=_("API token")
    )
    url = models.URLField(_("webhook URL"), max_length=500, help_text=_("HTTPS; plain HTTP only to this machine."))
    secret_salt = models.CharField(_("secret salt"), max_length=64, editable=False)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class WebhookDelivery(models.Model):
    """One message to a partner's webhook and its attempts: the body is kept as sent, so every retry signs the same
    bytes (with a new timestamp)."""

    endpoint = models.ForeignKey(WebhookEndpoint, models.CASCADE, related_name="deliveries", verbose_name=_("webhook"))
    alert = models.ForeignKey(Alert, models.CASCADE, related_name="deliveries", verbose_name=_("alert"))
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt"], name="webhook_due")]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
