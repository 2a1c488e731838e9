"""Import exchange rates from a spreadsheet: a row for a currency and day already recorded updates its rate."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.accounts.permissions import allows
from repatria.core.imports.cells import DATE, ChoiceParser, parse_date, parse_number
from repatria.core.imports.importer import Column, Importer, Row
from repatria.core.imports.pages import ImportView
from repatria.core.imports.rows import RowError
from repatria.core.models import Currency
from repatria.core.services import change_record, create_record

from .models import FOREIGN_CURRENCIES, ExchangeRate

# The names officers write in Chinese (data, not translations: they are read whatever the user's language).
CURRENCY_NAMES = {
    "美元": Currency.USD, "美金": Currency.USD, "欧元": Currency.EUR, "英镑": Currency.GBP, "加元": Currency.CAD,
    "加拿大元": Currency.CAD, "澳元": Currency.AUD, "澳大利亚元": Currency.AUD, "新西兰元": Currency.NZD,
    "纽元": Currency.NZD, "港元": Currency.HKD, "港币": Currency.HKD, "新加坡元": Currency.SGD,
    "新元": Currency.SGD, "日元": Currency.JPY, "瑞士法郎": Currency.CHF, "瑞郎": Currency.CHF,
    "泰铢": Currency.THB, "马来西亚林吉特": Currency.MYR, "林吉特": Currency.MYR, "人民币": Currency.CNY,
}  # fmt: skip
CURRENCY = ChoiceParser(Currency, CURRENCY_NAMES)


def parse_currency(text: str) -> str:
    code = CURRENCY(text)
    if code == Currency.CNY:
        raise ValueError(_("Amounts in yuan need no rate: name a foreign currency."))
    return code


def parse_rate(text: str) -> Decimal:
    """Yuan per unit, more than zero."""
    rate = parse_number(text)
    if rate is None:
        raise ValueError(_("“%(value)s” is not a rate: write a number such as 7.1884.") % {"value": text.strip()})
    if rate <= 0:
        raise ValueError(_("A rate must be more than zero."))
    return rate


def _currencies() -> str:
    """Each currency the file may name, with its Chinese names: “USD 美元 美金, EUR 欧元, …”."""
    names = {
        code: [name for name, named in CURRENCY_NAMES.items() if named == code] for code, _label in FOREIGN_CURRENCIES
    }
    return ", ".join(" ".join([code, *words]) for code, words in names.items())


class ExchangeRateImporter(Importer):
    model = ExchangeRate
    columns = {
        "currency": Column("币种", gettext_lazy("currency: ISO code or Chinese name"), _currencies()),
        "date": Column("日期", gettext_lazy("the day the rate is in force from"), DATE, ("生效日期",)),
        "rate": Column(
            "汇率",
            gettext_lazy("yuan per unit of the currency"),
            gettext_lazy("a number above zero, up to 6 decimals: 7.1884 for one US dollar"),
        ),
        "source": Column(
            "来源", gettext_lazy("source, such as the central bank's central parity rate; empty keeps the one recorded")
        ),
    }
    required = frozenset({"currency", "date", "rate"})
    unique = (("currency", "date"),)

    def parse_row(self, row: Row) -> dict[str, Any]:
        return {
            "currency": row.parse("currency", parse_currency),
            "date": row.parse("date", parse_date),
            "rate": row.parse("rate", parse_rate),
            "source": row["source"],
        }

    def write(self, parsed: dict[str, Any], actor) -> ExchangeRate:
        recorded = ExchangeRate.objects.filter(currency=parsed["currency"], date=parsed["date"]).first()
        if recorded is None:
            return create_record(ExchangeRate, **parsed)
        if not allows(actor, recorded, "change"):
            raise RowError(_("You may not change the rate already recorded for this currency and day."))
        return change_record(recorded, rate=parsed["rate"], source=parsed["source"] or recorded.source)


class ExchangeRateImportView(ImportView):
    importer_class = ExchangeRateImporter
