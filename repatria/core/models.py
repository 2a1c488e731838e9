"""Building blocks shared by every app: timestamps, partial dates, money, bilingual names."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .context import acting_user
from .dates import parse_partial_date
from .querysets import RestrictedQuerySet, clash

MAX_ID = 2**63 - 1  # the largest primary key a database holds; a larger one names nothing


class TimestampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(models.Model):
    """Marks a model whose every write goes to the change log: the audit trail finds its models by this mixin.

    No fields, so it adds no column and no migration; put it last among the bases, so that a model without its own
    Meta keeps that of its first base.
    """

    class Meta:
        abstract = True


def in_language(zh: str, en: str) -> str:
    """Of a text in both languages, the active language's: the Chinese unless English is active and given."""
    if (get_language() or "").startswith("en") and en:
        return en
    return zh or en


class BilingualNameMixin:
    """Records named in both languages show the name of the active language, Chinese when English is empty."""

    name_zh: str
    name_en: str

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    def __str__(self) -> str:
        return self.name


class PartialDateField(models.CharField):
    """A date known to the year, the month or the day, stored as ISO text (see core.dates)."""

    description = _("Date (year, month or day)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        try:
            return parse_partial_date(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def formfield(self, **kwargs):
        kwargs.setdefault("help_text", _("YYYY, YYYY-MM or YYYY-MM-DD"))
        return super().formfield(**kwargs)


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    GBP = "GBP", _("Pound sterling")
    CAD = "CAD", _("Canadian dollar")
    AUD = "AUD", _("Australian dollar")
    NZD = "NZD", _("New Zealand dollar")
    HKD = "HKD", _("Hong Kong dollar")
    SGD = "SGD", _("Singapore dollar")
    JPY = "JPY", _("Japanese yen")
    CHF = "CHF", _("Swiss franc")
    THB = "THB", _("Thai baht")
    MYR = "MYR", _("Malaysian ringgit")


def non_negative(value) -> None:
    """Money recorded here is never negative: an amount involved, a value, a sum recovered."""
    if value is not None and value < 0:
        raise ValidationError(_("An amount cannot be negative."), code="negative")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount: 18 digits with 2 decimals covers any sum in any currency the office reports."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, validators=[non_negative], **kwargs)


def long_text(verbose_name, max_length: int, **kwargs) -> models.TextField:
    """Free text with a bound the model checks itself (a TextField's max_length binds only forms), so that a page,
    the API and an import refuse the same over-long text with the same words."""
    return models.TextField(verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs)


def currency_field(**kwargs) -> models.CharField:
    return models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY, **kwargs)


class VersionedModel(models.Model):
    """A record that counts its saves, so that an edit based on an older version is caught instead of lost."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "version"]
        super().save(*args, **kwargs)


class RestrictedModel(models.Model):
    """A record seen within grants (`objects.restrict(user, action)`).

    A uniqueness error links to the record that already holds the value only for a user who may see it, and names
    whom to ask to anyone else: the model's own message, so pages, the API and imports refuse it with the same words.
    """

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def holder_label(self) -> str:
        """How a message that this record already holds a value names it."""
        return str(self)

    def whom_to_ask(self) -> models.Model | None:
        """The organisation to ask about this record, for whom may not see it (None: the central office)."""
        return getattr(self, "owner", None)

    def unique_error_message(self, model_class, unique_check):
        error = super().unique_error_message(model_class, unique_check)
        values = {name: getattr(self, model_class._meta.get_field(name).attname) for name in unique_check}
        message = clash(model_class, acting_user(), values, instance=self)
        return ValidationError(message, code=error.code) if message else error
