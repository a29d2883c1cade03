"""When a reminder fires: local times and weekdays in an IANA zone, turned into UTC instants.

Rules, decided once and tested in tests/reminders/test_reminder_times.py:
- A local time that does not exist (the hour skipped when clocks go forward) fires at the same
  distance after the jump: 01:30 on the London spring-forward day fires at 02:30 BST. Python's
  zoneinfo gives exactly this for fold=0.
- A local time that happens twice (the hour repeated when clocks go back) fires once, at the
  first occurrence (fold=0).
- Quiet hours delay a reminder to the end of the quiet period; they never drop it. Slots that
  fall in the same quiet period are sent once, at its end.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

WEEKDAYS = range(7)  # Monday is 0, as in date.weekday()
# A schedule fires at least once a week, so its next slot is always within 8 local days.
SEARCH_DAYS = 8


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        # Across midnight, e.g. 22:00 to 07:00.
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class Fire:
    slot: datetime  # the instant she asked for, in UTC
    at: datetime  # when it is sent, in UTC: the slot, or the end of quiet hours


def quiet_hours_of(profile) -> QuietHours | None:
    """Her quiet hours, from her profile (tracker.models.Profile); equal times mean none."""
    if profile.quiet_start == profile.quiet_end:
        return None
    return QuietHours(profile.quiet_start, profile.quiet_end)


def parse_local_time(value: str) -> time:
    return time.fromisoformat(value)


def local_instant(day: date, moment: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time, with the gap and overlap rules above."""
    return datetime.combine(day, moment, tzinfo=zone).replace(fold=0).astimezone(UTC)


def end_of_quiet(slot: datetime, quiet: QuietHours, zone: zoneinfo.ZoneInfo) -> datetime:
    """The first instant after `slot` at which the quiet period that contains it ends."""
    local = slot.astimezone(zone)
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)
    return local_instant(day, quiet.end, zone)


def next_fire(
    times: list[time],
    weekdays: list[int],
    zone: zoneinfo.ZoneInfo,
    after: datetime,
    quiet: QuietHours | None = None,
) -> Fire | None:
    """The first slot strictly after `after`, and when to send it. None if nothing is chosen."""
    if not times or not weekdays:
        return None
    start_day = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(SEARCH_DAYS + 1):
        day = start_day + timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        for moment in sorted(times):
            slot = local_instant(day, moment, zone)
            if slot <= after:
                continue
            if quiet and quiet.contains(slot.astimezone(zone).time()):
                return Fire(slot=slot, at=end_of_quiet(slot, quiet, zone))
            return Fire(slot=slot, at=slot)
    return None
