"""The forms of the reference pages: treaties, conventions, country profiles, dual criminality, networks, foreign
authorities, their contact persons and the log of contacts with them."""

from repatria.core.forms import ModelForm
from repatria.geo.forms import CountryChoiceField

from .models import (
    Authority,
    ContactLog,
    ContactPerson,
    ConventionParty,
    CountryProfile,
    Network,
    OffenceEquivalent,
    Treaty,
)


class TreatyForm(ModelForm):
    class Meta:
        model = Treaty
        field_classes = {"country": CountryChoiceField}
        fields = [
            "country", "kind", "title_zh", "title_en", "signed_on", "ratified_on", "in_force_on", "terminated_on",
            "is_demo", "notes",
        ]  # fmt: skip


class ConventionPartyForm(ModelForm):
    """The source is required: an entry of the reference list says where it was read."""

    class Meta:
        model = ConventionParty
        field_classes = {"country": CountryChoiceField}
        fields = ["country", "convention", "party_since", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True


class CountryProfileForm(ModelForm):
    class Meta:
        model = CountryProfile
        fields = [
            "extradites_nationals", "death_penalty_assurance", "evidence_standard", "document_languages",
            "translation_required", "notes",
        ]  # fmt: skip


class OffenceEquivalentForm(ModelForm):
    class Meta:
        model = OffenceEquivalent
        field_classes = {"country": CountryChoiceField}
        fields = ["country", "offence", "foreign_offence", "law_reference", "maximum_penalty_years"]


class NetworkForm(ModelForm):
    class Meta:
        model = Network
        fields = ["name_zh", "name_en", "notes"]


class AuthorityForm(ModelForm):
    class Meta:
        model = Authority
        field_classes = {"country": CountryChoiceField}
        fields = ["name_zh", "name_en", "country", "networks", "organisation", "counterpart", "notes"]


class ContactPersonForm(ModelForm):
    class Meta:
        model = ContactPerson
        fields = [
            "authority", "name", "role", "languages", "channel", "phone", "email", "secure_address", "time_zone",
        ]  # fmt: skip


class ContactLogForm(ModelForm):
    class Meta:
        model = ContactLog
        fields = ["authority", "person", "happened_on", "summary", "case", "request"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        authority = self.chosen("authority")  # its people only
        people = self.fields["person"].queryset
        self.fields["person"].queryset = people.filter(authority=authority) if authority else people.none()
