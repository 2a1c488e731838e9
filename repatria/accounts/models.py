import datetime
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.core.models import AuditedModel, BilingualNameMixin, RestrictedModel, TimestampedModel, VersionedModel


class OrganisationKind(models.TextChoices):
    CENTRAL_OFFICE = "central_office", _("Central coordination office")
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office")
    AGENCY = "agency", _("Member agency")
    PARTNER = "partner", _("Partner contact point")


class AgencyType(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision commission")
    POLICE = "police", _("Public security")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    COURT = "court", _("Court")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign affairs")
    CENTRAL_BANK = "central_bank", _("Central bank / FIU")


class Organisation(BilingualNameMixin, RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    agency_type = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=pgettext_lazy("organisation", "parent"),
    )
    province = models.ForeignKey(
        "geo.Province", models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("province")
    )
    country = models.ForeignKey(
        "geo.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
        help_text=_("For a partner contact point: the state it belongs to."),
    )

    class Meta:
        ordering = ["kind", "name_zh"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", args=[self.pk])


class Role(models.TextChoices):
    ADMIN = "admin", _("Central administrator")
    ANALYST = "analyst", _("Central analyst")
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    PARTNER = "partner", _("Partner contact point")
    AUDITOR = "auditor", _("Auditor")


# Roles that work in the registry pages; partners use the API and auditors the logs only.
OFFICER_ROLES = {Role.ADMIN, Role.ANALYST, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER}


class User(AbstractUser, AuditedModel):
    """An officer, analyst, auditor or partner contact: a member of one organisation with one role."""

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ANALYST)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    session_salt = models.CharField(
        _("session salt"),
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("Changed to sign the user out of every session."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_officer(self) -> bool:
        """Works in the registry pages (read by core, which knows no roles; anonymous users have no such flag)."""
        return self.is_superuser or self.role in OFFICER_ROLES

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Mix the session salt into the hash every session carries, so changing the salt ends them all."""
        if not self.session_salt:  # sessions opened before the salt existed stay valid
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "repatria.accounts.models.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.session_salt}:{self.password}", secret=secret, algorithm="sha256"
        ).hexdigest()

    def end_all_sessions(self) -> None:
        """Sign the user out everywhere: every session's stored hash stops matching."""
        self.session_salt = secrets.token_hex(16)
        self.save(update_fields=["session_salt"])


class Action(models.TextChoices):
    VIEW = "view", _("view")
    ADD = "add", _("add")
    CHANGE = "change", _("change")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")


class ObjectPermission(AuditedModel):
    """A grant in the NetBox manner: actions on record types, for roles or users, within constraints.

    `constraints` is a dict of queryset filter arguments, or a list of such dicts (any of them suffices);
    the tokens "$organisation" and "$province" stand for the user's organisation and its province. An empty
    constraint grants every record of the types.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    object_types = models.ManyToManyField("contenttypes.ContentType", related_name="+", verbose_name=_("record types"))
    actions = models.JSONField(_("actions"), default=list, help_text=_("Any of view, add, change, delete, export."))
    constraints = models.JSONField(_("constraints"), null=True, blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True, help_text=_("Roles that hold this grant."))
    agency_types = models.JSONField(
        _("agency types"), default=list, blank=True,
        help_text=_("With roles: only the members of agencies of these types hold it (none named: any)."),
    )  # fmt: skip
    users = models.ManyToManyField(User, blank=True, related_name="object_permissions", verbose_name=_("users"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("permission")
        verbose_name_plural = _("permissions")

    def __str__(self) -> str:
        return self.name


class Scope(models.TextChoices):
    """What a partner's API token may be used for; the grants still decide which records it reaches."""

    READ = "read", _("read records")
    WRITE = "write", _("write records")
    SCREENING = "screening", _("screening")


class ApiToken(AuditedModel):
    """A partner organisation's key to the API; only a hash of the key is kept, the key is shown once.

    Each token signs in as a user of its own (role partner, no password), made with it: the grants, the
    restriction and the audit trail then treat the token like any other user, and name it.
    """

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="api_tokens", verbose_name=_("organisation")
    )
    user = models.OneToOneField(
        User, models.PROTECT, related_name="api_token", editable=False, verbose_name=_("API user")
    )
    name = models.CharField(
        _("token name"), max_length=100, help_text=_("What the token is for, e.g. the system using it.")
    )
    scopes = models.JSONField(_("scopes"), default=list, help_text=_("Any of read, write, screening."))
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", editable=False, verbose_name=_("created by"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def valid_until(self) -> datetime.date:
        """The last day the token works, as entered: it expires at the start of the next day (office time)."""
        return timezone.localtime(self.expires - datetime.timedelta(microseconds=1)).date()
