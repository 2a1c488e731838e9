"""The shapes of yente's catalog, algorithms and search answers (yente/data/common.py); they document the schema,
the views build the answers (yente_views.py)."""

from rest_framework import serializers

from .serializers import EntityResponseSerializer, FeatureDocSerializer, TotalSerializer


class DatasetSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    version = serializers.CharField()
    index_version = serializers.CharField()
    index_current = serializers.BooleanField()
    load = serializers.BooleanField()
    namespace = serializers.BooleanField()
    children = serializers.ListField(child=serializers.CharField())


class CatalogSerializer(serializers.Serializer):
    datasets = DatasetSerializer(many=True)
    current = serializers.ListField(child=serializers.CharField())
    outdated = serializers.ListField(child=serializers.CharField())
    index_stale = serializers.BooleanField()


class AlgorithmDocsSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    config = serializers.DictField(child=serializers.JSONField())
    features = serializers.DictField(child=FeatureDocSerializer())


class AlgorithmSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    features = serializers.DictField(child=FeatureDocSerializer(), help_text="Deprecated by yente: see docs.")
    docs = AlgorithmDocsSerializer()


class AlgorithmResponseSerializer(serializers.Serializer):
    algorithms = AlgorithmSerializer(many=True)
    default = serializers.CharField()
    best = serializers.CharField()


class SearchResponseSerializer(serializers.Serializer):
    results = EntityResponseSerializer(many=True)
    facets = serializers.DictField(child=serializers.JSONField(), help_text="Always empty: no facets are counted.")
    total = TotalSerializer()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
