import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable, ManyToManyColumn, YesNoColumn
from repatria.core.views import url_name

from .models import Authority, ConventionParty, Network, OffenceEquivalent, Treaty
from .treaties import status_of


def detail_page(record) -> str:
    """The record's own page (its absolute URL is its country's profile)."""
    return reverse(url_name(record), args=[record.pk])


def country_page(record) -> str:
    """The profile of the record's country."""
    return reverse("cooperation:country", args=[record.country_id])


class CountryColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(linkify=country_page, **kwargs)


class TreatyTable(BaseTable):
    title_zh = tables.Column(linkify=True)
    country = CountryColumn()
    status = tables.Column(verbose_name=_("status"), empty_values=(), orderable=False)
    is_demo = YesNoColumn()

    class Meta(BaseTable.Meta):
        model = Treaty
        fields = ["title_zh", "title_en", "country", "kind", "signed_on", "in_force_on", "terminated_on", "is_demo"]
        sequence = ["title_zh", "title_en", "country", "kind", "status", "..."]

    def render_status(self, record) -> str:
        return str(status_of(record, timezone.localdate()).label)

    def value_status(self, record) -> str:
        return self.render_status(record)


class ConventionPartyTable(BaseTable):
    country = CountryColumn()
    convention = tables.Column(linkify=detail_page)

    class Meta(BaseTable.Meta):
        model = ConventionParty
        fields = ["convention", "country", "party_since", "source"]


class OffenceEquivalentTable(BaseTable):
    country = CountryColumn()
    offence = tables.Column(linkify=detail_page)

    class Meta(BaseTable.Meta):
        model = OffenceEquivalent
        fields = ["country", "offence", "foreign_offence", "law_reference", "maximum_penalty_years"]


class NetworkTable(BaseTable):
    name_zh = tables.Column(linkify=True)
    members = tables.Column(verbose_name=_("member authorities"), accessor="member_count", orderable=True)

    class Meta(BaseTable.Meta):
        model = Network
        fields = ["name_zh", "name_en", "members"]


class AuthorityTable(BaseTable):
    name_en = tables.Column(linkify=True)
    country = CountryColumn()
    networks = ManyToManyColumn()

    class Meta(BaseTable.Meta):
        model = Authority
        fields = ["name_en", "name_zh", "country", "networks", "counterpart"]
