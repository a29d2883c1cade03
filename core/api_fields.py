"""Serializer fields that refuse the wrong JSON type instead of coercing it.

DRF turns "7" into 7 and 7 into "7"; for a medical log a wrong type is a client bug that
should be reported, not guessed at.
"""

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from core.dates import parse_day_date, parse_iso_date

LOCAL_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"invalid": _("A whole number is required.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    default_error_messages = {"invalid": _("Text is required.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "description": "Local wall-clock time, HH:MM or HH:MM:SS, without a zone",
        "example": "07:30",
    }
)
class LocalTimeOfDayField(serializers.TimeField):
    """A time of her day as her phone's clock shows it: HH:MM or HH:MM:SS. DRF's TimeField
    would also take a zone ("07:30Z") and drop it, or fractions of a second."""

    default_error_messages = {"invalid": _("Enter a time as HH:MM.")}

    def to_internal_value(self, value):
        if not isinstance(value, str) or not LOCAL_TIME.fullmatch(value):
            self.fail("invalid")
        return super().to_internal_value(value)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": _("true or false is required.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class StrictDateField(serializers.DateField):
    """A date written exactly YYYY-MM-DD (DRF also takes 2024-2-3 and 20240203). An empty
    query value (`?to=`) is an error too, not "no date": DRF would quietly drop it."""

    def get_value(self, dictionary):
        value = super().get_value(dictionary)
        if value is empty and dictionary.get(self.field_name) == "":
            return ""
        return value

    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DD")
        try:
            return parse_iso_date(value)
        except ValueError:
            self.fail("invalid", format="YYYY-MM-DD")


class DayDateField(StrictDateField):
    """A date a day can have (core.dates: from 2000-01-01 to the last place on Earth's today),
    for the ends of a range: what a range costs follows how many days it holds."""

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        try:
            return parse_day_date(day.isoformat())
        except ValueError as e:
            raise serializers.ValidationError(str(e)) from e


@extend_schema_field(
    {
        "type": "number",
        "minimum": 0,
        "maximum": 14,
        "multipleOf": 0.5,
        "example": 5.5,
    }
)
class HalfHoursField(serializers.Field):
    """A number of hours, 0 to 14 in steps of half an hour: JSON 5 or 5.5, never "5".

    Always a float once read, so a day stores and serves 5.0 whether 5 or 5.0 was sent, and
    its version (a hash of its content) is the same either way.
    """

    MAX_HOURS = 14
    default_error_messages = {
        "invalid": _("A number of hours is required."),
        "step": _("Give the hours in steps of half an hour, from 0 to 14."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        if not (0 <= data <= self.MAX_HOURS) or not float(data * 2).is_integer():
            self.fail("step")
        return float(data)

    def to_representation(self, value):
        return value


class UniqueListField(serializers.ListField):
    """A list that refuses an entry listed twice."""

    default_error_messages = {"duplicate": _('"{value}" is listed twice.')}
    unique_items = True

    def to_internal_value(self, data):
        keys = super().to_internal_value(data)
        seen = set()
        for key in keys:
            if key in seen:
                self.fail("duplicate", value=key)
            seen.add(key)
        return keys


class ChoiceListField(UniqueListField):
    """Some of a fixed set of choices, each at most once."""

    def __init__(self, choices, **kwargs) -> None:
        kwargs.setdefault("max_length", len(choices))
        kwargs.setdefault("default", list)
        super().__init__(child=StrictChoiceField(choices=choices), **kwargs)


class StrictSerializerMixin:
    """Reject keys the serializer does not know, so a misspelt field is not silently dropped."""

    unknown_field_message = _("This field is not part of a day's log.")

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {key: [self.unknown_field_message] for key in unknown}
                )
        return super().to_internal_value(data)
