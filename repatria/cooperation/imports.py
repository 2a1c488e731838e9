"""Import treaties with China from a spreadsheet (CSV or XLSX, Chinese or English headers): a country by its code
or its Chinese or English name, a type by its code or the words officers write."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.core.imports.cells import DATE, YES_NO, ChoiceParser, parse_bool, parse_date
from repatria.core.imports.importer import Column, Importer, Row
from repatria.core.imports.pages import ImportView
from repatria.core.imports.rows import RowError
from repatria.core.services import create_record
from repatria.geo.services import resolve_country

from .models import Treaty, TreatyKind

# The words officers write for each type (data, not translations: read whatever the user's language).
KIND_NAMES = {
    "引渡条约": TreatyKind.EXTRADITION, "引渡": TreatyKind.EXTRADITION,
    "刑事司法协助条约": TreatyKind.MLA, "刑事司法协助": TreatyKind.MLA, "司法协助": TreatyKind.MLA,
    "资产返还和分享协定": TreatyKind.ASSET_RETURN, "资产返还": TreatyKind.ASSET_RETURN,
    "被判刑人移管条约": TreatyKind.TRANSFER, "移管被判刑人": TreatyKind.TRANSFER,
    "金融情报交流谅解备忘录": TreatyKind.FIU_MOU, "金融情报": TreatyKind.FIU_MOU,
    "执法合作谅解备忘录": TreatyKind.LAW_ENFORCEMENT_MOU, "执法合作": TreatyKind.LAW_ENFORCEMENT_MOU,
}  # fmt: skip
KIND = ChoiceParser(TreatyKind, KIND_NAMES)
DATES = ("signed_on", "ratified_on", "in_force_on", "terminated_on")


class TreatyImporter(Importer):
    model = Treaty
    columns = {
        "country": Column(
            "国家", gettext_lazy("the other state: ISO code, Chinese or English name"), "", ("国家或地区",)
        ),
        "kind": Column("类型", gettext_lazy("type of treaty"), KIND.describe(), ("type",)),
        "title_zh": Column("中文名称", gettext_lazy("Chinese title")),
        "title_en": Column("英文名称", gettext_lazy("English title")),
        "signed_on": Column("签署日期", gettext_lazy("signed"), DATE, ("signed",)),
        "ratified_on": Column("批准日期", gettext_lazy("ratified"), DATE, ("ratified",)),
        "in_force_on": Column("生效日期", gettext_lazy("in force"), DATE, ("in_force",)),
        "terminated_on": Column("终止日期", gettext_lazy("terminated"), DATE, ("terminated",)),
        "is_demo": Column("演示数据", gettext_lazy("demo data, not a real treaty"), YES_NO),
        "notes": Column("备注", gettext_lazy("notes")),
    }
    required = frozenset({"country", "kind", "title_zh"})
    unique = (("country", "title_zh"),)

    def parse_row(self, row: Row) -> dict[str, Any]:
        parsed = {
            "country": row.parse("country", lambda text: self.cached("country", text, resolve_country)),
            "kind": row.parse("kind", KIND),
            "title_zh": row["title_zh"],
            "title_en": row["title_en"],
            **{name: row.parse(name, parse_date) for name in DATES},
            "is_demo": row.parse("is_demo", parse_bool, False),
            "notes": row["notes"],
        }
        if parsed["country"] and Treaty.objects.filter(country=parsed["country"], title_zh=row["title_zh"]).exists():
            raise RowError(_("A treaty with this state under this title is already recorded."))
        return parsed

    def write(self, parsed: dict[str, Any], actor) -> Treaty:
        return create_record(Treaty, **parsed)


class TreatyImportView(ImportView):
    importer_class = TreatyImporter
