from rest_framework import serializers

from repatria.accounts.models import Organisation, Scope
from repatria.core.api import RecordSerializer


class OrganisationSerializer(RecordSerializer):
    """An office, agency or partner contact point; `version` is sent back with every change."""

    class Meta:
        model = Organisation
        fields = [
            "id", "version", "name_zh", "name_en", "kind", "agency_type", "parent", "province", "country",
            "created", "updated",
        ]  # fmt: skip


class OrganisationBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name_zh", "name_en", "kind"]


class TokenBriefSerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Scope.choices))
    expires = serializers.DateTimeField()


class WhoAmISerializer(serializers.Serializer):
    """Who the API takes the caller for: the user, their organisation and, for a token, its scopes."""

    username = serializers.CharField()
    role = serializers.CharField()
    organisation = OrganisationBriefSerializer(allow_null=True)
    token = TokenBriefSerializer(allow_null=True)
