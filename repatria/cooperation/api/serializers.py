"""The reference records and contact points in the API: records with no business rule of their own, checked by
their models' validation as the pages' forms are."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from repatria.core.api import RecordSerializer
from repatria.core.services import create_record

from ..models import (
    Authority,
    ContactLog,
    ContactPerson,
    ConventionParty,
    CountryProfile,
    Network,
    OffenceEquivalent,
    Treaty,
)

STAMPS = ["created", "updated"]


class TreatySerializer(RecordSerializer):
    class Meta:
        model = Treaty
        fields = ["id", "version", "country", "kind", "title_zh", "title_en", "signed_on", "ratified_on",
                  "in_force_on", "terminated_on", "is_demo", "notes", *STAMPS]  # fmt: skip


class ConventionPartySerializer(RecordSerializer):
    class Meta:
        model = ConventionParty
        fields = ["id", "version", "country", "convention", "party_since", "source", *STAMPS]


class CountryProfileSerializer(RecordSerializer):
    """What the office knows of a state's law and practice, one profile per state (its ISO code)."""

    class Meta:
        model = CountryProfile
        fields = ["country", "version", "extradites_nationals", "death_penalty_assurance", "evidence_standard",
                  "translation_required", "document_languages", "notes", *STAMPS]  # fmt: skip

    def update(self, instance: CountryProfile, validated_data: dict) -> CountryProfile:
        if validated_data.pop("country", instance.country) != instance.country:
            raise serializers.ValidationError({"country": [_("A country profile stays with its country.")]})
        return super().update(instance, validated_data)


class OffenceEquivalentSerializer(RecordSerializer):
    class Meta:
        model = OffenceEquivalent
        fields = ["id", "version", "country", "offence", "foreign_offence", "law_reference", "maximum_penalty_years",
                  *STAMPS]  # fmt: skip


class NetworkSerializer(RecordSerializer):
    class Meta:
        model = Network
        fields = ["id", "version", "name_zh", "name_en", "notes", *STAMPS]


class AuthoritySerializer(RecordSerializer):
    class Meta:
        model = Authority
        fields = ["id", "version", "name_zh", "name_en", "country", "networks", "organisation", "counterpart", "notes",
                  *STAMPS]  # fmt: skip


class ContactPersonSerializer(RecordSerializer):
    class Meta:
        model = ContactPerson
        fields = ["id", "version", "authority", "name", "role", "languages", "channel", "phone", "email",
                  "secure_address", "time_zone", *STAMPS]  # fmt: skip


class ContactLogSerializer(RecordSerializer):
    """A contact with a foreign authority, logged by whoever records it (`by`)."""

    class Meta:
        model = ContactLog
        fields = ["id", "version", "authority", "person", "happened_on", "summary", "case", "request", "by",
                  *STAMPS]  # fmt: skip

    def create(self, validated_data: dict) -> ContactLog:
        return create_record(ContactLog, by=self.user, **validated_data)
