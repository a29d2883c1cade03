"""The Insights API's query and answer (the answer is built by insights.series and served as
its as_json; these serializers document its shape in the OpenAPI schema)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core import dates
from core.api_fields import DayDateField, StrictSerializerMixin
from insights import series


class InsightsQuerySerializer(StrictSerializerMixin, serializers.Serializer):
    """The days insights are for: `from` and `to` (both included), by default the last 6 weeks."""

    unknown_field_message = _("This is not a query parameter of insights.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = DayDateField(required=False)
        self.fields["to"] = DayDateField(required=False)

    def validate(self, attrs):
        today = self.context["today"]
        end = attrs.get("to") or today
        start = attrs.get("from") or max(
            end - timedelta(days=series.RANGES["6w"] - 1), dates.EARLIEST_DATE
        )
        if start > end:
            raise serializers.ValidationError(
                {"from": [_("The first date must not be after the last date ('to').")]}
            )
        if (end - start).days + 1 > series.MAX_DAYS:
            raise serializers.ValidationError(
                {"from": [_("Ask for at most %(days)s days at once.") % {"days": series.MAX_DAYS}]}
            )
        return {"from": start, "to": end}


# The shape of GET /api/v1/insights/, for the OpenAPI schema (insights.series builds it).
class InsightDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    logged = serializers.BooleanField(help_text=_("Whether she logged anything that day"))
    pain = serializers.FloatField(allow_null=True, help_text=_("Mean of the day's ratings, 0-10"))
    worst = serializers.IntegerField(allow_null=True, help_text=_("Highest rating of the day"))
    ratings = serializers.IntegerField(help_text=_("How many ratings she gave that day"))
    average = serializers.FloatField(
        allow_null=True,
        help_text=_("Mean of the last 7 days' pain; null when fewer than 4 of them were rated"),
    )
    trend = serializers.FloatField(
        allow_null=True, help_text=_("The fitted recovery trend; null with too little data")
    )


class InsightExposureSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=series.KINDS)
    name = serializers.CharField()
    days = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Indexes into `days` of the days it happened")
    )
    unknown = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_(
            "Indexes into `days` of logged days that say nothing about it (sleep not logged): "
            "left out of its comparisons, neither with nor without it"
        ),
    )


class InsightEffectSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=series.KINDS)
    name = serializers.CharField()
    lag = serializers.ChoiceField(
        choices=[0, 1], help_text=_("0: pain the same day; 1: pain the next day")
    )
    status = serializers.ChoiceField(
        choices=["ok", "too_few_days", "tied_to_trend", "tied_to_same_day"]
    )
    group = serializers.ChoiceField(
        choices=series.GROUPS,
        help_text=_(
            "less or more: a meaningful difference; small: clear, but under 2 points or not "
            "clear once every comparison is allowed for (it may be chance)"
        ),
    )
    difference = serializers.FloatField(
        allow_null=True,
        help_text=_("Pain on days with it minus days without, after the recovery trend"),
    )
    low = serializers.FloatField(
        allow_null=True, help_text=_("Low end of the 95 percent confidence interval")
    )
    high = serializers.FloatField(
        allow_null=True, help_text=_("High end of the 95 percent confidence interval")
    )
    p_value = serializers.FloatField(
        allow_null=True, help_text=_("Two-sided p-value of the difference, this comparison alone")
    )
    days_with = serializers.IntegerField()
    days_without = serializers.IntegerField()
    every_day = serializers.BooleanField(
        help_text=_("Done on every day compared, so there is nothing to compare it with")
    )
    clear = serializers.BooleanField(help_text=_("The interval leaves out zero"))
    clear_after_correction = serializers.BooleanField(
        help_text=_(
            "Still clear once every comparison of the answer is allowed for (Benjamini-Hochberg)"
        )
    )
    meaningful = serializers.BooleanField(
        help_text=_("Clear after the correction, and at least 2 points")
    )
    could_be_meaningful = serializers.BooleanField(
        help_text=_("Clear, and the interval reaches 2 points: it could be that large")
    )
    sentence = serializers.CharField()
    note = serializers.CharField(
        allow_blank=True,
        help_text=_(
            "What to keep in mind reading it: for a medicine, that she takes it because the "
            "pain is bad; for sleep, which night and day are compared; for an exercise that "
            "went with more pain, why that is no reason to stop"
        ),
    )


class InsightsSerializer(serializers.Serializer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField()
        self.fields["to"] = serializers.DateField()

    days = InsightDaySerializer(many=True)
    exposures = InsightExposureSerializer(many=True)
    effects = InsightEffectSerializer(many=True)
    comparisons = serializers.IntegerField(
        help_text=_("How many comparisons had enough days to be made (each thing, two days)")
    )
    min_days = serializers.IntegerField()
    meaningful_points = serializers.FloatField()
    false_discovery_rate = serializers.FloatField(
        help_text=_("The rate the correction for many comparisons keeps chance findings to")
    )
