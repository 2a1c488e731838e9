"""Import cases and returns from a spreadsheet, through the case services so the timeline and lifecycle apply."""

import functools
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.accounts.models import Organisation
from repatria.core.imports.cells import (
    AMOUNT,
    DATE,
    PERSON_REFERENCE,
    ChoiceParser,
    parse_amount,
    parse_date,
    parse_past_date,
    parse_reference,
)
from repatria.core.imports.importer import Column, Importer, Row
from repatria.core.imports.pages import ImportView
from repatria.core.models import Currency
from repatria.core.querysets import clash
from repatria.geo.services import resolve_country, resolve_province
from repatria.registry.models import Person

from . import services
from .models import Case, CaseRole, Offence, Return, ReturnMethod, SupervisionLevel

SUPERVISION = ChoiceParser(SupervisionLevel, {"中央": SupervisionLevel.CENTRAL, "省级": SupervisionLevel.PROVINCIAL})
CURRENCY = ChoiceParser(Currency)
METHOD = ChoiceParser(
    ReturnMethod,
    {
        "引渡": ReturnMethod.EXTRADITION,
        "遣返": ReturnMethod.REPATRIATION,
        "异地追诉": ReturnMethod.PROSECUTION_ABROAD,
        "缉捕": ReturnMethod.ARREST,
        "劝返": ReturnMethod.PERSUASION,
        "边境触网": ReturnMethod.BORDER_ALERT,
        "境内抓获": ReturnMethod.CAUGHT_AT_HOME,
        "投案自首": ReturnMethod.SURRENDER,
        "主动投案": ReturnMethod.SURRENDER,
        "死亡": ReturnMethod.DEATH,
        "其他": ReturnMethod.OTHER,
    },
)


class CaseImporter(Importer):
    model = Case
    columns = {
        "number": Column("案件编号", gettext_lazy("case number, unique")),
        "title": Column("案件名称", gettext_lazy("title")),
        "province": Column(
            "省份", gettext_lazy("province"), gettext_lazy("name, abbreviation or code: 广东, 粤, 440000")
        ),
        "lead_organisation": Column(
            "牵头单位", gettext_lazy("lead organisation"), gettext_lazy("its Chinese or English name, exactly")
        ),
        "offences": Column(
            "涉嫌罪名", gettext_lazy("offences"), gettext_lazy("offence codes or Chinese names, separated by ;")
        ),
        "amount_involved": Column("涉案金额", gettext_lazy("amount involved"), AMOUNT),
        "currency": Column("币种", gettext_lazy("currency; empty means CNY"), CURRENCY.describe()),
        "supervision_level": Column(
            "督办级别", gettext_lazy("supervision level; empty means provincial"), SUPERVISION.describe()
        ),
        "fled_on": Column("外逃日期", gettext_lazy("fled on"), DATE),
        "opened_on": Column("立案日期", gettext_lazy("opened on"), DATE),
        "persons": Column(
            "人员",
            gettext_lazy("persons, separated by ;: the first is the principal suspect, the others accomplices"),
            PERSON_REFERENCE,
        ),
    }
    required = frozenset({"title", "province", "lead_organisation", "opened_on"})  # no number: the pattern's
    unique = (("number",),)
    field_columns = {"amount_currency": "currency"}

    def parse_row(self, row: Row) -> dict[str, Any]:
        return {
            "number": self._number(row),
            "title": row["title"],
            "province": row.parse("province", lambda text: self.cached("province", text, resolve_province)),
            "lead_organisation": row.parse("lead_organisation", self._organisation),
            "offences": row.parse_list("offences", self._offence),
            "amount_involved": row.parse("amount_involved", parse_amount),
            "amount_currency": row.parse("currency", CURRENCY, Currency.CNY),
            "supervision_level": row.parse("supervision_level", SUPERVISION, SupervisionLevel.PROVINCIAL),
            "fled_on": row.parse("fled_on", parse_date),
            "opened_on": row.parse("opened_on", parse_date),
            "persons": self._persons(row),
        }

    def write(self, parsed: dict[str, Any], actor) -> Case:
        return services.open_case(actor=actor, **parsed)

    def _number(self, row: Row) -> str:
        number = row["number"]
        if number:
            row.fail_if("number", clash(Case, self.actor, {"number": number}))
        return number

    def _organisation(self, text: str) -> Organisation:
        return self.cached(
            "organisation", text, lambda t: parse_reference(t, Organisation.objects.all(), "name_zh", "name_en")
        )

    def _offence(self, text: str) -> Offence:
        offences = self.cached("offences", "", lambda _t: _offence_names())
        offence = offences.get(text.strip().casefold())
        if offence is None:
            raise ValueError(_("Unknown offence: “%(value)s”.") % {"value": text})
        return offence

    def _persons(self, row: Row) -> dict[Person, str]:
        """Principal suspect first, then accomplices; each person once."""
        persons: dict[Person, str] = {}
        for person in row.parse_list("persons", self._person):
            if person in persons:
                row.fail("persons", _("%(person)s is named twice.") % {"person": person})
            else:
                persons[person] = CaseRole.ACCOMPLICE if persons else CaseRole.PRINCIPAL
        return persons

    def _person(self, text: str) -> Person:
        persons = Person.objects.restrict(self.actor)
        return self.cached("person", text, lambda t: parse_reference(t, persons, "display_name"))


def _offence_names() -> dict[str, Offence]:
    """Every offence by its code and its Chinese and English names, casefolded."""
    names: dict[str, Offence] = {}
    for offence in Offence.objects.all():
        names.update((name.casefold(), offence) for name in (offence.code, offence.name_zh, offence.name_en) if name)
    return names


class ReturnImporter(Importer):
    model = Return
    columns = {
        "case": Column("案件编号", gettext_lazy("case number")),
        "person": Column("人员", gettext_lazy("the person who returned, a person of that case"), PERSON_REFERENCE),
        "date": Column("追回日期", gettext_lazy("date of return, not in the future"), DATE),
        "country": Column(
            "追回自",
            gettext_lazy("returned from; may be empty when caught at home"),
            gettext_lazy("country or region name or ISO code"),
        ),
        "method": Column("追回方式", gettext_lazy("method"), METHOD.describe()),
    }
    required = frozenset({"case", "person", "date", "method"})
    unique = (("case", "person"),)

    def parse_row(self, row: Row) -> dict[str, Any]:
        case = row.parse("case", self._case)
        method = row.parse("method", METHOD)
        parsed = {
            "case": case,
            "person": row.parse("person", lambda text: self._person(case, text)) if case else None,
            "date": row.parse("date", parse_past_date),
            "method": method,
            "country": row.parse("country", lambda text: self.cached("country", text, resolve_country)),
        }
        if not row["country"] and method and method != ReturnMethod.CAUGHT_AT_HOME:
            row.fail("country", _("Say where the person returned from, unless caught at home."))
        if parsed["person"] and Return.objects.filter(case=case, person=parsed["person"]).exists():
            message = _("The return of %(person)s in this case is already recorded.") % {"person": parsed["person"]}
            row.fail("person", message)
        return parsed

    def write(self, parsed: dict[str, Any], actor) -> Return:
        return services.record_return(actor=actor, **parsed)

    def _case(self, text: str) -> Case:
        return self.cached(
            "case", text, functools.partial(_case_by_number, Case.objects.restrict(self.actor, "change"))
        )

    def _person(self, case: Case, text: str) -> Person:
        persons = Person.objects.filter(case_memberships__case=case).restrict(self.actor)
        return self.cached(f"person in case {case.pk}", text, functools.partial(_person_in_case, case, persons))


def _case_by_number(cases: QuerySet[Case], text: str) -> Case:
    missing = _("No case has the number “%(value)s”.") % {"value": text}
    return parse_reference(text, cases, "number", allow_id=False, missing=missing)


def _person_in_case(case: Case, persons: QuerySet[Person], text: str) -> Person:
    missing = _("“%(value)s” is not a person of case %(case)s.") % {"value": text, "case": case.number}
    return parse_reference(text, persons, "display_name", missing=missing)


class CaseImportView(ImportView):
    importer_class = CaseImporter


class ReturnImportView(ImportView):
    importer_class = ReturnImporter
