import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import MoneyColumn

from .models import Case, Return

TABLE_ATTRS = {"class": "table table-sm table-hover table-striped"}


class CaseTable(tables.Table):
    number = tables.Column(linkify=True)
    persons = tables.ManyToManyColumn(linkify_item=True, verbose_name=_("persons"))
    offences = tables.ManyToManyColumn(verbose_name=_("offences"))
    amount_involved = MoneyColumn(currency="amount_currency")

    class Meta:
        model = Case
        fields = ["number", "title", "persons", "offences", "province", "lead_organisation", "supervision_level",
                  "status", "amount_involved", "opened_on"]  # fmt: skip
        attrs = TABLE_ATTRS


class ReturnTable(tables.Table):
    date = tables.Column(linkify=True)
    person = tables.Column(linkify=True)
    case = tables.Column(linkify=lambda record: record.case.get_absolute_url(), accessor="case__number")

    class Meta:
        model = Return
        fields = ["date", "person", "case", "method", "country", "case__province"]
        attrs = TABLE_ATTRS
