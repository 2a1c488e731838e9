"""The reference pages: treaties, convention parties, dual criminality, networks, foreign authorities with their
contact persons and the log of contacts with them."""

from django.db.models import Count, Model
from django.utils import timezone

from repatria.core.querysets import can
from repatria.core.services import create_record
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, PartEditView

from ..filtersets import (
    AuthorityFilterSet,
    ConventionPartyFilterSet,
    NetworkFilterSet,
    OffenceEquivalentFilterSet,
    TreatyFilterSet,
)
from ..forms import (
    AuthorityForm,
    ContactLogForm,
    ContactPersonForm,
    ConventionPartyForm,
    NetworkForm,
    OffenceEquivalentForm,
    TreatyForm,
)
from ..models import Authority, ContactLog, ContactPerson, ConventionParty, Network, OffenceEquivalent, Treaty
from ..tables import AuthorityTable, ConventionPartyTable, NetworkTable, OffenceEquivalentTable, TreatyTable
from ..treaties import status_of
from .common import add_url, country_or_404


def facts(record: Model, names: list[str]) -> list[tuple[str, object]]:
    """(label, value as read) of the record's fields, for its page."""
    rows = []
    for name in names:
        field = record._meta.get_field(name)
        value = getattr(record, f"get_{name}_display")() if field.choices else getattr(record, name)
        rows.append((field.verbose_name, "" if value is None else value))
    return rows


class FactsView(ObjectDetailView):
    """A reference record's page: its fields, in order (`shown`)."""

    shown: list[str] = []

    def get_context_data(self, **kwargs):
        return super().get_context_data(facts=facts(self.object, self.shown), **kwargs)


class CountryPrefillMixin:
    """A new record's page opened from a country's profile (?country=FR) is of that country."""

    prefill = ("country",)

    def prefilled(self, name: str) -> Model:
        if name != "country":
            return super().prefilled(name)
        return country_or_404(self.request.GET[name])


# --- Treaties ---------------------------------------------------------------------------------------------------


class TreatyListView(ObjectListView):
    table_class = TreatyTable
    filterset_class = TreatyFilterSet
    import_url_name = "cooperation:treaty_import"
    queryset = Treaty.objects.select_related("country")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not can(self.request.user, Treaty, "add"):
            context["import_url"] = None  # the import adds treaties: offered to those who may
        return context


class TreatyView(FactsView):
    queryset = Treaty.objects.select_related("country")
    shown = ["kind", "title_zh", "title_en", "signed_on", "ratified_on", "in_force_on", "terminated_on", "notes"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(status=status_of(self.object, timezone.localdate()), **kwargs)


class TreatyEditView(CountryPrefillMixin, ObjectEditView):
    form_class = TreatyForm


# --- Conventions and dual criminality ---------------------------------------------------------------------------


class ConventionPartyListView(ObjectListView):
    table_class = ConventionPartyTable
    filterset_class = ConventionPartyFilterSet
    queryset = ConventionParty.objects.select_related("country")


class ConventionPartyView(FactsView):
    queryset = ConventionParty.objects.select_related("country")
    shown = ["convention", "party_since", "source"]


class ConventionPartyEditView(CountryPrefillMixin, ObjectEditView):
    form_class = ConventionPartyForm


class OffenceEquivalentListView(ObjectListView):
    table_class = OffenceEquivalentTable
    filterset_class = OffenceEquivalentFilterSet
    queryset = OffenceEquivalent.objects.select_related("country", "offence")


class OffenceEquivalentView(FactsView):
    queryset = OffenceEquivalent.objects.select_related("country", "offence")
    shown = ["offence", "foreign_offence", "law_reference", "maximum_penalty_years"]


class OffenceEquivalentEditView(CountryPrefillMixin, ObjectEditView):
    form_class = OffenceEquivalentForm


# --- Networks and foreign authorities ---------------------------------------------------------------------------


class NetworkListView(ObjectListView):
    table_class = NetworkTable
    filterset_class = NetworkFilterSet
    queryset = Network.objects.annotate(member_count=Count("members"))


class NetworkView(FactsView):
    shown = ["name_zh", "name_en", "notes"]

    def get_context_data(self, **kwargs):
        members = self.visible(self.object.members.select_related("country"))
        return super().get_context_data(members=members, **kwargs)


class NetworkEditView(ObjectEditView):
    form_class = NetworkForm


class AuthorityListView(ObjectListView):
    table_class = AuthorityTable
    filterset_class = AuthorityFilterSet
    queryset = Authority.objects.select_related("country", "counterpart").prefetch_related("networks")


class AuthorityView(ObjectDetailView):
    queryset = Authority.objects.select_related("country", "organisation", "counterpart")

    def get_context_data(self, **kwargs):
        authority, user = self.object, self.request.user
        contacts = authority.contacts.select_related("person", "case", "request", "by").order_by("-happened_on", "-pk")
        return super().get_context_data(
            networks=self.visible(authority.networks.all()),
            people=self.visible(authority.people.all()),
            contacts=self.visible(contacts),
            people_editable=can(user, ContactPerson, "change"),
            people_deletable=can(user, ContactPerson, "delete"),
            contacts_editable=can(user, ContactLog, "change"),
            contacts_deletable=can(user, ContactLog, "delete"),
            add_person_url=add_url(user, ContactPerson, authority=authority),
            add_contact_url=add_url(user, ContactLog, authority=authority),
            **kwargs,
        )


class AuthorityEditView(ObjectEditView):
    form_class = AuthorityForm


class ContactPersonEditView(PartEditView):
    parent = "authority"
    form_class = ContactPersonForm


class ContactLogEditView(PartEditView):
    """A contact with a foreign authority, logged by whoever records it."""

    parent = "authority"
    form_class = ContactLogForm

    def create(self, fields: dict) -> ContactLog:
        return create_record(ContactLog, by=self.request.user, **fields)
