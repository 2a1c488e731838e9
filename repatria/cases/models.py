"""Cases: offences, the lifecycle, the persons in each, returns and the timeline."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repatria.core.models import (
    AuditedModel,
    BilingualNameMixin,
    RestrictedModel,
    TimestampedModel,
    VersionedModel,
    currency_field,
    long_text,
    money_field,
)


class Offence(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")


class SupervisionLevel(models.TextChoices):
    CENTRAL = "central", _("central key case")
    PROVINCIAL = "provincial", _("provincial")


class CaseStatus(models.TextChoices):
    """The lifecycle; cases.services.TRANSITIONS says which moves are allowed."""

    AT_LARGE = "at_large", _("at large")
    LOCATED = "located", _("located abroad")
    RETURNED = "returned", _("returned")
    CLOSED = "closed", _("closed")


# The statuses of a case still being worked: not returned, not closed (dashboards and reminders count these).
OPEN_STATUSES = (CaseStatus.AT_LARGE, CaseStatus.LOCATED)


class Case(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    number = models.CharField(_("case number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    offences = models.ManyToManyField(Offence, blank=True, related_name="cases", verbose_name=_("offences"))
    amount_involved = money_field(_("amount involved"), null=True, blank=True)
    amount_currency = currency_field()
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="cases", verbose_name=_("province"))
    lead_organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="led_cases", verbose_name=_("lead organisation")
    )
    assigned_organisations = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="assigned_cases", verbose_name=_("assigned organisations")
    )
    supervision_level = models.CharField(
        _("supervision level"), max_length=10, choices=SupervisionLevel.choices, default=SupervisionLevel.PROVINCIAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.AT_LARGE, editable=False
    )
    fled_on = models.DateField(_("fled on"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    summary = long_text(_("summary"), 10_000, blank=True)
    persons = models.ManyToManyField(
        "registry.Person", through="CasePerson", related_name="cases", verbose_name=_("persons")
    )

    class Meta:
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["-opened_on", "-id"], name="case_default_order")]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case", args=[self.pk])

    def whom_to_ask(self) -> models.Model | None:
        return self.lead_organisation


class CaseNumberSequence(models.Model):
    """The last sequence number given to a case opened in a year (cases.numbering)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case number sequence")
        verbose_name_plural = _("case number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CaseRole(models.TextChoices):
    PRINCIPAL = "principal", _("principal suspect")
    ACCOMPLICE = "accomplice", _("accomplice")
    RELATIVE = "relative", _("relative")
    WITNESS = "witness", _("witness")


class CasePerson(RestrictedModel, VersionedModel, AuditedModel):
    case = models.ForeignKey(Case, models.CASCADE, related_name="memberships", verbose_name=_("case"))
    person = models.ForeignKey(
        "registry.Person", models.CASCADE, related_name="case_memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=CaseRole.choices, default=CaseRole.PRINCIPAL)

    class Meta:
        ordering = ["case", "role"]
        verbose_name = _("person in a case")
        verbose_name_plural = _("persons in cases")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="caseperson_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()


class ReturnMethod(models.TextChoices):
    """The methods the official bulletins count, in the order they list them."""

    EXTRADITION = "extradition", _("extradition")
    REPATRIATION = "repatriation", _("repatriation")
    PROSECUTION_ABROAD = "prosecution_abroad", _("prosecution abroad")
    ARREST = "arrest", _("arrest")
    PERSUASION = "persuasion", _("persuaded to return")
    BORDER_ALERT = "border_alert", _("border alert")
    CAUGHT_AT_HOME = "caught_at_home", _("caught at home")
    SURRENDER = "surrender", _("surrender")
    DEATH = "death", _("death")
    OTHER = "other", _("other")


class Return(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A person brought back (追回): when, from where and how."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="returns", verbose_name=_("case"))
    person = models.ForeignKey("registry.Person", models.CASCADE, related_name="returns", verbose_name=_("person"))
    date = models.DateField(_("date of return"), db_index=True)
    country = models.ForeignKey(
        "geo.Country", models.PROTECT, related_name="+", verbose_name=_("returned from"), null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=20, choices=ReturnMethod.choices)
    notes = long_text(_("notes"), 5_000, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")

    def __str__(self) -> str:
        return f"{self.person} {self.date} {self.get_method_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cases:return", args=[self.pk])


class EventKind(models.TextChoices):
    CASE_OPENED = "case_opened", _("case opened")
    STATUS_CHANGED = "status_changed", _("status changed")
    PERSON_ADDED = "person_added", _("person added to the case")
    WHEREABOUTS = "whereabouts", _("whereabouts recorded")
    RETURNED = "returned", _("returned")
    ASSET_RECORDED = "asset_recorded", _("asset recorded")
    ASSET_STAGE = "asset_stage", _("asset stage changed")
    REQUEST_SENT = "request_sent", _("request sent")
    NOTE = "note", _("journal note")
    SCREENING_ALERT = "screening_alert", _("screening alert")
    TRANSFERRED = "transferred", _("case transferred")
    ATTACHED = "attached", _("file attached")
    REQUEST_STEP = "request_step", _("cooperation request")


class Event(RestrictedModel):
    """One line of the timeline of a case and of the persons in it, written by cases.timeline.record(): when it
    happened (a stage reached last week is entered today) and when it was entered."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("happened"), db_index=True)
    entered_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    case = models.ForeignKey(Case, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("case"))
    person = models.ForeignKey(
        "registry.Person", models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("person")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-entered_at", "-pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        indexes = [models.Index(fields=["case", "-occurred_at"]), models.Index(fields=["person", "-occurred_at"])]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def entered_later(self) -> bool:
        """Whether it was entered on a later day than it happened (the timeline then says when)."""
        return timezone.localdate(self.entered_at) > timezone.localdate(self.occurred_at)


class Supervisor(models.TextChoices):
    CENTRAL_OFFICE = "central_office", _("central fugitive repatriation office")
    DISCIPLINE = "discipline", _("discipline inspection and supervision commission")
    PROCURATORATE = "procuratorate", _("procuratorate")
    POLICE = "police", _("public security")
    COURT = "court", _("court")


class Supervision(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """Key-case supervision (挂牌督办): who supervises the case since when, and how often progress is reported."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="supervisions", verbose_name=_("case"))
    supervisor = models.CharField(_("supervised by"), max_length=20, choices=Supervisor.choices)
    since = models.DateField(_("supervised since"))
    report_every_days = models.PositiveSmallIntegerField(
        _("progress report every (days)"), default=30, validators=[MinValueValidator(1)]
    )
    ended_on = models.DateField(_("supervision ended on"), null=True, blank=True)
    notes = long_text(_("notes"), 2_000, blank=True)

    class Meta:
        ordering = ["case", "since", "pk"]
        verbose_name = _("key-case supervision")
        verbose_name_plural = _("key-case supervisions")

    def __str__(self) -> str:
        return f"{self.get_supervisor_display()} {self.since}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    def next_report_due(self, last_report: datetime.date | None = None) -> datetime.date:
        """The day the next progress report is due: an interval after the last one received, or after the start."""
        return (last_report or self.since) + datetime.timedelta(days=self.report_every_days)


class ProgressReport(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A progress report of a supervised case, received by its supervisor."""

    supervision = models.ForeignKey(
        Supervision, models.CASCADE, related_name="reports", verbose_name=_("key-case supervision")
    )
    received_on = models.DateField(_("received on"))
    summary = long_text(_("summary"), 5_000, blank=True)

    class Meta:
        ordering = ["supervision", "-received_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.supervision.get_supervisor_display()} {self.received_on}"

    def get_absolute_url(self) -> str:
        return self.supervision.get_absolute_url()
