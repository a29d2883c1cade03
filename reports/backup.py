"""A full backup of everything she entered, as JSON, and loading it into another account.

The backup holds her profile, every day's log exactly as the API serves it (items keep their
UUIDs), her reminder settings and her recovery's own documents (reports.recovery_backup).
Loading validates all of it with the same strict serializers as the API before writing
anything, in one transaction: a bad file names the field at fault and leaves the account as it
was. Not in a backup: her password, devices (push subscriptions
belong to a browser), share links (their tokens are never stored) and the reminders already
sent.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api_fields import StrictSerializerMixin
from core.dates import EARLIEST_DATE, latest_possible_date, parse_day_date
from habits.catalogue import catalogue_keys
from reminders.models import ReminderSchedule
from reminders.serializers import ReminderScheduleSerializer
from reports import recovery_backup
from reports.backup_errors import BackupError, flatten, listed
from tracker.days import create_days
from tracker.models import DayLog, Profile, User
from tracker.serializers import DaySerializer

FORMAT = "backcare-backup"
VERSION = 1
# The profile's fields that stay behind, and why; every other field she can edit travels.
NOT_IN_BACKUP = {
    "id": "the row's key in the database it came from",
    "user": "a backup loads into the account that imports it, not the one that made it",
}


def backup_fields(model: type[Model]) -> tuple[str, ...]:
    """The profile's fields a backup carries: every concrete editable field, in the model's
    order, but those in NOT_IN_BACKUP. A field added to the profile travels without a change
    here."""
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.editable and field.name not in NOT_IN_BACKUP
    )


PROFILE_FIELDS = backup_fields(Profile)
SCHEDULE_FIELDS = ("purpose", "times", "weekdays", "channel", "skip_if_logged", "enabled")


class ProfileBackupSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Profile
        fields = PROFILE_FIELDS


def dump(user: User) -> dict[str, Any]:
    profile = user.profile
    profile_data = ProfileBackupSerializer(profile).data
    days = DayLog.objects.filter(user=user).order_by("date")
    schedules = ReminderSchedule.objects.filter(user=user).order_by("id")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "email": user.email,
        "profile": dict(profile_data),
        "days": [{"date": day.date.isoformat(), **day.document} for day in days],
        "reminders": [
            {field: getattr(schedule, field) for field in SCHEDULE_FIELDS} for schedule in schedules
        ],
        **recovery_backup.dump(user),
    }


def load(user: User, data: Any) -> dict[str, int]:
    """Load a backup into `user`'s account, which must have no logged days yet.

    Her profile and reminder settings become the backup's; her days are created. Returns what
    was loaded. Raises BackupError, with nothing written, if anything is wrong.
    """
    profile, days, schedules = validate(user, data)
    recovery = recovery_backup.validate(data)
    with transaction.atomic():
        if DayLog.objects.select_for_update().filter(user=user).exists():
            raise BackupError(
                {
                    "days": [
                        _(
                            "This account already has logged days: a backup can only be loaded "
                            "into an account without any."
                        )
                    ]
                }
            )
        for field, value in profile.items():
            setattr(user.profile, field, value)
        user.profile.save()
        create_days(user, days)
        ReminderSchedule.objects.filter(user=user).delete()
        now = timezone.now()
        for values in schedules:
            schedule = ReminderSchedule(user=user, **values)
            schedule.reschedule(now)
            schedule.save()
        loaded = recovery_backup.load(user, recovery)
    return {"days": len(days), "reminders": len(schedules), **loaded}


def validate(
    user: User, data: Any
) -> tuple[dict[str, Any], list[tuple[date, dict]], list[dict[str, Any]]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError({"format": [_("This is not a Backcare backup file.")]})
    if data.get("version") != VERSION:
        raise BackupError({"version": [_("This backup's version cannot be read here.")]})
    errors: dict[str, list[str]] = {}
    listed_days = listed(data, "days", errors)
    # Counted before any day is read: a file of 100,000 dates is refused at once, not after
    # seconds of checking each.
    if len(listed_days) > most_days():
        message = _("A backup holds at most %(count)s days: one for each date since 2000.")
        raise BackupError({"days": [message % {"count": most_days()}]})
    listed_schedules = listed(data, "reminders", errors)
    if len(listed_schedules) > ReminderSchedule.MAX_PER_USER:
        message = _("A backup holds at most %(count)s reminders.")
        raise BackupError({"reminders": [message % {"count": ReminderSchedule.MAX_PER_USER}]})
    profile = ProfileBackupSerializer(user.profile, data=data.get("profile"))
    if not profile.is_valid():
        errors.update(flatten("profile", profile.errors))
    days = []
    seen = set()
    context = {"catalogue": catalogue_keys(), "profile": user.profile}
    for index, item in enumerate(listed_days):
        path = f"days[{index}]"
        if not isinstance(item, dict):
            errors[path] = [_("Each day must be an object.")]
            continue
        try:
            day = parse_day_date(str(item.get("date", "")))
        except ValueError as e:
            errors[f"{path}.date"] = [str(e)]
            continue
        if day in seen:
            errors[f"{path}.date"] = [_("This date appears twice.")]
            continue
        seen.add(day)
        fields = {key: value for key, value in item.items() if key != "date"}
        serializer = DaySerializer(data=fields, context=context)
        if serializer.is_valid():
            days.append((day, serializer.validated_data))
        else:
            errors.update(flatten(path, serializer.errors))
    schedules = []
    for index, item in enumerate(listed_schedules):
        serializer = ReminderScheduleSerializer(data=item)
        if serializer.is_valid():
            schedules.append(
                {
                    field: serializer.validated_data[field]
                    for field in SCHEDULE_FIELDS
                    if field in serializer.validated_data
                }
            )
        else:
            errors.update(flatten(f"reminders[{index}]", serializer.errors))
    if errors:
        raise BackupError(errors)
    return dict(profile.validated_data), days, schedules


def most_days() -> int:
    """As many days as there are dates a day can have (core.dates)."""
    return (latest_possible_date() - EARLIEST_DATE).days + 1
