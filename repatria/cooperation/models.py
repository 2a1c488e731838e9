"""International cooperation: what the office knows of each state (its profile and its treaties with China), the
networks and contact points it works through, and the requests sent and received, each with its legal basis and the
checks that must pass before it leaves."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.core.models import (
    AuditedModel,
    BilingualNameMixin,
    RestrictedModel,
    TimestampedModel,
    VersionedModel,
    in_language,
    long_text,
)

# --- Countries and treaties --------------------------------------------------------------------------------------


class Convention(models.TextChoices):
    UNCAC = "UNCAC", _("UN Convention against Corruption")
    UNTOC = "UNTOC", _("UN Convention against Transnational Organized Crime")


class ConventionParty(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A state party to a multilateral convention, with where that was read. Shipped as reference data
    (data/conventions.csv, partial: see its README) and completed by the central office; a state not listed is one
    whose membership is unknown here, not a non-party."""

    country = models.ForeignKey("geo.Country", models.CASCADE, related_name="conventions", verbose_name=_("country"))
    convention = models.CharField(_("convention"), max_length=5, choices=Convention.choices)
    party_since = models.DateField(_("party since"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["convention", "country"]
        verbose_name = _("convention party")
        verbose_name_plural = _("convention parties")
        constraints = [models.UniqueConstraint(fields=["country", "convention"], name="conventionparty_once")]

    def __str__(self) -> str:
        return f"{self.country} · {self.convention}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:country", args=[self.country_id])


class YesNoUnknown(models.TextChoices):
    UNKNOWN = "", _("unknown")
    YES = "yes", _("yes")
    NO = "no", _("no")


class EvidenceStandard(models.TextChoices):
    UNKNOWN = "", _("unknown")
    PRIMA_FACIE = "prima_facie", _("prima facie case")
    PROBABLE_CAUSE = "probable_cause", _("probable cause")
    RECORD_OF_CASE = "record_of_case", _("record of the case")
    NO_EVIDENCE = "no_evidence", _("no evidence required (warrant and facts)")


class CountryProfile(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """What the office has learnt of a state's law and practice; the conventions and treaties are kept apart."""

    country = models.OneToOneField(
        "geo.Country", models.CASCADE, primary_key=True, related_name="profile", verbose_name=_("country")
    )
    extradites_nationals = models.CharField(
        _("extradites its own nationals"), max_length=3, choices=YesNoUnknown.choices, blank=True
    )
    death_penalty_assurance = models.CharField(
        _("needs an assurance on the death penalty"), max_length=3, choices=YesNoUnknown.choices, blank=True
    )
    evidence_standard = models.CharField(
        _("evidence standard"), max_length=20, choices=EvidenceStandard.choices, blank=True
    )
    translation_required = models.BooleanField(_("translation required"), default=True)
    document_languages = models.CharField(
        _("languages for documents"), max_length=200, blank=True, help_text=_("E.g. English; French.")
    )
    notes = long_text(_("notes by the office"), 10_000, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")

    def __str__(self) -> str:
        return str(self.country)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:country", args=[self.country_id])


class TreatyKind(models.TextChoices):
    EXTRADITION = "extradition", _("extradition treaty")
    MLA = "mla", _("criminal mutual legal assistance treaty")
    ASSET_RETURN = "asset_return", _("asset return and sharing agreement")
    TRANSFER = "transfer", _("transfer of sentenced persons treaty")
    FIU_MOU = "fiu_mou", _("FIU information-exchange MoU")
    LAW_ENFORCEMENT_MOU = "le_mou", _("law-enforcement cooperation MoU")


class Treaty(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A bilateral treaty or memorandum between China and another state; in force from `in_force_on` until
    `terminated_on`."""

    country = models.ForeignKey("geo.Country", models.PROTECT, related_name="treaties", verbose_name=_("country"))
    kind = models.CharField(_("type"), max_length=20, choices=TreatyKind.choices)
    title_zh = models.CharField(_("Chinese title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    ratified_on = models.DateField(_("ratified"), null=True, blank=True)
    in_force_on = models.DateField(_("in force"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Generated for the demonstration: not a real treaty.")
    )
    notes = long_text(_("notes"), 5_000, blank=True)

    class Meta:
        ordering = ["country", "kind", "signed_on"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:treaty", args=[self.pk])

    def in_force(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        started = self.in_force_on is not None and self.in_force_on <= day
        return started and (self.terminated_on is None or day < self.terminated_on)

    def clean(self) -> None:
        dates = [("signed_on", self.signed_on), ("ratified_on", self.ratified_on), ("in_force_on", self.in_force_on)]
        known = [(name, day) for name, day in dates if day]
        for (_earlier, a), (later, b) in zip(known, known[1:], strict=False):
            if b < a:
                raise ValidationError({later: _("The dates go signed, ratified, in force, in that order.")})
        if self.terminated_on and self.in_force_on and self.terminated_on < self.in_force_on:
            raise ValidationError({"terminated_on": _("A treaty ends after it came into force.")})


class OffenceEquivalent(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """Dual criminality, as the office maintains it: an offence of Chinese law and what it is called in a state's
    law, with the penalty there."""

    country = models.ForeignKey(
        "geo.Country", models.CASCADE, related_name="offence_equivalents", verbose_name=_("country")
    )
    offence = models.ForeignKey("cases.Offence", models.CASCADE, related_name="+", verbose_name=_("our offence"))
    foreign_offence = models.CharField(_("offence in that state's law"), max_length=300)
    law_reference = models.CharField(_("law and article"), max_length=300, blank=True)
    maximum_penalty_years = models.PositiveSmallIntegerField(_("maximum penalty there (years)"), null=True, blank=True)

    class Meta:
        ordering = ["country", "offence"]
        verbose_name = _("offence equivalent")
        verbose_name_plural = _("offence equivalents")
        constraints = [
            models.UniqueConstraint(fields=["country", "offence"], name="offenceequivalent_once_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.offence} = {self.foreign_offence}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:country", args=[self.country_id])


# --- Networks and contact points ------------------------------------------------------------------------------


class Network(BilingualNameMixin, RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A channel of cooperation shared by many states: ACT-NET, the G20 denial-of-entry network, INTERPOL NCBs…"""

    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    notes = long_text(_("notes"), 5_000, blank=True)

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def get_absolute_url(self) -> str:
        return reverse("cooperation:network", args=[self.pk])


class Authority(BilingualNameMixin, RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A foreign authority the office deals with (a central authority, an NCB, an FIU, a ministry), in the networks
    it belongs to; `organisation` is its partner account here, if it has one, and `counterpart` our own body that
    deals with it."""

    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=200)
    country = models.ForeignKey("geo.Country", models.PROTECT, related_name="authorities", verbose_name=_("country"))
    networks = models.ManyToManyField(Network, blank=True, related_name="members", verbose_name=_("networks"))
    organisation = models.ForeignKey(
        "accounts.Organisation", models.SET_NULL, null=True, blank=True, related_name="foreign_authorities",
        verbose_name=_("partner account"), help_text=_("The partner organisation its officers sign in as."),
    )  # fmt: skip
    counterpart = models.ForeignKey(
        "accounts.Organisation", models.SET_NULL, null=True, blank=True, related_name="counterparts",
        verbose_name=_("our counterpart"),
    )  # fmt: skip
    notes = long_text(_("notes"), 5_000, blank=True)

    class Meta:
        ordering = ["country", "name_en"]
        verbose_name = _("foreign authority")
        verbose_name_plural = _("foreign authorities")

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:authority", args=[self.pk])


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    SECURE = "secure", _("secure channel")


class ContactPerson(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    authority = models.ForeignKey(Authority, models.CASCADE, related_name="people", verbose_name=_("authority"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    channel = models.CharField(_("preferred channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    secure_address = models.CharField(_("secure channel address"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=50, blank=True, help_text=_("E.g. America/Toronto."))

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} · {self.authority}"

    def get_absolute_url(self) -> str:
        return self.authority.get_absolute_url()

    def clean(self) -> None:
        if self.time_zone and self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Not a time zone name: write it as America/Toronto.")})


# --- Requests --------------------------------------------------------------------------------------------------


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("outgoing")
    INCOMING = "incoming", _("incoming")


class RequestKind(models.TextChoices):
    EXTRADITION = "extradition", _("extradition")
    PROVISIONAL_ARREST = "provisional_arrest", _("provisional arrest")
    MLA_SERVICE = "mla_service", _("MLA: service of documents")
    MLA_EVIDENCE = "mla_evidence", _("MLA: taking evidence")
    MLA_TESTIMONY = "mla_testimony", _("MLA: witness or video testimony")
    MLA_SEARCH = "mla_search", _("MLA: search and seizure")
    MLA_FREEZING = "mla_freezing", _("MLA: freezing")
    MLA_BANK_RECORDS = "mla_bank_records", _("MLA: bank records")
    CONFISCATION = "confiscation", _("confiscation and return of assets")
    TRANSFER = "transfer", _("transfer of sentenced persons")
    LE_LOCATE = "le_locate", _("law enforcement: locate a person")
    LE_DEPORT = "le_deport", _("law enforcement: deport")
    LE_HANDOVER = "le_handover", _("law enforcement: hand over")
    INTERPOL_NOTICE = "interpol_notice", _("INTERPOL notice")
    INTERPOL_DIFFUSION = "interpol_diffusion", _("INTERPOL diffusion")
    DENIAL_OF_ENTRY = "denial_of_entry", _("denial of entry")
    VISA_REVOCATION = "visa_revocation", _("revocation of a visa or residence permit")


# The kinds a treaty of each type covers: the bilateral basis the suggestion looks for.
TREATY_COVERS = {
    TreatyKind.EXTRADITION: {RequestKind.EXTRADITION, RequestKind.PROVISIONAL_ARREST},
    TreatyKind.MLA: {
        RequestKind.MLA_SERVICE, RequestKind.MLA_EVIDENCE, RequestKind.MLA_TESTIMONY, RequestKind.MLA_SEARCH,
        RequestKind.MLA_FREEZING, RequestKind.MLA_BANK_RECORDS, RequestKind.CONFISCATION,
    },
    TreatyKind.ASSET_RETURN: {RequestKind.CONFISCATION, RequestKind.MLA_FREEZING},
    TreatyKind.TRANSFER: {RequestKind.TRANSFER},
    TreatyKind.FIU_MOU: {RequestKind.MLA_BANK_RECORDS},
    TreatyKind.LAW_ENFORCEMENT_MOU: {
        RequestKind.LE_LOCATE, RequestKind.LE_DEPORT, RequestKind.LE_HANDOVER, RequestKind.DENIAL_OF_ENTRY,
        RequestKind.VISA_REVOCATION,
    },
}  # fmt: skip


class RequestChannel(models.TextChoices):
    CENTRAL_AUTHORITY = "central_authority", _("treaty central authority")
    DIPLOMATIC = "diplomatic", _("diplomatic channel")
    POLICE = "police", _("police channel (INTERPOL)")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")


class RequestState(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("legal review")
    APPROVED = "approved", _("approved")
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    MORE_REQUESTED = "more_requested", _("supplementary information requested")
    IN_EXECUTION = "in_execution", _("in execution")
    EXECUTED = "executed", _("executed")
    PARTLY_EXECUTED = "partly_executed", _("partly executed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A request is open to the requested state (and its contact point) once it has left: never as a draft.
UNSENT_STATES = {RequestState.DRAFT, RequestState.REVIEW, RequestState.APPROVED}
FINAL_STATES = {RequestState.EXECUTED, RequestState.PARTLY_EXECUTED, RequestState.REFUSED, RequestState.WITHDRAWN}
ANSWERED_STATES = FINAL_STATES - {RequestState.WITHDRAWN}


class LegalBasis(models.TextChoices):
    TREATY = "treaty", _("bilateral treaty")
    CONVENTION = "convention", _("multilateral convention")
    RECIPROCITY = "reciprocity", _("reciprocity")
    INTERPOL = "interpol", _("INTERPOL's Constitution and rules")


class RefusalGround(models.TextChoices):
    NATIONALITY = "nationality", _("the person is a national of the requested state")
    POLITICAL = "political", _("political offence")
    DUAL_CRIMINALITY = "dual_criminality", _("no dual criminality")
    DEATH_PENALTY = "death_penalty", _("death penalty without assurance")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("insufficient evidence")
    TIME_LIMIT = "time_limit", _("time limit expired")
    IN_ABSENTIA = "in_absentia", _("judgment in absentia")
    DOUBLE_JEOPARDY = "double_jeopardy", _("already tried for the same conduct")
    HUMAN_RIGHTS = "human_rights", _("risk of torture or unfair trial")
    SOVEREIGNTY = "sovereignty", _("sovereignty, security or public order")
    OTHER = "other", _("other")


class Request(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A request for judicial or law-enforcement cooperation, sent (outgoing) or received (incoming). An outgoing one
    hangs off a case of ours; an incoming one may concern a foreign case only."""

    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT, editable=False
    )
    case = models.ForeignKey(
        "cases.Case", models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("case")
    )
    foreign_case = models.CharField(
        _("foreign case reference"), max_length=200, blank=True, help_text=_("For an incoming request.")
    )
    persons = models.ManyToManyField(
        "registry.Person", blank=True, related_name="requests", verbose_name=_("persons concerned")
    )
    assets = models.ManyToManyField("assets.Asset", blank=True, related_name="requests", verbose_name=_("assets"))
    person_particulars = long_text(
        _("particulars of persons in no case of ours"), 5_000, blank=True,
        help_text=_("For an incoming request about someone not in the registry."),
    )  # fmt: skip
    country = models.ForeignKey(
        "geo.Country", models.PROTECT, related_name="requests", verbose_name=_("other state"),
        help_text=_("The requested state of an outgoing request; the requesting state of an incoming one."),
    )  # fmt: skip
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="requests", verbose_name=_("our authority"),
        help_text=_("The requesting authority of an outgoing request; the requested one of an incoming request."),
    )  # fmt: skip
    foreign_authority = models.ForeignKey(
        Authority, models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("foreign authority")
    )
    # Whose the request is, kept on the row for the grants' filter (one indexed column, where "the case's province, or
    # on no case the office's" made the database read every request): written by save(), moved with its case or
    # office by cooperation.signals.
    province = models.ForeignKey(
        "geo.Province", models.PROTECT, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("province"),
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=20, choices=RequestChannel.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    facts = long_text(_("statement of facts"), 50_000, blank=True)
    laws = long_text(_("text of the laws"), 50_000, blank=True)
    assistance_sought = long_text(_("assistance sought"), 20_000, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True)
    treaty = models.ForeignKey(
        Treaty, models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("treaty")
    )
    convention = models.CharField(_("convention"), max_length=5, choices=Convention.choices, blank=True)
    basis_reason = long_text(
        _("why this basis"), 2_000, blank=True, help_text=_("Needed when the basis is not the one suggested.")
    )
    refusal_ground = models.CharField(_("ground of refusal"), max_length=30, choices=RefusalGround.choices, blank=True)
    answer = long_text(_("answer"), 20_000, blank=True)
    sent_on = models.DateField(_("sent or received"), null=True, blank=True, editable=False, db_index=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True, editable=False)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("drafted by"),
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        indexes = [
            models.Index(fields=["state", "deadline"], name="request_state_deadline"),
            models.Index(fields=["-created", "-id"], name="request_default_order"),  # the list's first pages
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:request", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.province_id = self.reach_province()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "province"}
        super().save(*args, **kwargs)

    def reach_province(self) -> str | None:
        """The province whose officers the request is for: its case's, or, on no case, our authority's."""
        return self.case.province_id if self.case_id else self.organisation.province_id

    def clean(self) -> None:
        if self.direction == Direction.OUTGOING and self.case_id is None:
            raise ValidationError({"case": _("An outgoing request hangs off a case.")})
        if self.direction == Direction.INCOMING and self.case_id is None and not self.foreign_case:
            raise ValidationError({"foreign_case": _("Name the foreign case, or the case of ours it concerns.")})
        if self.legal_basis == LegalBasis.TREATY and self.treaty_id is None:
            raise ValidationError({"treaty": _("Say which treaty.")})
        if self.legal_basis == LegalBasis.CONVENTION and not self.convention:
            raise ValidationError({"convention": _("Say which convention.")})
        if self.treaty_id is not None and self.treaty.country_id != self.country_id:
            raise ValidationError({"treaty": _("The treaty is with another state.")})


class CheckCode(models.TextChoices):
    DUAL_CRIMINALITY = "dual_criminality", _("dual criminality")
    PENALTY_THRESHOLD = "penalty_threshold", _("penalty threshold")
    IDENTITY = "identity", _("identity particulars sufficient")
    WARRANT = "warrant", _("warrant or decision attached")
    FACTS = "facts", _("statement of facts")
    LAWS = "laws", _("text of the laws")
    TIME_LIMITS = "time_limits", _("time limits not expired")
    ASSURANCES = "assurances", _("assurances the state requires")
    ARTICLE_3 = "article_3", _("political, military, religious or racial character reviewed")
    NATIONALS = "nationals", _("nationals bar")
    IN_ABSENTIA = "in_absentia", _("judgment in absentia disclosed")
    TRANSLATION = "translation", _("translation attached")
    RECIPROCITY = "reciprocity", _("written reciprocity commitment attached")


class CheckState(models.TextChoices):
    OPEN = "open", _("open")
    PASSED = "passed", _("passed")
    FAILED = "failed", pgettext_lazy("check", "failed")
    WAIVED = "waived", _("waived")


class RequestCheck(RestrictedModel, VersionedModel, AuditedModel):
    """One condition a request must meet before it is sent: passed or failed as the records show it, or decided
    (passed, failed, waived) with a reason by a named officer."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="checks", verbose_name=_("request"))
    code = models.CharField(_("check"), max_length=20, choices=CheckCode.choices)
    state = models.CharField(_("state"), max_length=10, choices=CheckState.choices, default=CheckState.OPEN)
    finding = models.CharField(_("finding"), max_length=500, blank=True, help_text=_("What the records show."))
    reason = long_text(_("reason"), 2_000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["request", "pk"]
        verbose_name = _("request check")
        verbose_name_plural = _("request checks")
        constraints = [models.UniqueConstraint(fields=["request", "code"], name="requestcheck_once")]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


class RequestStep(RestrictedModel, AuditedModel):
    """A move of a request from one state to another, on the day it happened."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="steps", verbose_name=_("request"))
    old = models.CharField(_("from"), max_length=20, choices=RequestState.choices)
    new = models.CharField(_("to"), max_length=20, choices=RequestState.choices)
    happened_on = models.DateField(_("happened"))
    note = long_text(_("note"), 5_000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["request", "happened_on", "pk"]
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")

    def __str__(self) -> str:
        return f"{self.get_old_display()} → {self.get_new_display()}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


class ContactLog(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """A contact with a foreign authority: what, when, by whom, about which case or request."""

    authority = models.ForeignKey(Authority, models.CASCADE, related_name="contacts", verbose_name=_("authority"))
    person = models.ForeignKey(
        ContactPerson, models.SET_NULL, null=True, blank=True, related_name="contacts", verbose_name=_("contact person")
    )
    happened_on = models.DateField(_("when"))
    summary = long_text(_("what"), 5_000)
    case = models.ForeignKey(
        "cases.Case", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("case")
    )
    request = models.ForeignKey(
        Request, models.SET_NULL, null=True, blank=True, related_name="contacts", verbose_name=_("request")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.happened_on} · {self.authority}"

    def get_absolute_url(self) -> str:
        return self.authority.get_absolute_url()


class LetterTemplate(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """The office's own words around a request letter, one per language: the sections the law requires are written
    from the request itself. `{number}`, `{kind}`, `{country}`, `{authority}`, `{our_authority}` and `{date}` are
    replaced by the request's."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, unique=True)
    opening = long_text(_("opening"), 5_000)
    closing = long_text(_("closing"), 5_000)
    signature = long_text(_("signature"), 1_000, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return self.get_language_display()

    def get_absolute_url(self) -> str:
        return reverse("cooperation:lettertemplate", args=[self.pk])
