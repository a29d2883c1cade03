"""Writing a whole day's log: the idempotent upsert behind PUT /api/v1/days/{date}/.

The stored day is made equal to what the client sent. Items keep the UUIDs their client gave
them, and a replayed body writes nothing at all, so an offline outbox can resend as often as
it likes.
"""

from datetime import date, datetime, time
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.models import DayLog, User

DAY_FIELDS = (
    "mood",
    "mood_tags",
    "habits",
    "warning_signs",
    "note",
    "pain_ratings",
    "feedings",
    "exercises",
)
EARLIEST_DATE = date(2000, 1, 1)
# The last place on Earth to start a new day; a date later than its today is in the future
# for everyone, whatever zone her phone or profile is in while she travels.
LATEST_ZONE = ZoneInfo("Pacific/Kiritimati")


def latest_possible_date() -> date:
    return timezone.now().astimezone(LATEST_ZONE).date()


def parse_day_date(value: str) -> date:
    """Parse a YYYY-MM-DD path segment; raises ValueError with a message for the user."""
    try:
        parsed = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None
    if parsed < EARLIEST_DATE:
        raise ValueError(_("The date is too far in the past."))
    if parsed > latest_possible_date():
        raise ValueError(_("The date is in the future."))
    return parsed


def get_day(user: User, day: date) -> DayLog | None:
    return DayLog.objects.filter(user=user, date=day).first()


def history_range(user: User, start: date | None, end: date | None) -> QuerySet[DayLog]:
    days = DayLog.objects.filter(user=user)
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    return days.order_by("-date")


def save_day(user: User, day_date: date, data: dict[str, Any]) -> tuple[DayLog, bool]:
    """Make the stored day equal to `data` (validated). Returns the day and whether it is new.

    Nothing is written when the day already holds exactly this, so `updated_at` tells when
    she last changed something, not when her phone last synced.
    """
    document = {field: as_json(data[field]) for field in DAY_FIELDS}
    with transaction.atomic():
        day, created = DayLog.objects.select_for_update().get_or_create(
            user=user, date=day_date, defaults=document
        )
        changed = [field for field in DAY_FIELDS if getattr(day, field) != document[field]]
        if changed:
            for field in changed:
                setattr(day, field, document[field])
            day.save(update_fields=[*changed, "updated_at"])
    return day, created


def delete_day(user: User, day_date: date) -> bool:
    deleted, _ = DayLog.objects.filter(user=user, date=day_date).delete()
    return deleted > 0


def as_json(value: Any) -> Any:
    """Validated data as it is stored and served: UUIDs and times as ISO strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, time):
        return value.isoformat()
    return value
