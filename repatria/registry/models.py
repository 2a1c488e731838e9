"""Persons (外逃人员): names in every script, documents, categories, relatives and whereabouts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import (
    AuditedModel,
    PartialDateField,
    RestrictedModel,
    TimestampedModel,
    VersionedModel,
    long_text,
)

from . import documents


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")
    UNKNOWN = "unknown", _("unknown")


class Person(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    display_name = models.CharField(
        _("name"), max_length=200, editable=False, help_text=_("The primary name, kept by the service.")
    )
    search_text = models.TextField(
        _("search keys"), blank=True, editable=False, help_text=_("Normalised forms of every name, for search.")
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = PartialDateField(_("date of birth"), db_index=True)
    birthplace = models.CharField(_("place of birth"), max_length=200, blank=True)
    nationalities = models.ManyToManyField(
        "geo.Country", blank=True, related_name="nationals", verbose_name=_("nationalities")
    )
    photo = models.ImageField(_("photo"), upload_to="photos/", blank=True)
    former_employer = models.CharField(_("former employer"), max_length=200, blank=True)
    former_post = models.CharField(_("former post"), max_length=200, blank=True)
    is_functionary = models.BooleanField(_("party member or state functionary"), default=False, db_index=True)
    red_notice_number = models.CharField(_("red notice number"), max_length=30, blank=True, db_index=True)
    red_notice_issued = models.DateField(_("red notice issued"), null=True, blank=True)
    red_notice_withdrawn = models.DateField(_("red notice withdrawn"), null=True, blank=True)
    hundred_list_number = models.PositiveSmallIntegerField(
        _("“100 list” number"), null=True, blank=True, unique=True, help_text=_("1 to 100, as published in 2015.")
    )
    notes = long_text(_("notes"), 10_000, blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The organisation that entered the person: it sees them before any case names them."),
    )

    class Meta:
        ordering = ["display_name", "pk"]
        indexes = [
            models.Index(fields=["display_name", "id"], name="person_default_order"),
            models.Index(fields=["updated"], name="person_updated"),  # the screening index catches up by it
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hundred_list_number__isnull=True)
                | models.Q(hundred_list_number__gte=1, hundred_list_number__lte=100),
                name="person_hundred_list_number_1_100",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("registry:person", args=[self.pk])

    def whom_to_ask(self) -> models.Model | None:
        """The organisation that leads the person's latest case, or else the one that recorded them."""
        leading = self.case_memberships.select_related("case__lead_organisation").order_by("-case__opened_on").first()
        return leading.case.lead_organisation if leading else self.owner

    @property
    def is_red_notice_subject(self) -> bool:
        return bool(self.red_notice_number)

    @property
    def is_hundred_list(self) -> bool:
        return self.hundred_list_number is not None


class PersonPart:
    """A record that belongs to a person's page: it has no page of its own and links back there."""

    person: Person

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("primary")
    ALIAS = "alias", _("alias")
    PREVIOUS = "previous", _("previous name")
    ROMANISATION = "romanisation", _("romanisation")


class Script(models.TextChoices):
    HANS = "Hans", _("Simplified Chinese")
    HANT = "Hant", _("Traditional Chinese")
    LATN = "Latn", _("Latin")
    CYRL = "Cyrl", _("Cyrillic")
    OTHER = "Zyyy", _("other")


class PersonName(RestrictedModel, AuditedModel):
    person = models.ForeignKey(Person, models.CASCADE, related_name="names", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices, default=NameKind.PRIMARY)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, blank=True)

    class Meta:
        ordering = ["person", "kind", "pk"]
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    ID_CARD = "id_card", _("resident identity card")
    PASSPORT = "passport", _("passport")
    TRAVEL_PERMIT = "travel_permit", _("travel permit")
    FOREIGN_PASSPORT = "foreign_passport", _("foreign passport")
    RESIDENCE_PERMIT = "residence_permit", _("residence permit")
    OTHER = "other", _("other")


class IdentityDocument(PersonPart, RestrictedModel, VersionedModel, AuditedModel):
    person = models.ForeignKey(Person, models.CASCADE, related_name="documents", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=50, db_index=True)
    country = models.ForeignKey("geo.Country", models.PROTECT, verbose_name=_("issuing country"))
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["person", "kind"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "country", "number"], name="identitydocument_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def holder_label(self) -> str:
        return f"{self.person} ({self})"

    def whom_to_ask(self) -> models.Model | None:
        return self.person.whom_to_ask()

    def clean(self) -> None:
        """The number as stored (documents.normalise), checked by the rule of its kind and country where one is
        known: the page, the API and the importer all save through here."""
        self.number = documents.normalise(self.number)
        error = documents.number_error(self.kind, self.country_id or "", self.number)
        if error:
            raise ValidationError({"number": error})


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("spouse")
    CHILD = "child", _("child")
    PARENT = "parent", _("parent")
    SIBLING = "sibling", _("sibling")
    SPECIFIED_RELATIVE = "specified_relative", _("other specified relative")
    ASSOCIATE = "associate", _("associate")


class Relationship(PersonPart, RestrictedModel, VersionedModel, AuditedModel):
    """A relative or associate: another person in the registry, or someone named only here."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="relationships", verbose_name=_("person"))
    relation = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    other = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("person in the registry")
    )
    other_name = models.CharField(_("name"), max_length=200, blank=True)
    lives_abroad = models.BooleanField(_("lives abroad"), default=False)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        ordering = ["person", "relation"]
        verbose_name = _("relative or associate")
        verbose_name_plural = _("relatives and associates")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(other__isnull=True, other_name=""), name="relationship_names_someone"
            )
        ]

    def __str__(self) -> str:
        return str(self.other or self.other_name)


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    PROBABLE = "probable", _("probable")
    POSSIBLE = "possible", _("possible")


class Whereabouts(PersonPart, RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """Where a person was, from when to when, how sure we are and who said so."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="whereabouts", verbose_name=_("person"))
    country = models.ForeignKey("geo.Country", models.PROTECT, related_name="+", verbose_name=_("country or region"))
    place = models.CharField(_("city or place"), max_length=200, blank=True)
    date_from = PartialDateField(_("from"))
    date_to = PartialDateField(_("to"))
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.PROBABLE
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["person", "-date_from", "-pk"]
        verbose_name = _("whereabouts")
        verbose_name_plural = _("whereabouts")

    def __str__(self) -> str:
        return f"{self.country} {self.date_from}–{self.date_to}"
