"""Writing a whole day's log: the one writer of DayLog, behind PUT /api/v1/days/{date}/.

The stored day is made equal to what the client sent, if the day is still at the version the
client based its change on (HTTP conditional requests: the version is the day's ETag). Two
phones, or a page left open since yesterday, can then never silently undo each other: the
one that is behind is told, merges, and tries again. Items keep the UUIDs their client gave
them, and a replayed body writes nothing at all, so an offline outbox can resend as often as
it likes. Every path that writes days (the API, the pages, a backup, the demo) comes here, so
a day's summary and version are never missing.
"""

from collections.abc import Collection, Iterable
from datetime import date, time
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from tracker.models import DAY_FIELDS, SUMMARY_FIELDS, DayLog, User

# If-Match: * : any version of the day, as long as it exists.
ANY_VERSION = "*"


def get_day(user: User, day: date) -> DayLog | None:
    return DayLog.objects.filter(user=user, date=day).first()


def history_range(user: User, start: date | None, end: date | None) -> QuerySet[DayLog]:
    days = DayLog.objects.filter(user=user)
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    return days.order_by("-date")


class DayChanged(Exception):
    """The day is not at the version the write was based on (HTTP 412).

    `current` is the day as stored now, or None when there is none: the writer merges its
    change into that and tries again.
    """

    def __init__(self, current: DayLog | None) -> None:
        super().__init__("The day has changed since this change was made.")
        self.current = current


class VersionRequired(DayChanged):
    """A write to a day that exists must say which version it was based on (HTTP 428)."""


def save_day(
    user: User,
    day_date: date,
    data: dict[str, Any],
    *,
    if_match: Collection[str] | None = None,
    create_only: bool = False,
) -> tuple[DayLog, bool]:
    """Make the stored day equal to `data` (validated). Returns the day and whether it is new.

    `if_match` holds the versions the change may be applied to (ANY_VERSION for any); with
    `create_only` the day must not exist yet. With neither, only a new day may be written:
    replacing a day blindly is how one phone used to wipe out another's entries. Raises
    DayChanged or VersionRequired, having written nothing.

    Nothing is written when the day already holds exactly this, so `updated_at` tells when
    she last changed something, not when her phone last synced.
    """
    day = new_day(user, day_date, data)
    if if_match is not None:
        return update_day(day, if_match), False
    try:
        with transaction.atomic():
            day.save(force_insert=True)
    except IntegrityError:
        current = get_day(user, day_date)
        if create_only or current is None:
            raise DayChanged(current) from None
        raise VersionRequired(current) from None
    return day, True


def update_day(day: DayLog, if_match: Collection[str]) -> DayLog:
    """Replace the stored day by `day` if it is at one of these versions: one statement."""
    stored = DayLog.objects.filter(user=day.user, date=day.date)
    if ANY_VERSION not in if_match:
        stored = stored.filter(version__in=if_match)
    if day.version in if_match:
        # The client already holds exactly this day: a replay, or a day put back as it was.
        current = stored.first()
        if current is None:
            raise DayChanged(get_day(day.user, day.date))
        return current
    day.updated_at = timezone.now()
    written = stored.exclude(version=day.version).update(
        **{field: getattr(day, field) for field in (*DAY_FIELDS, *SUMMARY_FIELDS, "updated_at")}
    )
    if written:
        return day
    # Not at any of those versions, or (with ANY_VERSION) already equal, or gone.
    current = get_day(day.user, day.date)
    if current is not None and current.version == day.version:
        return current
    raise DayChanged(current)


def new_day(user: User, day_date: date, data: dict[str, Any]) -> DayLog:
    """An unsaved day holding `data` (validated), with its summary and version.

    A field missing from `data` is stored empty (the model's default): days made in code
    need not list every field. A PUT cannot leave one out (DayWriteSerializer).
    """
    values = {
        field: as_json(data[field]) if field in data else empty_value(field) for field in DAY_FIELDS
    }
    day = DayLog(user=user, date=day_date, **values)
    day.summarize()
    return day


def empty_value(field: str) -> Any:
    """What a day holds in this field when nothing was logged: [], "" or None."""
    return DayLog._meta.get_field(field).get_default()


def create_days(user: User, documents: Iterable[tuple[date, dict[str, Any]]]) -> list[DayLog]:
    """Create many days at once (a backup, a demo history) with their summaries and versions.

    The caller makes sure none of these dates exists yet; the unique constraint refuses one.
    """
    return DayLog.objects.bulk_create(
        [new_day(user, day_date, data) for day_date, data in documents], batch_size=500
    )


def delete_day(user: User, day_date: date, if_match: Collection[str] | None = None) -> bool:
    """Delete the day if it is at one of these versions. False when there is no such day.

    Raises VersionRequired without `if_match`, DayChanged when it is at another version.
    """
    stored = DayLog.objects.filter(user=user, date=day_date)
    if if_match is None:
        current = stored.first()
        if current is not None:
            raise VersionRequired(current)
        return False
    if ANY_VERSION not in if_match:
        stored = stored.filter(version__in=if_match)
    deleted, _ = stored.delete()
    if deleted:
        return True
    current = get_day(user, day_date)
    if current is None:
        return False
    raise DayChanged(current)


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
