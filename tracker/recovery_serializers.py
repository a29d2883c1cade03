"""Strict validation of her recovery: the items a day holds (timed pelvic-floor sessions,
symptom checks) and her own documents (function-score activities and weeks, the running
checklist). Wrong types are errors, not coerced; an unknown field is refused by name."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api_fields import (
    ChoiceListField,
    LocalTimeOfDayField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictIntegerField,
    StrictSerializerMixin,
)
from core.dates import EARLIEST_DATE, latest_possible_date
from habits import function_score, running_readiness
from habits.pelvic_floor import TOP_LEVEL
from habits.recovery_rules import SYMPTOMS, TUMMY_GAP_FINGERS_CHOICES
from tracker.recovery_models import CheckContext, Effort

MAX_HOLDS = 30
MAX_HOLD_SECONDS = 30
MAX_QUICK_SQUEEZES = 50


class PelvicFloorSessionSerializer(StrictSerializerMixin, serializers.Serializer):
    """A timed session, logged when it ends: what she did of her level's plan."""

    id = serializers.UUIDField()
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
    level = StrictIntegerField(min_value=1, max_value=TOP_LEVEL, help_text=_("Her level, 1-5"))
    holds = StrictIntegerField(
        min_value=0, max_value=MAX_HOLDS, help_text=_("Slow squeezes held to the end")
    )
    hold_seconds = StrictIntegerField(
        min_value=1, max_value=MAX_HOLD_SECONDS, help_text=_("Seconds each slow squeeze was held")
    )
    quick_squeezes = StrictIntegerField(min_value=0, max_value=MAX_QUICK_SQUEEZES)
    effort = StrictChoiceField(
        choices=Effort.choices,
        allow_blank=True,
        required=False,
        default="",
        help_text=_('How it felt: "comfortable", "hard", or "" when not said.'),
    )

    def validate(self, attrs):
        if not attrs["holds"] and not attrs["quick_squeezes"]:
            raise serializers.ValidationError(
                {"holds": [_("A session has at least one squeeze, slow or quick.")]}
            )
        return attrs


class SymptomCheckSerializer(StrictSerializerMixin, serializers.Serializer):
    """What she ticked in a check; a symptom left unticked in a saved check is a "no"."""

    id = serializers.UUIDField()
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
    context = StrictChoiceField(choices=CheckContext.choices)
    symptoms = ChoiceListField(
        list(SYMPTOMS),
        required=False,
        help_text=_("The symptoms she ticked; an empty list: none of them."),
    )
    tummy_gap_fingers = StrictIntegerField(
        min_value=TUMMY_GAP_FINGERS_CHOICES[0],
        max_value=TUMMY_GAP_FINGERS_CHOICES[-1],
        allow_null=True,
        required=False,
        default=None,
        help_text=_(
            "Finger widths between the tummy muscles at the navel (5: five or more); null "
            "when she did not check."
        ),
    )


class DocumentSerializer(StrictSerializerMixin, serializers.Serializer):
    """A versioned document: the same shape is read and written, so a client can PUT what it
    GOT (the read-only fields are ignored on a write)."""

    version = serializers.CharField(
        read_only=True,
        help_text=_("The version of its content, also its ETag: send it back in If-Match."),
    )
    updated_at = serializers.DateTimeField(read_only=True)


class FunctionActivitySerializer(DocumentSerializer):
    unknown_field_message = _("This field is not part of a function-score activity.")

    id = serializers.UUIDField(source="uid", read_only=True)
    name = StrictCharField(max_length=function_score.ACTIVITY_NAME_MAX_LENGTH)
    suggestion = StrictChoiceField(
        choices=list(function_score.SUGGESTIONS),
        allow_blank=True,
        required=False,
        default="",
        help_text=_('The suggestion she picked, or "" for her own words.'),
    )
    retired = StrictBooleanField(
        required=False,
        default=False,
        help_text=_("No longer rated; kept so that past weeks still name it."),
    )


class FunctionScoreSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of a rating.")

    activity = serializers.UUIDField(help_text=_("The id of one of her activities"))
    score = StrictIntegerField(
        min_value=function_score.LOWEST,
        max_value=function_score.HIGHEST,
        help_text=_("0 cannot do it, 10 as well as before the pregnancy"),
    )

    def validate_activity(self, value):
        if value not in self.context["activities"]:
            raise serializers.ValidationError(_("This is not one of her activities."))
        return value


class FunctionWeekSerializer(DocumentSerializer):
    unknown_field_message = _("This field is not part of a week's ratings.")

    week = serializers.DateField(read_only=True, help_text=_("The week's Monday"))
    scores = FunctionScoreSerializer(many=True, max_length=function_score.MAX_ACTIVITIES)
    average = serializers.SerializerMethodField()

    def get_average(self, week) -> float | None:
        return function_score.week_score(item["score"] for item in week.scores)

    def validate_scores(self, scores):
        seen = set()
        for index, item in enumerate(scores):
            if item["activity"] in seen:
                raise serializers.ValidationError(
                    [_("Item %(index)d rates an activity rated above.") % {"index": index}]
                )
            seen.add(item["activity"])
        return scores


class ReadinessResultSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of a running test.")

    test = StrictChoiceField(choices=[(test.key, test.label) for test in running_readiness.TESTS])
    result = StrictChoiceField(choices=running_readiness.RESULTS)
    date = StrictDateField(help_text=_("The day she did it, YYYY-MM-DD"))

    def validate_date(self, value):
        if not EARLIEST_DATE <= value <= latest_possible_date():
            raise serializers.ValidationError(_("Give the day she did it, not a day to come."))
        return value


class RunningReadinessSerializer(DocumentSerializer):
    unknown_field_message = _("This field is not part of the running checklist.")

    tests = ReadinessResultSerializer(many=True, max_length=len(running_readiness.TESTS))

    def validate_tests(self, tests):
        seen = set()
        for index, item in enumerate(tests):
            if item["test"] in seen:
                raise serializers.ValidationError(
                    [_("Item %(index)d repeats a test listed above.") % {"index": index}]
                )
            seen.add(item["test"])
        return tests
