"""Writing a whole day's log: the idempotent upsert behind PUT /api/v1/days/{date}/.

The stored day is made equal to what the client sent. Items keep the UUIDs their client gave
them, unchanged rows are not written, and a replayed body writes nothing at all, so an
offline outbox can resend as often as it likes.
"""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.models import DayLog, ExerciseEntry, FeedingSession, PainRating, User

DAY_FIELDS = ("mood", "mood_tags", "habits", "warning_signs", "note")
ITEM_COLUMNS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "pain_ratings": (PainRating, ("ordinal", "time", "score", "body_areas")),
    "feedings": (
        FeedingSession,
        ("ordinal", "time", "position_id", "supports", "posture", "minutes", "side"),
    ),
    "exercises": (ExerciseEntry, ("ordinal", "time", "exercise_id", "reps", "minutes")),
}
EARLIEST_DATE = date(2000, 1, 1)
# The last place on Earth to start a new day; a date later than its today is in the future
# for everyone, whatever zone her phone or profile is in while she travels.
LATEST_ZONE = ZoneInfo("Pacific/Kiritimati")


class ItemIdConflict(Exception):
    """An item's UUID already belongs to another day (or another user)."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


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


def days_with_items(user: User):
    """The user's days with every item prefetched: a fixed number of queries for any count."""
    return DayLog.objects.filter(user=user).prefetch_related(
        Prefetch("pain_ratings", queryset=PainRating.objects.order_by("ordinal")),
        Prefetch("feedings", queryset=FeedingSession.objects.order_by("ordinal")),
        Prefetch("exercises", queryset=ExerciseEntry.objects.order_by("ordinal")),
    )


def get_day(user: User, day: date) -> DayLog | None:
    return days_with_items(user).filter(date=day).first()


def save_day(user: User, day_date: date, data: dict[str, Any]) -> tuple[DayLog, bool]:
    """Make the stored day equal to `data` (validated). Returns the day and whether it is new.

    The returned day carries its items as stored, in order, like a day from get_day(), so
    showing it after the write reads nothing back from the database.
    """
    with transaction.atomic():
        day, created = DayLog.objects.select_for_update().get_or_create(user=user, date=day_date)
        changed = created
        for field in DAY_FIELDS:
            if getattr(day, field) != data[field]:
                setattr(day, field, data[field])
                changed = True
        for field, (model, columns) in ITEM_COLUMNS.items():
            rows, wrote = _sync_items(day, field, model, columns, data[field])
            changed |= wrote
            _remember_items(day, field, rows)
        if changed:
            day.save()
    return day, created


def delete_day(user: User, day_date: date) -> bool:
    deleted, _ = DayLog.objects.filter(user=user, date=day_date).delete()
    return deleted > 0


def _sync_items(
    day: DayLog,
    field: str,
    model: type[models.Model],
    columns: tuple[str, ...],
    items: list[dict[str, Any]],
) -> tuple[list[models.Model], bool]:
    """Make the day's rows of one kind equal to `items`.

    Returns the rows in the order the client sent them, and whether anything was written.
    """
    incoming = {item["id"]: dict(item, ordinal=index) for index, item in enumerate(items)}
    stored = {row.pk: row for row in model.objects.filter(Q(day=day) | Q(pk__in=incoming))}
    for index, item in enumerate(items):
        row = stored.get(item["id"])
        if row is not None and row.day_id != day.pk:
            raise ItemIdConflict(f"{field}[{index}].id")

    stale = [pk for pk in stored if pk not in incoming]
    rows, new_rows, changed_rows = [], [], []
    # Only the columns that changed somewhere are written: bulk_update builds a CASE
    # expression per column and row, which costs more Python than the query itself.
    changed_columns: set[str] = set()
    for pk, item in incoming.items():
        values = {column: item[column] for column in columns}
        row = stored.get(pk)
        if row is None:
            row = model(pk=pk, day=day, **values)
            rows.append(row)
            new_rows.append(row)
            continue
        rows.append(row)
        differing = [column for column, value in values.items() if getattr(row, column) != value]
        if differing:
            for column in differing:
                setattr(row, column, values[column])
            changed_columns.update(differing)
            changed_rows.append(row)

    if stale:
        model.objects.filter(pk__in=stale).delete()
    if new_rows:
        model.objects.bulk_create(new_rows)
    if len(changed_rows) == 1:
        # The usual edit changes one entry: a plain UPDATE costs far less to build than
        # bulk_update()'s CASE expressions, and writes the same values.
        row = changed_rows[0]
        model.objects.filter(pk=row.pk).update(**{c: getattr(row, c) for c in changed_columns})
    elif changed_rows:
        model.objects.bulk_update(changed_rows, [c for c in columns if c in changed_columns])
    return rows, bool(stale or new_rows or changed_rows)


def _remember_items(day: DayLog, field: str, rows: list[models.Model]) -> None:
    """Give day.<field>.all() the rows just written, as prefetch_related() would have.

    These are the attributes Django's own prefetching sets; the rows are exactly what the
    database now holds, so a fresh query would return the same thing.
    """
    queryset = getattr(day, field).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(day, "_prefetched_objects_cache"):
        day._prefetched_objects_cache = {}
    day._prefetched_objects_cache[field] = queryset


def history_range(user: User, start: date | None, end: date | None):
    days = days_with_items(user)
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    return days.order_by("-date")
