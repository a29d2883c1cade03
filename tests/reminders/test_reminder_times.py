"""When reminders fire: local times through daylight saving, quiet hours, weekdays."""

import zoneinfo
from datetime import UTC, datetime, time

from reminders.local_times import QuietHours, next_fire

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
EVERY_DAY = list(range(7))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def fires(times, zone, after, weekdays=EVERY_DAY, quiet=None, count=1) -> list[datetime]:
    """The next `count` send instants, each computed after the previous one, as the tick does."""
    result = []
    for _ in range(count):
        fire = next_fire(times, weekdays, zone, after, quiet)
        result.append(fire.at)
        after = fire.at
    return result


def test_an_evening_reminder_follows_london_across_spring_forward():
    # Clocks go forward at 01:00 UTC on 29 March 2026: 20:30 is 20:30 GMT, then 19:30 UTC.
    assert fires([time(20, 30)], LONDON, utc(2026, 3, 28, 12), count=2) == [
        utc(2026, 3, 28, 20, 30),
        utc(2026, 3, 29, 19, 30),
    ]


def test_a_time_inside_the_skipped_hour_fires_just_after_the_jump():
    # 01:30 does not exist in London on 29 March 2026; it fires at 02:30 BST (01:30 UTC),
    # once, and the next day at 01:30 BST.
    assert fires([time(1, 30)], LONDON, utc(2026, 3, 28, 12), count=2) == [
        utc(2026, 3, 29, 1, 30),
        utc(2026, 3, 30, 0, 30),
    ]


def test_a_time_inside_the_repeated_hour_fires_once_at_its_first_occurrence():
    # Clocks go back at 01:00 UTC on 25 October 2026: 01:30 happens at 00:30 and 01:30 UTC.
    assert fires([time(1, 30)], LONDON, utc(2026, 10, 24, 12), count=2) == [
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 26, 1, 30),
    ]


def test_new_york_spring_forward_and_fall_back():
    # 8 March 2026: 02:00 EST jumps to 03:00 EDT. 1 November 2026: 02:00 EDT back to 01:00 EST.
    assert fires([time(2, 30)], NEW_YORK, utc(2026, 3, 7, 12), count=2) == [
        utc(2026, 3, 8, 7, 30),  # 02:30 does not exist: 03:30 EDT
        utc(2026, 3, 9, 6, 30),  # 02:30 EDT
    ]
    assert fires([time(1, 30)], NEW_YORK, utc(2026, 10, 31, 12), count=2) == [
        utc(2026, 11, 1, 5, 30),  # first 01:30, still EDT
        utc(2026, 11, 2, 6, 30),  # 01:30 EST
    ]


def test_a_zone_without_daylight_saving_is_eight_hours_ahead_all_year():
    for month in (1, 7):
        assert fires([time(9, 0)], SHANGHAI, utc(2026, month, 10, 12)) == [
            utc(2026, month, 11, 1, 0)
        ]


def test_several_times_a_day_come_in_order():
    assert fires([time(21, 0), time(9, 0)], SHANGHAI, utc(2026, 5, 1, 0), count=3) == [
        utc(2026, 5, 1, 1, 0),
        utc(2026, 5, 1, 13, 0),
        utc(2026, 5, 2, 1, 0),
    ]


def test_a_weekday_only_schedule_skips_the_weekend():
    # Friday 20 November 2026, 18:00 London: next are Friday, then Monday.
    weekdays = [0, 1, 2, 3, 4]
    assert fires([time(19, 0)], LONDON, utc(2026, 11, 20, 18), weekdays, count=2) == [
        utc(2026, 11, 20, 19),
        utc(2026, 11, 23, 19),
    ]


def test_quiet_hours_across_midnight_delay_to_their_end_instead_of_dropping():
    quiet = QuietHours(time(22, 0), time(7, 0))
    # 23:00 is quiet: it goes at 07:00 the next morning. 06:00 is quiet too: 07:00 same day.
    assert fires([time(23, 0)], SHANGHAI, utc(2026, 5, 1, 0), quiet=quiet) == [
        utc(2026, 5, 1, 23, 0)  # 07:00 on 2 May in Shanghai
    ]
    assert fires([time(6, 0)], SHANGHAI, utc(2026, 5, 1, 0), quiet=quiet) == [
        utc(2026, 5, 1, 23, 0)  # 06:00 on 2 May is quiet: 07:00 on 2 May
    ]


def test_slots_in_one_quiet_period_are_sent_once_at_its_end():
    quiet = QuietHours(time(22, 0), time(7, 0))
    times = [time(22, 30), time(23, 30), time(12, 0)]
    fired = fires(times, SHANGHAI, utc(2026, 5, 1, 0), quiet=quiet, count=3)
    assert fired == [
        utc(2026, 5, 1, 4, 0),  # 12:00 on 1 May
        utc(2026, 5, 1, 23, 0),  # 22:30 and 23:30 on 1 May, both at 07:00 on 2 May
        utc(2026, 5, 2, 4, 0),  # 12:00 on 2 May
    ]


def test_quiet_hours_within_a_day_and_none_when_equal():
    afternoon_nap = QuietHours(time(13, 0), time(15, 0))
    assert fires([time(14, 0)], SHANGHAI, utc(2026, 5, 1, 0), quiet=afternoon_nap) == [
        utc(2026, 5, 1, 7, 0)
    ]
    assert not QuietHours(time(7, 0), time(7, 0)).contains(time(7, 0))


def test_quiet_hours_end_uses_the_local_clock_on_a_daylight_saving_night():
    # Quiet until 07:00 on the London spring-forward morning: 07:00 BST is 06:00 UTC.
    quiet = QuietHours(time(22, 0), time(7, 0))
    assert fires([time(23, 0)], LONDON, utc(2026, 3, 28, 12), quiet=quiet) == [
        utc(2026, 3, 29, 6, 0)
    ]


def test_no_times_or_no_weekdays_never_fires():
    assert next_fire([], EVERY_DAY, LONDON, utc(2026, 1, 1)) is None
    assert next_fire([time(9, 0)], [], LONDON, utc(2026, 1, 1)) is None
