"""Parsing the cells every importer shares (dates, amounts, lists, choices, references), and the formats the columns
table describes."""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..dates import parse_partial_date
from ..models import non_negative
from .rows import RowError

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
Text = str | Promise

_LIST_SEPARATOR = re.compile(r"[;；]")

# How the columns table describes common formats.
DATE = gettext_lazy("date, YYYY-MM-DD")
PARTIAL_DATE = gettext_lazy("date: YYYY, YYYY-MM or YYYY-MM-DD")
LIST = gettext_lazy("several, separated by ; or ；")
YES_NO = gettext_lazy("yes/no, 是/否, true/false or 1/0; empty means no")
AMOUNT = gettext_lazy("number, e.g. 1234567.89")
COUNTRIES = gettext_lazy("country or region names or ISO codes (CN, USA), separated by ;")
PERSON_REFERENCE = gettext_lazy("#id (e.g. #12) or the exact primary name of one person")


def split_list(text: str) -> list[str]:
    """The items of a `;`- (or `；`-) separated cell, trimmed, without empty ones."""
    return [item.strip() for item in _LIST_SEPARATOR.split(text or "") if item.strip()]


_YES = {"yes", "y", "true", "1", "是", "是的", "√"}
_NO = {"no", "n", "false", "0", "否", "不是", "×"}


def parse_bool(text: str) -> bool:
    key = text.strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(_("“%(value)s” is not yes or no: write yes/no, 是/否, true/false or 1/0.") % {"value": text})


# Thousands separators only where they group thousands: "7,7850" is a decimal comma, not 77,850.
_GROUPED = re.compile(r"^[+-]?\d{1,3}([,，]\d{3})+(\.\d*)?$")


def parse_number(text: str) -> Decimal | None:
    """A number as spreadsheets write it (1,234.5 or 1，234.5: they add thousands separators); None if it is none."""
    text = re.sub(r"\s", "", text)
    if re.search(r"[,，]", text) and not _GROUPED.match(text):
        return None
    try:
        number = Decimal(re.sub(r"[,，]", "", text))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_amount(text: str) -> Decimal:
    """A sum of money, not negative."""
    amount = parse_number(text)
    if amount is None:
        raise ValueError(_("“%(value)s” is not an amount: write a number such as 1234567.89.") % {"value": text})
    non_negative(amount)
    return amount


def parse_date(text: str, *, past: bool = False) -> datetime.date:
    """A full day (2015-04-03, 2015/4/3, 2015年4月3日); with `past`, not after today."""
    try:
        iso = parse_partial_date(text)
    except ValueError:
        iso = ""
    if len(iso) != 10:
        raise ValueError(_("“%(value)s” is not a date: write YYYY-MM-DD.") % {"value": text})
    day = datetime.date.fromisoformat(iso)
    if past and day > timezone.localdate():
        raise ValueError(_("%(date)s is in the future.") % {"date": iso})
    return day


def parse_past_date(text: str) -> datetime.date:
    return parse_date(text, past=True)


def parse_integer(text: str, minimum: int, maximum: int) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise ValueError(
            _("“%(value)s” is not a whole number from %(min)d to %(max)d.")
            % {"value": text, "min": minimum, "max": maximum}
        )
    return number


class ChoiceParser:
    """Reads one of a TextChoices: its code, its label in English or the active language, or an extra spelling
    (the Chinese words officers write, which are data here, not translations)."""

    def __init__(self, choices: type[models.TextChoices], extra: dict[str, str] | None = None):
        self.choices = choices
        self.extra = extra or {}

    @functools.cached_property
    def _fixed(self) -> dict[str, str]:
        """Codes, English labels and extra spellings, which do not change with the user's language."""
        spellings = {code.casefold(): code for code in self.choices.values}
        with translation.override("en"):
            spellings.update((str(label).casefold(), code) for code, label in self.choices.choices)
        spellings.update((word.casefold(), code) for word, code in self.extra.items())
        return spellings

    def _spellings(self) -> dict[str, str]:
        labels = {str(label).casefold(): code for code, label in self.choices.choices}
        return {**labels, **self._fixed}

    def __call__(self, text: str) -> str:
        code = self._spellings().get(text.strip().casefold())
        if code is None:
            raise ValueError(_("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": self.describe()})
        return code

    def describe(self) -> str:
        """Every code with the extra spellings that mean it: “extradition 引渡, repatriation 遣返”."""
        words: dict[str, list[str]] = {code: [] for code in self.choices.values}
        for word, code in self.extra.items():
            words[code].append(word)
        return ", ".join(" / ".join([code, *extra]) for code, extra in words.items())


def parse_reference(
    text: str, queryset: QuerySet[M], *names: str, allow_id: bool = True, missing: str | None = None
) -> M:
    """`#12` picks the record with that id; any other text must equal one of the `names` fields of exactly one record.

    Exact on purpose: a guessed person in a case is worse than a refused row.
    """
    text = text.strip()
    reference = text.lstrip("#＃").strip()
    if allow_id and text[:1] in "#＃" and reference.isdigit() and len(reference) <= 18:  # fits a bigint
        matches = queryset.filter(pk=int(reference))
    else:
        condition = Q()
        for name in names:
            condition |= Q(**{name: text})
        matches = queryset.filter(condition).distinct()
    found = list(matches[:2])
    model = queryset.model._meta.verbose_name
    if not found:
        raise ValueError(missing or _("No %(model)s matches “%(value)s”.") % {"model": model, "value": text})
    if len(found) > 1:
        raise ValueError(
            _("“%(value)s” matches %(count)d %(models)s; write #id to choose one.")
            % {"value": text, "count": matches.count(), "models": queryset.model._meta.verbose_name_plural}
        )
    return found[0]


def error_messages(error: Exception) -> list[tuple[str, str]]:
    """(model field or "", message) pairs of any error a parser or a service raises."""
    if isinstance(error, RowError):
        return [(error.column, error.message)]
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                ("" if name == NON_FIELD_ERRORS else name, message)
                for name, errors in error.message_dict.items()
                for message in errors
            ]
        return [("", message) for message in error.messages]
    return [("", str(error))]
