"""Persons in the API, with their names; creating and changing them go through the registry's services."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from repatria.core.api import RecordSerializer
from repatria.registry import duplicates, services
from repatria.registry.models import NameKind, Person, PersonName, Script


class PersonNameSerializer(serializers.ModelSerializer):
    script = serializers.ChoiceField(Script.choices, allow_blank=True, read_only=True)  # detected from the name

    class Meta:
        model = PersonName
        fields = ["name", "kind", "script"]
        extra_kwargs = {"kind": {"default": NameKind.PRIMARY}}


def _pairs(names: list[dict]) -> list[tuple[str, str]]:
    """(name, kind) pairs for the services; a name sent without a kind is the primary one (even in a PATCH,
    where DRF leaves defaults out)."""
    return [(name["name"], name.get("kind", NameKind.PRIMARY)) for name in names]


class PersonSerializer(RecordSerializer):
    """A person with every name; the primary name is the one shown. Sent names replace all the others."""

    names = PersonNameSerializer(many=True, allow_empty=False)
    warnings = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "In the answer to a creation only: the persons already registered with the same name and date of birth, "
            "as the person page warns of them (the person is created all the same)."
        )
    )

    class Meta:
        model = Person
        fields = [
            "id", "version", "display_name", "names", "sex", "birth_date", "birthplace", "nationalities",
            "former_employer", "former_post", "is_functionary", "red_notice_number", "red_notice_issued",
            "red_notice_withdrawn", "hundred_list_number", "notes", "owner", "created", "updated", "warnings",
        ]  # fmt: skip
        read_only_fields = ["display_name", "owner"]

    def create(self, validated_data: dict) -> Person:
        """As on the person page: the person belongs to the writer's organisation until a case names them."""
        names = _pairs(validated_data.pop("names"))
        found = duplicates.warnings(self.user, [name for name, _kind in names], validated_data.get("birth_date", ""))
        self.warned = [strip_tags(warning) for warning in found]
        return services.create_person(names=names, owner=self.user.organisation, **validated_data)

    def get_warnings(self, person: Person) -> list[str]:
        return getattr(self, "warned", [])

    def update(self, instance: Person, validated_data: dict) -> Person:
        names = validated_data.pop("names", None)
        return services.change_person(instance, names=None if names is None else _pairs(names), **validated_data)
