from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api_fields import (
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictSerializerMixin,
    UniqueListField,
)
from habits.pelvic_floor import SESSIONS_A_DAY
from reminders.local_times import parse_local_time
from reminders.models import Channel, Purpose, ReminderDelivery, ReminderSchedule
from reminders.push import check_auth, check_p256dh

MAX_TIMES = 6
SCHEDULE_PURPOSES = [Purpose.LOG_DAY, Purpose.EXERCISES, Purpose.TIP, Purpose.PELVIC_FLOOR]
# Pelvic-floor sessions: up to three a day, at her times (habits.pelvic_floor).
MAX_TIMES_FOR = {Purpose.PELVIC_FLOOR: SESSIONS_A_DAY}


def too_many_times(purpose: str, times: list) -> str:
    """Why these times are too many for this purpose, or ""."""
    most = MAX_TIMES_FOR.get(purpose)
    if most is not None and len(times) > most:
        return _("At most %(count)d times a day for this reminder.") % {"count": most}
    return ""


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "20:30"}
)
class LocalTimeField(StrictCharField):
    """A wall-clock time as "HH:MM", to the minute: the tick runs once a minute."""

    default_error_messages = {"time": _('"{value}" is not a time like 20:30.')}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            moment = parse_local_time(value)
        except ValueError:
            self.fail("time", value=value)
        if len(value) != 5 or moment.second or moment.microsecond:
            self.fail("time", value=value)
        return value


class SortedUniqueListField(UniqueListField):
    """Times and weekdays, each once, kept in order: the same schedule has one spelling."""

    def to_internal_value(self, data):
        return sorted(super().to_internal_value(data))


class ReminderScheduleSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    unknown_field_message = _("This field is not part of a reminder.")

    purpose = StrictChoiceField(choices=[(p.value, p.label) for p in SCHEDULE_PURPOSES])
    times = SortedUniqueListField(
        child=LocalTimeField(), min_length=1, max_length=MAX_TIMES, help_text=_("Local times")
    )
    weekdays = SortedUniqueListField(
        child=StrictIntegerField(min_value=0, max_value=6),
        min_length=1,
        max_length=7,
        help_text=_("0 is Monday, 6 is Sunday"),
    )
    channel = StrictChoiceField(choices=Channel.choices, required=False)
    skip_if_logged = StrictBooleanField(required=False)
    enabled = StrictBooleanField(required=False)

    class Meta:
        model = ReminderSchedule
        fields = (
            "id",
            "purpose",
            "times",
            "weekdays",
            "channel",
            "skip_if_logged",
            "enabled",
            "next_fire_at",
        )
        read_only_fields = ("id", "next_fire_at")

    def validate(self, attrs):
        purpose = attrs.get("purpose", getattr(self.instance, "purpose", ""))
        problem = too_many_times(purpose, attrs.get("times", getattr(self.instance, "times", [])))
        if problem:
            raise serializers.ValidationError({"times": [problem]})
        return attrs


class InboxItemSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True,
        help_text=_("pending, sending, pushed, shown, emailed, skipped, missed or failed"),
    )
    tip = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True, help_text=_("Only for a tip")
    )

    class Meta:
        model = ReminderDelivery
        fields = (
            "id",
            "purpose",
            "status",
            "title",
            "body",
            "url",
            "tip",
            "due_at",
            "pushed_at",
            "emailed_at",
            "shown_at",
            "opened_at",
            "detail",
        )
        read_only_fields = fields


class PushKeysSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of a push subscription.")

    p256dh = StrictCharField(max_length=200)
    auth = StrictCharField(max_length=100)

    # Checked here, at the door: a key no message can be encrypted to would only fail later,
    # in a worker, at every reminder.
    def validate_p256dh(self, value: str) -> str:
        return django_to_drf(check_p256dh, value)

    def validate_auth(self, value: str) -> str:
        return django_to_drf(check_auth, value)


def django_to_drf(check: Callable[[str], None], value: str) -> str:
    """Run a check that raises Django's ValidationError as a serializer field's validation."""
    try:
        check(value)
    except DjangoValidationError as e:
        raise serializers.ValidationError(e.messages) from e
    return value


class PushSubscriptionSerializer(StrictSerializerMixin, serializers.Serializer):
    """The JSON of a browser's PushSubscription, as PushSubscription.toJSON() gives it."""

    unknown_field_message = _("This field is not part of a push subscription.")

    endpoint = serializers.URLField(max_length=1000)
    keys = PushKeysSerializer()
    expirationTime = serializers.IntegerField(  # noqa: N815 - the browser's own name
        allow_null=True, required=False
    )


class PushEndpointSerializer(StrictSerializerMixin, serializers.Serializer):
    """Names one browser's subscription by its endpoint, as PushSubscription.endpoint gives it."""

    unknown_field_message = _("This field is not part of a push subscription.")

    # Only looked up among hers: any text names no subscription (404) rather than being bad.
    endpoint = StrictCharField(max_length=1000, trim_whitespace=False)


class ReminderActionSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of a reminder action.")

    # Compared as sent: a token with spaces around it is not the token.
    token = StrictCharField(max_length=200, trim_whitespace=False)
    action = StrictChoiceField(
        choices=[("shown", "shown"), ("opened", "opened"), ("snooze", "snooze")]
    )
