import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable, ManyToManyColumn, PartialDateColumn

from .models import Person


class PersonTable(BaseTable):
    display_name = tables.Column(linkify=True, verbose_name=_("name"))
    other_names = tables.Column(empty_values=(), orderable=False, verbose_name=_("other names"))
    birth_date = PartialDateColumn()
    nationalities = ManyToManyColumn(verbose_name=_("nationalities"))
    red_notice_number = tables.Column(verbose_name=_("red notice"))
    hundred_list_number = tables.Column(verbose_name=_("“100 list”"))

    class Meta(BaseTable.Meta):
        model = Person
        fields = [
            "display_name",
            "other_names",
            "sex",
            "birth_date",
            "nationalities",
            "former_employer",
            "is_functionary",
            "red_notice_number",
            "hundred_list_number",
        ]
        order_by = "display_name"

    def render_other_names(self, record):
        return "; ".join(n.name for n in record.names.all() if n.name != record.display_name)

    def value_other_names(self, record):
        return self.render_other_names(record)
