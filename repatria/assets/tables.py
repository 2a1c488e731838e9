import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable, MoneyColumn

from .models import Asset


class AssetTable(BaseTable):
    description = tables.Column(linkify=True)
    case = tables.Column(linkify=lambda record: record.case.get_absolute_url(), accessor="case__number")
    person = tables.Column(linkify=True, verbose_name=_("holder"))
    value = MoneyColumn(currency="value_currency", day="valued_on")
    recovered_amount = MoneyColumn(currency=("recovered_currency", "value_currency"), day="recovered_on")

    class Meta(BaseTable.Meta):
        model = Asset
        fields = ["description", "kind", "case", "person", "jurisdiction", "value", "stage", "recovered_amount",
                  "recovered_on"]  # fmt: skip
