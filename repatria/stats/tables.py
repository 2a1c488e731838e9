import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.core.tables import BaseTable

from .models import Campaign, ExchangeRate


class ExchangeRateTable(BaseTable):
    date = tables.Column(linkify=True)
    rate = tables.Column(attrs={"td": {"class": "text-end"}})

    def render_rate(self, value):
        """6.8976, not the 6.897600 the column keeps."""
        return f"{value.normalize():f}"

    def value_rate(self, value):
        return value

    class Meta(BaseTable.Meta):
        model = ExchangeRate
        fields = ["currency", "date", "rate", "source"]


class CampaignTable(BaseTable):
    name = tables.Column(linkify=True, order_by=("name_zh",), verbose_name=pgettext_lazy("campaign", "name"))
    parent = tables.Column(linkify=True)
    operations = tables.Column(accessor="operation_count", verbose_name=_("operations"))
    targets = tables.Column(accessor="target_count", verbose_name=_("targets"))

    class Meta(BaseTable.Meta):
        model = Campaign
        fields = ["name", "parent", "starts_on", "ends_on", "lead_organisation", "operations", "targets"]
