"""Import persons from a spreadsheet: names, sex, birth, nationalities, Chinese documents and categories."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.core.dates import parse_partial_date
from repatria.core.imports.cells import (
    COUNTRIES,
    LIST,
    PARTIAL_DATE,
    YES_NO,
    ChoiceParser,
    parse_bool,
    parse_integer,
    split_list,
)
from repatria.core.imports.importer import Column, Importer, Row
from repatria.core.imports.pages import ImportView
from repatria.core.querysets import clash
from repatria.geo.models import Country
from repatria.geo.services import resolve_country

from . import documents, duplicates
from .models import DocumentKind, IdentityDocument, NameKind, Person, PersonName, Sex
from .services import create_person

SEX = ChoiceParser(Sex, {"男": Sex.MALE, "女": Sex.FEMALE, "未知": Sex.UNKNOWN})
# The documents an import file can hold, all issued by China: column → kind.
_DOCUMENTS = {"id_number": DocumentKind.ID_CARD, "passport_number": DocumentKind.PASSPORT}


def _document_number(kind: str):
    """The parser of a column of Chinese documents of this kind: the number as stored, refused in the words the
    document page uses (documents.number_error)."""

    def parse(text: str) -> str:
        error = documents.number_error(kind, "CN", text)
        if error:
            raise ValueError(error)
        return documents.normalise(text)

    return parse


class PersonImporter(Importer):
    model = Person
    columns = {
        "name": Column("姓名", gettext_lazy("primary name")),
        "aliases": Column("别名", gettext_lazy("other names"), LIST),
        "romanisation": Column("拼音", gettext_lazy("name in Latin letters"), LIST, ("罗马字",)),
        "sex": Column("性别", gettext_lazy("sex; empty means unknown"), SEX.describe()),
        "birth_date": Column("出生日期", gettext_lazy("date of birth"), PARTIAL_DATE),
        "birthplace": Column("出生地", gettext_lazy("place of birth")),
        "nationality": Column("国籍", gettext_lazy("nationalities"), COUNTRIES),
        "id_number": Column(
            "身份证号",
            gettext_lazy("Chinese resident identity card number"),
            gettext_lazy("18 characters (15 digits on old cards)"),
        ),
        "passport_number": Column("护照号", gettext_lazy("Chinese passport number")),
        "former_employer": Column("原单位", gettext_lazy("former employer")),
        "former_post": Column("原职务", gettext_lazy("former post")),
        "functionary": Column("党员和国家工作人员", gettext_lazy("party member or state functionary"), YES_NO),
        "red_notice_number": Column("红通编号", gettext_lazy("Interpol red notice number")),
        "hundred_list_number": Column("百名红通编号", gettext_lazy("number in the 2015 “100 list”"), "1–100"),
    }
    required = frozenset({"name"})
    unique = (("id_number",), ("passport_number",), ("hundred_list_number",))
    field_columns = {"is_functionary": "functionary", "nationalities": "nationality"}

    def parse_row(self, row: Row) -> dict[str, Any]:
        names = self._names(row)
        birth_date = row.parse("birth_date", parse_partial_date, "")
        for warning in duplicates.warnings(self.actor, [name for name, _kind in names], birth_date):
            row.warn("name", warning)
        return {
            "names": names,
            "nationalities": row.parse_list("nationality", lambda text: self.cached("country", text, resolve_country)),
            "sex": row.parse("sex", SEX, Sex.UNKNOWN),
            "birth_date": birth_date,
            "birthplace": row["birthplace"],
            "former_employer": row["former_employer"],
            "former_post": row["former_post"],
            "is_functionary": row.parse("functionary", parse_bool, False),
            "red_notice_number": row["red_notice_number"],
            "hundred_list_number": self._hundred_list_number(row),
            "id_number": self._document(row, "id_number"),
            "passport_number": self._document(row, "passport_number"),
        }

    def write(self, parsed: dict[str, Any], actor) -> Person:
        numbers = {column: parsed.pop(column) for column in _DOCUMENTS}
        person = create_person(owner=actor.organisation, **parsed)
        for column, number in numbers.items():
            if number:
                document = IdentityDocument(
                    person=person, kind=_DOCUMENTS[column], number=number, country=self._china()
                )
                document.full_clean()
                document.save()
        return person

    @staticmethod
    def _names(row: Row) -> list[tuple[str, str]]:
        names = [("name", row["name"], NameKind.PRIMARY)]
        names += [("aliases", name, NameKind.ALIAS) for name in split_list(row["aliases"])]
        names += [("romanisation", name, NameKind.ROMANISATION) for name in split_list(row["romanisation"])]
        limit = PersonName._meta.get_field("name").max_length
        for column, name, _kind in names:
            if len(name) > limit:
                row.fail(column, _("A name has at most %(limit)d characters.") % {"limit": limit})
        return [(name, kind) for _column, name, kind in names]

    def _hundred_list_number(self, row: Row) -> int | None:
        number = row.parse("hundred_list_number", lambda text: parse_integer(text, 1, 100))
        if number:
            row.fail_if("hundred_list_number", clash(Person, self.actor, {"hundred_list_number": number}))
        return number

    def _document(self, row: Row, column: str) -> str:
        """The document number, refused when it breaks its kind's rule or the registry already holds it."""
        number = row.parse(column, _document_number(_DOCUMENTS[column]), "")
        if number:
            values = {"kind": _DOCUMENTS[column], "country": self._china(), "number": number}
            row.fail_if(column, clash(IdentityDocument, self.actor, values))
        return number

    def _china(self) -> Country:
        return self.cached("country", "CN", resolve_country)


class PersonImportView(ImportView):
    importer_class = PersonImporter
