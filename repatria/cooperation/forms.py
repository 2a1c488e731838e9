"""The forms of the reference pages: treaties, conventions, country profiles, dual criminality, networks, foreign
authorities, their contact persons and the log of contacts with them."""

from repatria.core.forms import ModelForm
from repatria.geo.forms import CountryChoiceField
from repatria.geo.models import Country

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


class CountryFieldMixin:
    """The country as the site's pickers offer it: by name in the user's language, searchable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        picker = CountryChoiceField(Country.objects.all(), label=field.label, required=field.required)
        picker.widget.attrs.update(field.widget.attrs)
        self.fields["country"] = picker


class TreatyForm(CountryFieldMixin, ModelForm):
    class Meta:
        model = Treaty
        fields = [
            "country", "kind", "title_zh", "title_en", "signed_on", "ratified_on", "in_force_on", "terminated_on",
            "is_demo", "notes",
        ]  # fmt: skip


class ConventionPartyForm(CountryFieldMixin, ModelForm):
    """The source is required: an entry of the reference list says where it was read."""

    class Meta:
        model = ConventionParty
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


class OffenceEquivalentForm(CountryFieldMixin, ModelForm):
    class Meta:
        model = OffenceEquivalent
        fields = ["country", "offence", "foreign_offence", "law_reference", "maximum_penalty_years"]


class NetworkForm(ModelForm):
    class Meta:
        model = Network
        fields = ["name_zh", "name_en", "notes"]


class AuthorityForm(CountryFieldMixin, ModelForm):
    class Meta:
        model = Authority
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
