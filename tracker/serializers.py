from uuid import UUID

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty

from core.api_fields import (
    ChoiceListField,
    HalfHoursField,
    LocalTimeOfDayField,
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictIntegerField,
    StrictSerializerMixin,
)
from habits.api_fields import CatalogueKeyField, CatalogueKeyListField
from habits.dose_limits import CHECKED_MEDICINES, RULES
from habits.medicine_advice import CAUTION, TODAY, URGENT
from habits.medicines import OTHER_MEDICINE
from tracker.dose_checks import alerts_payload, day_alerts
from tracker.models import (
    DAY_FIELDS,
    NOTE_MAX_LENGTH,
    DayLog,
    FeedingPosture,
    FeedingSide,
    LegSymptom,
    SleepQuality,
)
from tracker.recovery_serializers import PelvicFloorSessionSerializer, SymptomCheckSerializer

MAX_ITEMS_PER_DAY = 50
# The item lists of a day: each item keeps the id its client gave it.
ITEM_FIELDS = (
    "pain_ratings",
    "feedings",
    "exercises",
    "medicines",
    "pelvic_floor_sessions",
    "symptom_checks",
)
MEDICINE_NAME_MAX_LENGTH = 80


class PainRatingSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    score = StrictIntegerField(min_value=0, max_value=10, help_text=_("0 no pain, 10 worst"))
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
    body_areas = CatalogueKeyListField("body_area", required=False)
    leg_symptoms = ChoiceListField(
        LegSymptom.choices,
        required=False,
        help_text=_("Pain going down the leg, numbness or tingling in it: a doctor asks."),
    )


class FeedingSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
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
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
    exercise = CatalogueKeyField("exercise")
    reps = StrictIntegerField(
        min_value=0, max_value=1000, allow_null=True, required=False, default=None
    )
    minutes = StrictIntegerField(
        min_value=0, max_value=600, allow_null=True, required=False, default=None
    )


class MedicineSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.UUIDField()
    time = LocalTimeOfDayField(allow_null=True, required=False, default=None)
    medicine = CatalogueKeyField("medicine")
    name = StrictCharField(
        max_length=MEDICINE_NAME_MAX_LENGTH,
        allow_blank=True,
        required=False,
        default="",
        help_text=_('The medicine\'s name: required for "other_medicine", blank otherwise.'),
    )
    dose_mg = StrictIntegerField(
        min_value=1,
        max_value=4000,
        allow_null=True,
        required=False,
        default=None,
        help_text=_("One dose, in milligrams; null when not given."),
    )

    def validate(self, attrs):
        if attrs["medicine"] == OTHER_MEDICINE and not attrs["name"]:
            raise serializers.ValidationError({"name": [_("Say which medicine it was.")]})
        if attrs["medicine"] != OTHER_MEDICINE and attrs["name"]:
            raise serializers.ValidationError(
                {"name": [_("Only another medicine is given a name.")]}
            )
        return attrs


class PhoneLineSerializer(serializers.Serializer):
    dial = serializers.CharField(help_text=_("What the phone dials: a tel: link"))
    label = serializers.CharField()


class DoseAlertSerializer(serializers.Serializer):
    """A painkiller limit passed on this day, checked over the rolling 24 hours up to each dose
    (habits.dose_limits): never a dose suggestion."""

    medicine = serializers.ChoiceField(choices=[(key, key) for key in CHECKED_MEDICINES])
    rule = serializers.ChoiceField(
        choices=[(rule, rule) for rule in dict.fromkeys(rule.rule for rule in RULES)],
        help_text=_(
            '"single_dose": one dose over the limit; "daily_total": more than the most in any '
            '24 hours; "over_counter": more than the over-the-counter limit in 24 hours; '
            '"too_soon": two doses closer than the shortest gap.'
        ),
    )
    time = serializers.CharField(
        allow_null=True, help_text=_("HH:MM of the first dose that passed it; null if untimed")
    )
    amount_mg = serializers.IntegerField(
        allow_null=True, help_text=_("The largest single dose or 24-hour total over the limit")
    )
    gap_minutes = serializers.IntegerField(
        allow_null=True, help_text=_("The shortest gap under the limit, in minutes")
    )
    level = serializers.ChoiceField(
        choices=[(level, level) for level in (URGENT, TODAY, CAUTION)],
        help_text=_(
            '"urgent": get advice now; "today": a doctor or pharmacist today; "caution": more '
            "only on a doctor's advice"
        ),
    )
    title = serializers.CharField(help_text=_("What was passed, in her language"))
    message = serializers.CharField(help_text=_("What to do, in her language"))
    lines = PhoneLineSerializer(
        many=True, help_text=_("Tap-to-call numbers for her region, when it is urgent")
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
    medicines = MedicineSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_ITEMS_PER_DAY,
        help_text=_("Medicines she took, painkillers above all, one item a dose."),
    )
    sleep_hours = HalfHoursField(
        allow_null=True,
        required=False,
        default=None,
        help_text=_("Hours slept last night, 0 to 14 in steps of 0.5; null when not logged."),
    )
    sleep_quality = StrictChoiceField(
        choices=SleepQuality.choices,
        allow_blank=True,
        required=False,
        default="",
        help_text=_('How broken last night was; "" when not logged.'),
    )
    pain_interference = StrictIntegerField(
        min_value=0,
        max_value=10,
        allow_null=True,
        required=False,
        default=None,
        help_text=_(
            "How much pain interfered with her day: 0 not at all, 10 completely; null when "
            "not logged."
        ),
    )
    pelvic_floor_sessions = PelvicFloorSessionSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_ITEMS_PER_DAY,
        help_text=_("Timed pelvic-floor sessions, one item a session."),
    )
    symptom_checks = SymptomCheckSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_ITEMS_PER_DAY,
        help_text=_("Her symptom checks (weekly, after a session, the tummy gap)."),
    )

    dose_alerts = DoseAlertSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "Painkiller limits passed on this day, over the 24 hours up to each dose (the day "
            "before counts). Read only: a dose is always saved as sent."
        ),
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
            "dose_alerts": self.checked_doses(day),
        }

    def checked_doses(self, day: DayLog) -> list[dict]:
        """From the context when the view checked a page of days at once, else checked here."""
        known = self.context.get("dose_alerts") or {}
        if day.date in known:
            return known[day.date]
        profile = self.context.get("profile") or day.user.profile
        return alerts_payload(profile, day_alerts(profile, day.date, day.medicines))

    def validate(self, attrs):
        # An id names one item of the day, whatever its list: FHIR and the phones' merge
        # both take it as the item's identity.
        list_of: dict[UUID, str] = {}
        for field in ITEM_FIELDS:
            for index, item in enumerate(attrs[field]):
                earlier = list_of.get(item["id"])
                if earlier == field:
                    message = _("Item %(index)d repeats an id used above.") % {"index": index}
                elif earlier is not None:
                    message = _(
                        "Item %(index)d has the id of an item in %(list)s: each item of a day "
                        "needs an id of its own."
                    ) % {"index": index, "list": earlier}
                else:
                    list_of[item["id"]] = field
                    continue
                raise serializers.ValidationError({field: [message]})
        return attrs


class DayWriteSerializer(DaySerializer):
    """The body of a PUT: every field of the day. A PUT replaces the whole day, so a field
    left out would silently empty what is stored; it is refused instead, naming the field.
    (Backups and the demo, which make new days, may leave fields out: DaySerializer.)"""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in DAY_FIELDS:
            field = self.fields[name]
            field.required = True
            field.default = empty
            field.error_messages["required"] = _(
                "Send every field of the day: a PUT replaces the whole day."
            )


class DayRangeSerializer(StrictSerializerMixin, serializers.Serializer):
    # "from" is a Python keyword, so the fields are declared under their query names below.
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = StrictDateField(required=False)
        self.fields["to"] = StrictDateField(required=False)
        self.fields["page"] = serializers.IntegerField(required=False, min_value=1)

    def validate(self, attrs):
        if attrs.get("from") and attrs.get("to") and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError(
                {"from": [_("The first date must not be after the last date ('to').")]}
            )
        return attrs


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(trim_whitespace=False, max_length=256)


class AccountDeletionSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of deleting an account.")
    password = StrictCharField(trim_whitespace=False, max_length=256)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
    expires_at = serializers.DateTimeField(
        read_only=True, help_text=_("After this the token no longer works: ask for a new one.")
    )
