"""The statistics in the API: the same figures, bulletin and campaign results as the pages."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from repatria.core.api import RecordSerializer
from repatria.stats.bulletin import bulletin
from repatria.stats.figures import HEADLINES, Figures
from repatria.stats.models import Campaign, CampaignTarget, ExchangeRate

AMOUNT = {"max_digits": 20, "decimal_places": 2}
LANGUAGES = ("zh-hans", "en")


class RowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="method code, ISO country code, province code, organisation id, …")
    label = serializers.CharField(help_text="in the caller's language")
    persons = serializers.IntegerField()
    amount = serializers.DecimalField(**AMOUNT, help_text="recovered, in CNY")


class HeadlineSerializer(serializers.Serializer):
    period = serializers.CharField(source="period.text", help_text="as asked; empty for all years")
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    returned = serializers.IntegerField(help_text="persons returned, each once, by their last return in the period")
    functionaries = serializers.IntegerField(help_text="of whom party members or state functionaries")
    red_notice = serializers.IntegerField(help_text="of whom red-notice subjects (the “100 list” included)")
    hundred_list = serializers.IntegerField(help_text="of whom “100 list” members")
    countries = serializers.IntegerField(help_text="distinct countries and regions returned from")
    amount = serializers.DecimalField(
        **AMOUNT, help_text="recovered, in CNY at the rate of each recovery date; without those in `unconverted`"
    )
    amount_complete = serializers.BooleanField(help_text="false while recoveries lack an exchange rate")
    died = serializers.IntegerField(help_text="died abroad: cases closed, not counted among the persons returned")
    abroad = serializers.IntegerField(help_text="fugitives still abroad on the last day")


class UnconvertedSerializer(serializers.Serializer):
    asset = serializers.IntegerField()
    day = serializers.DateField(help_text="recovered on")
    currency = serializers.CharField()
    amount = serializers.DecimalField(**AMOUNT, help_text="in the currency recovered")


class RateToEnterSerializer(serializers.Serializer):
    currency = serializers.CharField()
    day = serializers.DateField(help_text="a rate in force on this day (from it or up to 45 days before) is wanted")


class ChangeSerializer(serializers.Serializer):
    difference = serializers.DecimalField(**AMOUNT)
    ratio = serializers.FloatField(allow_null=True, help_text="of the year before; null when it was zero")


class RequestLineSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="kind, direction, state or ground code; ISO code of the other state")
    label = serializers.CharField(help_text="in the caller's language")
    requests = serializers.IntegerField()


class DaysToAnswerSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="outgoing, incoming, or empty for both directions")
    label = serializers.CharField()
    answered = serializers.IntegerField(help_text="the answered requests the percentiles are computed from")
    median = serializers.FloatField(allow_null=True, help_text="days; null when no request is answered")
    ninetieth = serializers.FloatField(allow_null=True, help_text="90th percentile, days; null when none is answered")


class RequestFiguresSerializer(serializers.Serializer):
    """Cooperation requests sent (ours) or received (another state's) in the period; percentiles by linear
    interpolation between the two closest ranks."""

    requests = serializers.IntegerField(help_text="sent or received in the period")
    answered = serializers.IntegerField(help_text="of which answered (executed, partly executed, refused) so far")
    refused = serializers.IntegerField(help_text="of which refused")
    by_kind = RequestLineSerializer(many=True, help_text="every kind, zeros included")
    by_direction = RequestLineSerializer(many=True)
    by_country = RequestLineSerializer(many=True, help_text="the other states with any request, most first")
    by_state = RequestLineSerializer(many=True, help_text="every state a request sent or received can be in")
    days_to_answer = DaysToAnswerSerializer(many=True, help_text="outgoing, incoming, both")
    refusals_by_ground = RequestLineSerializer(many=True, help_text="every ground, zeros included")


class FiguresSerializer(HeadlineSerializer):
    by_method = RowSerializer(many=True)
    by_country = RowSerializer(many=True)
    by_province = RowSerializer(many=True)
    by_agency = RowSerializer(many=True)
    by_offence = RowSerializer(many=True)
    by_month = RowSerializer(many=True)
    abroad_by_country = RowSerializer(many=True)
    abroad_by_years = RowSerializer(many=True)
    unconverted = UnconvertedSerializer(many=True, help_text="recoveries left out of the amount: no rate in force")
    rates_to_enter = serializers.SerializerMethodField(help_text="what to enter so that the amount is complete")
    previous = HeadlineSerializer(allow_null=True, help_text="the same period a year earlier (同比)")
    cooperation = RequestFiguresSerializer(help_text="cooperation requests, counted by the day sent or received")
    change = serializers.SerializerMethodField(help_text="against the year before, by headline measure")
    bulletin = serializers.SerializerMethodField(help_text="the bulletin's paragraph, by language (zh-hans, en)")

    @extend_schema_field(RateToEnterSerializer(many=True))
    def get_rates_to_enter(self, figures: Figures) -> list:
        wanted = [{"currency": currency, "day": day} for currency, day in figures.rates_to_enter()]
        return RateToEnterSerializer(wanted, many=True).data

    @extend_schema_field(serializers.DictField(child=ChangeSerializer()))
    def get_change(self, figures: Figures) -> dict:
        changes = {measure: figures.change(measure) for measure in HEADLINES}
        return {
            measure: ChangeSerializer({"difference": change[0], "ratio": change[1]}).data
            for measure, change in changes.items()
            if change is not None
        }

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_bulletin(self, figures: Figures) -> dict:
        subjects = self.context["subjects"]
        return {language: bulletin(figures, language, subject=subjects[language]) for language in LANGUAGES}


class ExchangeRateSerializer(RecordSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "version", "currency", "date", "rate", "source", "created", "updated"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignTarget
        fields = ["measure", "value"]


class CampaignSerializer(RecordSerializer):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "version", "name_zh", "name_en", "parent", "starts_on", "ends_on", "lead_organisation",
            "description", "targets", "created", "updated",
        ]  # fmt: skip


class TargetResultSerializer(serializers.Serializer):
    measure = serializers.CharField()
    label = serializers.CharField()
    target = serializers.DecimalField(**AMOUNT)
    result = serializers.DecimalField(**AMOUNT)
    share = serializers.FloatField(allow_null=True, help_text="of the target reached; null for a target of zero")
