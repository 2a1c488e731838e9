"""The shapes of the match API, as yente (OpenSanctions) speaks them; they document the schema, the view builds the
answers (see views.py)."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MAX_QUERIES = 100
MAX_LIMIT = 50
MAX_CONTEXT = 200

# A translated text with its numbers put in when it is read, in the reader's language.
interpolate = lazy(lambda text, params: str(text) % params, str)


class EntitySerializer(serializers.Serializer):
    """A person to screen, as a FollowTheMoney entity."""

    id = serializers.CharField(required=False, help_text=_("Your own id of the entity (optional)."))
    schema = serializers.CharField(required=False, default="Person", help_text=_("Person (the default)."))
    properties = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_(
            "Lists of strings: name and alias (at least one name, in any script or romanisation), birthDate "
            "(YYYY, YYYY-MM or YYYY-MM-DD), gender, nationality (ISO 3166 codes), passportNumber, idNumber."
        ),
    )


class MatchRequestSerializer(serializers.Serializer):
    """Persons to screen, by keys of the caller's choosing; the answer gives each key its results."""

    queries = serializers.DictField(
        child=EntitySerializer(), help_text=interpolate(_("At most %(max)d entities by key."), {"max": MAX_QUERIES})
    )
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_LIMIT, help_text=_("Results per query (10 by default).")
    )
    threshold = serializers.FloatField(
        required=False, min_value=0, max_value=1, help_text=_("The score from which a result is a match (0.7).")
    )
    context = serializers.CharField(
        required=False,
        max_length=MAX_CONTEXT,
        help_text=_("What the screening is for, e.g. “visa application, Vancouver”: it goes with the alerts."),
    )


class ExplanationSerializer(serializers.Serializer):
    """The engine's explanation of one feature, readable as it is, with nomenklatura's FeatureResult fields."""

    score = serializers.FloatField()
    detail = serializers.CharField()
    code = serializers.CharField()
    query = serializers.CharField(required=False, help_text=_("The query's name that was compared (name only)."))
    candidate = serializers.CharField(required=False, help_text=_("The listed person's name it was compared with."))


class EntityResponseSerializer(serializers.Serializer):
    """A FollowTheMoney entity as yente gives one: only properties of its schema; a property that links to another
    entity holds that entity, nested in the same shape."""

    id = serializers.CharField()
    caption = serializers.CharField()
    schema = serializers.CharField()
    properties = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text=_(
            "Lists of strings by FollowTheMoney property; a Person has name, alias, birthDate, nationality and topics, "
            "its red notice as a Sanction under sanctions, and the office to call as the Organization of an "
            "UnknownLink (role “contact point”) under unknownLinkTo."
        ),
    )
    datasets = serializers.ListField(child=serializers.CharField(), required=False)
    target = serializers.BooleanField(required=False)


class MatchResultSerializer(EntityResponseSerializer):
    score = serializers.FloatField()
    match = serializers.BooleanField()
    features = serializers.DictField(child=serializers.FloatField(), help_text=_("Each feature's score, as yente."))
    explanations = serializers.DictField(
        child=ExplanationSerializer(), help_text=_("By feature: name, birth_date, gender, nationality, document.")
    )


class FeatureDocSerializer(serializers.Serializer):
    description = serializers.CharField()
    coefficient = serializers.FloatField()
    url = serializers.URLField()


class TotalSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    relation = serializers.CharField()


class QueryResponseSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    results = MatchResultSerializer(many=True)
    total = TotalSerializer()
    query = EntitySerializer()


class MatchResponseSerializer(serializers.Serializer):
    responses = serializers.DictField(child=QueryResponseSerializer())
    matcher = serializers.DictField(child=FeatureDocSerializer(), help_text=_("The engine's features, as yente."))
    limit = serializers.IntegerField()
