from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tracker import insights
from tracker.api_fields import (
    CatalogueKeyField,
    CatalogueKeyListField,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictSerializerMixin,
)
from tracker.models import NOTE_MAX_LENGTH, DayLog, FeedingPosture, FeedingSide

MAX_ITEMS_PER_DAY = 50


class PainRatingSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    score = StrictIntegerField(min_value=0, max_value=10, help_text=_("0 no pain, 10 worst"))
    time = serializers.TimeField(allow_null=True, required=False, default=None)
    body_areas = CatalogueKeyListField("body_area", required=False)


class FeedingSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    time = serializers.TimeField(allow_null=True, required=False, default=None)
    position = CatalogueKeyField("position")
    supports = CatalogueKeyListField("support", required=False)
    posture = StrictChoiceField(
        choices=FeedingPosture.choices, allow_blank=True, required=False, default=""
    )
    minutes = StrictIntegerField(
        min_value=0, max_value=240, allow_null=True, required=False, default=None
    )
    side = StrictChoiceField(
        choices=FeedingSide.choices, allow_blank=True, required=False, default=""
    )


class ExerciseSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    time = serializers.TimeField(allow_null=True, required=False, default=None)
    exercise = CatalogueKeyField("exercise")
    reps = StrictIntegerField(
        min_value=0, max_value=1000, allow_null=True, required=False, default=None
    )
    minutes = StrictIntegerField(
        min_value=0, max_value=600, allow_null=True, required=False, default=None
    )


class DaySerializer(StrictSerializerMixin, serializers.Serializer):
    """A whole day's log. The same shape is read and written, so a client can PUT what it GOT."""

    date = serializers.DateField(read_only=True)
    days_postpartum = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(read_only=True)
    version = serializers.CharField(
        read_only=True,
        help_text=_(
            "The version of the day's content, also sent as its ETag: send it back in If-Match "
            "when changing the day"
        ),
    )
    mood = StrictIntegerField(
        min_value=1, max_value=5, allow_null=True, required=False, default=None
    )
    mood_tags = CatalogueKeyListField("mood_tag", required=False)
    habits = CatalogueKeyListField("habit", required=False)
    warning_signs = CatalogueKeyListField("warning_sign", required=False)
    note = StrictCharField(max_length=NOTE_MAX_LENGTH, allow_blank=True, required=False, default="")
    pain_ratings = PainRatingSerializer(
        many=True, required=False, default=list, max_length=MAX_ITEMS_PER_DAY
    )
    feedings = FeedingSerializer(
        many=True, required=False, default=list, max_length=MAX_ITEMS_PER_DAY
    )
    exercises = ExerciseSerializer(
        many=True, required=False, default=list, max_length=MAX_ITEMS_PER_DAY
    )

    def get_days_postpartum(self, day: DayLog) -> int | None:
        profile = self.context.get("profile")
        return profile.days_postpartum(day.date) if profile else None

    def to_representation(self, day: DayLog) -> dict:
        # The stored document is already in its API form (tracker.days.as_json), so it is
        # served as it is rather than walked field by field: the same output, a third the cost.
        return {
            "date": day.date.isoformat(),
            "days_postpartum": self.get_days_postpartum(day),
            "updated_at": self.fields["updated_at"].to_representation(day.updated_at),
            "version": day.version,
            **day.document,
        }

    def validate(self, attrs):
        for field in ("pain_ratings", "feedings", "exercises"):
            seen = set()
            for index, item in enumerate(attrs[field]):
                if item["id"] in seen:
                    raise serializers.ValidationError(
                        {field: [_("Item %(index)d repeats an id used above.") % {"index": index}]}
                    )
                seen.add(item["id"])
        return attrs


class DayRangeSerializer(StrictSerializerMixin, serializers.Serializer):
    # "from" is a Python keyword, so the fields are declared under their query names below.
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(required=False)
        self.fields["to"] = serializers.DateField(required=False)
        self.fields["page"] = serializers.IntegerField(required=False, min_value=1)

    def validate(self, attrs):
        if attrs.get("from") and attrs.get("to") and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError(
                {"from": [_("The first date must not be after the last date ('to').")]}
            )
        return attrs


class InsightsQuerySerializer(StrictSerializerMixin, serializers.Serializer):
    """The days insights are for: `from` and `to` (both included), by default the last 6 weeks."""

    unknown_field_message = _("This is not a query parameter of insights.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(required=False)
        self.fields["to"] = serializers.DateField(required=False)

    def validate(self, attrs):
        today = self.context["today"]
        end = attrs.get("to") or today
        start = attrs.get("from") or end - timedelta(days=insights.RANGES["6w"] - 1)
        if start > end:
            raise serializers.ValidationError(
                {"from": [_("The first date must not be after the last date ('to').")]}
            )
        if (end - start).days + 1 > insights.MAX_DAYS:
            raise serializers.ValidationError(
                {
                    "from": [
                        _("Ask for at most %(days)s days at once.") % {"days": insights.MAX_DAYS}
                    ]
                }
            )
        return {"from": start, "to": end}


# The shape of GET /api/v1/insights/, for the OpenAPI schema (tracker.insights builds it).
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
    kind = serializers.ChoiceField(choices=insights.KINDS)
    name = serializers.CharField()
    days = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Indexes into `days` of the days it happened")
    )


class InsightEffectSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=insights.KINDS)
    name = serializers.CharField()
    lag = serializers.ChoiceField(
        choices=[0, 1], help_text=_("0: pain the same day; 1: pain the next day")
    )
    status = serializers.ChoiceField(choices=["ok", "too_few_days", "tied_to_trend"])
    group = serializers.ChoiceField(choices=insights.GROUPS)
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
    days_with = serializers.IntegerField()
    days_without = serializers.IntegerField()
    clear = serializers.BooleanField(help_text=_("The interval leaves out zero"))
    meaningful = serializers.BooleanField(help_text=_("Clear, and at least 2 points"))
    sentence = serializers.CharField()


class InsightsSerializer(serializers.Serializer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField()
        self.fields["to"] = serializers.DateField()

    days = InsightDaySerializer(many=True)
    exposures = InsightExposureSerializer(many=True)
    effects = InsightEffectSerializer(many=True)
    min_days = serializers.IntegerField()
    meaningful_points = serializers.FloatField()


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(trim_whitespace=False, max_length=256)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
