"""Assets abroad in the API; their stage moves only through the services' transitions, not by an edit."""

from rest_framework import serializers

from repatria.assets import services
from repatria.assets.models import Asset
from repatria.core.api import RecordSerializer
from repatria.core.models import Currency


class AssetSerializer(RecordSerializer):
    """An asset abroad; its stage and the amount recovered are read-only here (they move by stage changes)."""

    recovered_currency = serializers.ChoiceField(Currency.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Asset
        fields = [
            "id", "version", "case", "person", "kind", "description", "jurisdiction", "value", "value_currency",
            "valued_on", "stage", "recovered_amount", "recovered_currency", "recovered_on", "frozen_until", "created",
            "updated",
        ]  # fmt: skip
        read_only_fields = ["stage", "recovered_amount", "recovered_on"]  # moved by change_stage only

    def create(self, validated_data: dict) -> Asset:
        return services.record_asset(actor=self.user, **validated_data)

    def update(self, instance: Asset, validated_data: dict) -> Asset:
        return services.change_asset(instance, **validated_data)
