"""Import the central parity table (人民币汇率中间价) as the China Foreign Exchange Trade System publishes it: a row
a day, a column a currency pair, Chinese headers, in CSV or XLSX.

A pair reads as the CFETS quotes it: "USD/CNY" is yuan per dollar, "100JPY/CNY" yuan per hundred yen, and
"CNY/MYR" ringgit per yuan, the inverse. Each is recorded as the statistics want it, yuan per one unit; a pair of
a currency the office does not keep is an ignored column.
"""

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.core.imports.cells import DATE, parse_date
from repatria.core.imports.importer import Column, Row
from repatria.core.imports.pages import ImportView
from repatria.core.imports.rows import RowError

from .imports import ExchangeRateImporter, parse_rate
from .models import FOREIGN_CURRENCIES, ExchangeRate

SOURCE = "中国外汇交易中心 人民币汇率中间价"  # data: the source recorded with every rate, whatever the language
PER_HUNDRED = {"JPY"}  # quoted per 100 units
INVERSE = {"MYR", "THB"}  # quoted as foreign units per yuan ("CNY/MYR")
PAIR = re.compile(r"^(\d*)([a-z]{3})/([a-z]{3})$")
NO_QUOTE = re.compile(r"[-—–]+|N/?A", re.IGNORECASE)  # a day a pair was not quoted
SIX_PLACES = Decimal("0.000001")


def _pair(code: str) -> str:
    """The header CFETS gives a currency's column."""
    if code in INVERSE:
        return f"CNY/{code}"
    return f"{'100' if code in PER_HUNDRED else ''}{code}/CNY"


def per_unit(pair: str, quoted: Decimal) -> tuple[str, Decimal]:
    """(currency, yuan per one unit) of a quote: "100JPY/CNY" 4.8 is 0.048 yuan a yen; "CNY/MYR" 0.65 is
    1.538462 yuan a ringgit."""
    units, base, quote = PAIR.match(pair.casefold()).groups()
    if base == "cny":
        return quote.upper(), (1 / quoted).quantize(SIX_PLACES, ROUND_HALF_UP)
    return base.upper(), (quoted / int(units or 1)).quantize(SIX_PLACES, ROUND_HALF_UP)


class CfetsImporter(ExchangeRateImporter):
    model = ExchangeRate
    columns = {
        "date": Column("日期", gettext_lazy("the day of the central parity rates"), DATE),
        **{
            _pair(code).casefold(): Column(_pair(code), gettext_lazy("central parity rate, as CFETS quotes it"))
            for code, _label in FOREIGN_CURRENCIES
        },
    }
    required = frozenset({"date"})
    unique = (("date",),)

    def parse_row(self, row: Row) -> dict[str, Any]:
        rates = {}
        for key in self.columns.keys() - {"date"}:
            if row[key] and not NO_QUOTE.fullmatch(row[key]):
                quoted = row.parse(key, parse_rate)
                if quoted is not None:
                    currency, rate = per_unit(key, quoted)
                    rates[currency] = rate
        if not rates and not row.errors:
            raise RowError(_("This day has no rate of a currency kept here."))
        return {"date": row.parse("date", parse_date), "rates": rates}

    def write(self, parsed: dict[str, Any], actor) -> ExchangeRate:
        """One rate a currency, through the importer of single rates (a rate already recorded is updated)."""
        written = None
        for currency, rate in sorted(parsed["rates"].items()):
            fields = {"currency": currency, "date": parsed["date"], "rate": rate, "source": SOURCE}
            written = super().write(fields, actor)
        return written


class CfetsImportView(ImportView):
    importer_class = CfetsImporter
