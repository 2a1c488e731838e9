import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable, ManyToManyColumn, MoneyColumn

from .models import Case, Return


class CaseTable(BaseTable):
    number = tables.Column(linkify=True)
    persons = ManyToManyColumn(linkify_item=True, verbose_name=_("persons"))
    offences = ManyToManyColumn(verbose_name=_("offences"))
    amount_involved = MoneyColumn(currency="amount_currency", day="opened_on")

    class Meta(BaseTable.Meta):
        model = Case
        fields = ["number", "title", "persons", "offences", "province", "lead_organisation", "supervision_level",
                  "status", "amount_involved", "opened_on"]  # fmt: skip


class ReturnTable(BaseTable):
    date = tables.Column(linkify=True)
    person = tables.Column(linkify=True)
    case = tables.Column(linkify=lambda record: record.case.get_absolute_url(), accessor="case__number")

    class Meta(BaseTable.Meta):
        model = Return
        fields = ["date", "person", "case", "method", "country", "case__province"]
