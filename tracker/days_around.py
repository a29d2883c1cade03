"""What a day's page needs from the days before it, read in a few queries: the day before's
painkiller doses (the 24 hours roll across midnight, and the page checks doses itself,
offline too), whether she hardly slept the night before, how often pain got in the way this
week, her moods of the last weeks, and whether she has ever logged ibuprofen.

Each pointer it feeds is a plain rule with its reason:
- two nights running of "hardly slept" point her to the psychosis sign: not sleeping at all
  for days is one of its early signs (NHS, "Postpartum psychosis"; RCOG patient information);
- pain that interfered 7 or more (of 10) on 3 days of a week points her to the check-up sign
  "pain that stops me doing everyday things" (severe interference on the PEG scale's item);
- low mood for two weeks shows the card suggesting a short check (tracker.low_mood).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from habits.dose_limits import CHECKED_MEDICINES, IBUPROFEN
from tracker.low_mood import suggest_depression_screen_now
from tracker.models import DayLog, SleepQuality, User

# Pain that got in the way this much (0-10)...
HEAVY_INTERFERENCE_AT_LEAST = 7
# ... on this many days of the last 7 points to the check-up sign.
HEAVY_INTERFERENCE_DAYS = 3
# How far back moods are read: a run of low mood long enough to matter, and its start.
MOOD_DAYS = 60


@dataclass(frozen=True)
class DaysAround:
    doses_before: list[list]  # the day before's checked painkillers: [medicine, time, mg]
    hardly_slept_before: bool  # the night logged on the day before was "hardly slept"
    heavy_days_before: int  # days among the 6 before with interference 7 or more
    # Whether the low-mood card shows, by what she logs as today's mood: low, other, none.
    low_mood_card: dict[str, bool]
    took_ibuprofen: bool  # on any day, this one included

    @property
    def shows_low_mood_card(self) -> bool:
        return any(self.low_mood_card.values())


def days_around(user: User, day: date, day_mood: int | None) -> DaysAround:
    """For the page of `day`, whose stored mood is `day_mood`."""
    before = day - timedelta(days=1)
    rows = list(
        DayLog.objects.filter(
            user=user, date__gte=day - timedelta(days=MOOD_DAYS), date__lt=day
        ).values_list("date", "mood", "sleep_quality", "pain_interference")
    )
    moods = {row_date: mood for row_date, mood, _sleep, _pain in rows if mood is not None}
    week = [pain for row_date, _mood, _sleep, pain in rows if row_date > day - timedelta(days=7)]
    slept = {row_date: sleep for row_date, _mood, sleep, _pain in rows}
    medicines = (
        DayLog.objects.filter(user=user, date=before).values_list("medicines", flat=True).first()
    )
    return DaysAround(
        doses_before=[
            [item["medicine"], (item.get("time") or "")[:5] or None, item.get("dose_mg")]
            for item in medicines or []
            if item["medicine"] in CHECKED_MEDICINES
        ],
        hardly_slept_before=slept.get(before) == SleepQuality.HARDLY,
        heavy_days_before=sum(
            1 for pain in week if pain is not None and pain >= HEAVY_INTERFERENCE_AT_LEAST
        ),
        low_mood_card={
            "low": suggest_depression_screen_now({**moods, day: 1}, day),
            "other": suggest_depression_screen_now({**moods, day: 5}, day),
            "none": suggest_depression_screen_now(moods, day),
        },
        took_ibuprofen=DayLog.objects.filter(user=user, exposures__icontains=f'"{IBUPROFEN}"')
        .exclude(date=day)
        .exists(),
    )
