"""Low mood day after day: the one rule for what a run of low mood is, and when it is worth a
check for postnatal depression. Today's card, the tip reminders and the doctor's report all ask
it here, so they never disagree.

A run of low mood is a stretch of days on which she logged a low mood (LOW_MOOD_AT_MOST or
lower): a logged mood above low ends it, and so does a gap of more than LOW_MOOD_GAP_DAYS days
without a mood (she may not log on her worst days, so a day or two missing does not end it).

Two weeks is the window of the diagnostic criteria for depression, and NICE CG192 (antenatal
and postnatal mental health) asks for the depression identification questions, then a short
scale (EPDS or PHQ-9) by her midwife or doctor, when low mood lasts: so a run of 14 days, or a
low mood on LOW_MOOD_SCREEN_RECENT of the last 14 days, suggests that check.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

# Mood is 1-5; 1 and 2 are the low end.
LOW_MOOD_AT_MOST = 2
# A run goes on over at most this many days in a row without a mood logged.
LOW_MOOD_GAP_DAYS = 2
# Low mood for this many days (first to last of a run) is when a check is worth suggesting...
LOW_MOOD_SCREEN_DAYS = 14
# ... or low on at least this many of the last LOW_MOOD_SCREEN_DAYS days.
LOW_MOOD_SCREEN_RECENT = 10


@dataclass(frozen=True)
class LowMoodRun:
    """Low mood day after day, from `first` to `last`, on `low_days` logged days."""

    first: date
    last: date
    low_days: int = 1

    @property
    def days(self) -> int:
        """The days the run spans, first to last, days without a mood in between included."""
        return (self.last - self.first).days + 1


def is_low(mood: int | None) -> bool:
    return mood is not None and mood <= LOW_MOOD_AT_MOST


def low_mood_runs(moods: Mapping[date, int]) -> list[LowMoodRun]:
    """Every run of low mood in `moods` (date -> mood logged), oldest first."""
    runs: list[LowMoodRun] = []
    current: LowMoodRun | None = None
    for day in sorted(moods):
        if not is_low(moods[day]):
            current = None
            continue
        if current is None or (day - current.last).days > LOW_MOOD_GAP_DAYS + 1:
            current = LowMoodRun(day, day)
            runs.append(current)
        else:
            current = LowMoodRun(current.first, day, current.low_days + 1)
            runs[-1] = current
    return runs


def longest_low_mood(moods: Mapping[date, int]) -> LowMoodRun | None:
    """The longest run, by the days it spans (the earlier of two as long)."""
    longest = None
    for run in low_mood_runs(moods):
        if longest is None or run.days > longest.days:
            longest = run
    return longest


def run_up_to(moods: Mapping[date, int], today: date, min_low_days: int) -> bool:
    """Whether a run with at least `min_low_days` low days reaches today or yesterday (a
    reminder may go out before she has logged today's mood)."""
    return any(
        run.low_days >= min_low_days and (today - run.last).days <= 1
        for run in low_mood_runs({day: mood for day, mood in moods.items() if day <= today})
    )


def recent_moods(moods: Mapping[date, int], end: date) -> dict[date, int]:
    """The moods of the last LOW_MOOD_SCREEN_DAYS days up to `end`."""
    start = end - timedelta(days=LOW_MOOD_SCREEN_DAYS - 1)
    return {day: mood for day, mood in moods.items() if start <= day <= end}


def low_on_most_recent_days(moods: Mapping[date, int], end: date) -> bool:
    """Low on LOW_MOOD_SCREEN_RECENT or more of the last LOW_MOOD_SCREEN_DAYS days to `end`."""
    low = sum(1 for mood in recent_moods(moods, end).values() if is_low(mood))
    return low >= LOW_MOOD_SCREEN_RECENT


def suggest_depression_screen(moods: Mapping[date, int], end: date) -> bool:
    """For a report of the days up to `end`: a run of two weeks or more anywhere in them, or
    low mood on most of the last two weeks."""
    within = {day: mood for day, mood in moods.items() if day <= end}
    run = longest_low_mood(within)
    lasting = run is not None and run.days >= LOW_MOOD_SCREEN_DAYS
    return lasting or low_on_most_recent_days(within, end)


def suggest_depression_screen_now(moods: Mapping[date, int], today: date) -> bool:
    """For her, today: a run of two weeks or more that is still going (its last low day close
    enough to today that a low mood today would carry it on), or low mood on most of the last
    two weeks. A long run that ended weeks ago, with better days since, does not count."""
    within = {day: mood for day, mood in moods.items() if day <= today}
    runs = low_mood_runs(within)
    last = runs[-1] if runs else None
    going = (
        last is not None
        and last.days >= LOW_MOOD_SCREEN_DAYS
        and (today - last.last).days <= LOW_MOOD_GAP_DAYS + 1
        and not any(day > last.last and not is_low(mood) for day, mood in within.items())
    )
    return going or low_on_most_recent_days(within, today)
