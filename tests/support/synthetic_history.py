"""Diaries with a known answer: pain on a recovery curve plus noise, habits and effects planted.

Used by the insights tests and the insights benchmark. Days are created together
(tracker.days.create_days), so long histories load quickly.
"""

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from habits.catalogue_data import CATALOGUE
from habits.models import CatalogueItem
from tracker.days import create_days
from tracker.models import User

# What a feeding, an exercise or a habit key belongs to, for building a day's items. Read from
# the catalogue, so every key lands where the API would put it (it refuses an exercise among
# the habits) and an item added to the catalogue needs no change here.
Kind = CatalogueItem.Kind
POSITIONS = tuple(key for kind, key, *_rest in CATALOGUE if kind == Kind.POSITION)
SUPPORTS = tuple(key for kind, key, *_rest in CATALOGUE if kind == Kind.SUPPORT)
# Each exercise with its unit: repetitions, or minutes (walking, swimming, ...).
EXERCISES = {
    key: unit for kind, key, _en, _zh, unit, _urgency in CATALOGUE if kind == Kind.EXERCISE
}
MEDICINES = tuple(key for kind, key, *_rest in CATALOGUE if kind == Kind.MEDICINE)
# Planted as keys too, but logged as last night's sleep: under 6 hours, badly broken.
SLEEP_KEYS = ("short_sleep", "broken_sleep")
# Planted as a key, logged as a timed pelvic-floor session (the day's "pelvic_floor" exposure).
PELVIC_FLOOR_SESSION = "pelvic_floor_session"


# A day with nothing logged, as the API stores it; a day's items are laid over it.
EMPTY_DAY = {
    "mood": None,
    "mood_tags": [],
    "habits": [],
    "warning_signs": [],
    "note": "",
    "pain_ratings": [],
    "feedings": [],
    "exercises": [],
}


def recovery_curve(days_since_birth: int) -> float:
    """Typical pain after a birth: falls fast over the first weeks, then levels off."""
    return 2.0 + 5.5 * math.exp(-days_since_birth / 25)


@dataclass
class Plan:
    """How each day is made. `chance` gives each key's probability on a day (by day since
    birth); `same_day` and `next_day` add points to pain when the key happened."""

    days: int = 120
    birth_days_before_start: int = 0
    missing: float = 0.1
    noise: float = 1.0
    chance: dict[str, Callable[[int], float]] = field(default_factory=dict)
    same_day: dict[str, float] = field(default_factory=dict)
    next_day: dict[str, float] = field(default_factory=dict)
    low_mood: Callable[[int], float] = lambda day: 0.0
    # The chance she logs last night's sleep; None: sleep is never logged (and no random
    # number is drawn for it, so older plans make the same diaries).
    sleep_logged: Callable[[int], float] | None = None


def write_history(user: User, end: date, plan: Plan, seed: int = 1) -> date:
    """Write the diary ending on `end`; returns the first day. Sets her baby's birth date."""
    rng = random.Random(seed)
    start = end - timedelta(days=plan.days - 1)
    birth = start - timedelta(days=plan.birth_days_before_start)
    user.profile.baby_birth_date = birth
    user.profile.save(update_fields=["baby_birth_date"])
    happened_yesterday: set[str] = set()
    rows = []
    for offset in range(plan.days):
        day = start + timedelta(days=offset)
        since_birth = (day - birth).days
        happened = {
            key for key, chance in plan.chance.items() if rng.random() < chance(since_birth)
        }
        pain = recovery_curve(since_birth) + rng.gauss(0, plan.noise)
        pain += sum(points for key, points in plan.same_day.items() if key in happened)
        pain += sum(points for key, points in plan.next_day.items() if key in happened_yesterday)
        happened_yesterday = happened
        if rng.random() < plan.missing:
            continue
        mood = 2 if rng.random() < plan.low_mood(since_birth) else 4
        sleep = {}
        if plan.sleep_logged is not None and rng.random() < plan.sleep_logged(since_birth):
            sleep = {
                "sleep_hours": 5.0 if "short_sleep" in happened else 7.5,
                "sleep_quality": "woke_often" if "broken_sleep" in happened else "woke_few",
            }
        rows.append((day, {**EMPTY_DAY, "mood": mood, **items(happened, pain, rng), **sleep}))
    create_days(user, rows)
    return start


def items(happened: set[str], pain: float, rng: random.Random) -> dict:
    """A day's JSON items holding these keys; two ratings whose mean is `pain` to the half."""
    score = min(20, max(0, round(pain * 2)))
    ratings = [score // 2, score - score // 2]
    supports = [key for key in SUPPORTS if key in happened]
    positions = [key for key in POSITIONS if key in happened] or ["cradle"]
    return {
        "pain_ratings": [
            {"id": str(uuid.uuid4()), "score": value, "time": None, "body_areas": ["lower_back"]}
            for value in ratings
        ],
        "feedings": [
            {
                "id": str(uuid.uuid4()),
                "time": None,
                "position": position,
                "supports": supports,
                "posture": "hunched" if "hunched" in happened else "upright",
                "minutes": rng.randint(10, 30),
                "side": "",
            }
            for position in positions
        ],
        "exercises": [exercise(key) for key in EXERCISES if key in happened],
        "medicines": [
            {"id": str(uuid.uuid4()), "time": None, "medicine": key, "name": "", "dose_mg": 500}
            for key in MEDICINES
            if key in happened and key != "other_medicine"
        ],
        "pelvic_floor_sessions": [
            {
                "id": str(uuid.uuid4()),
                "time": None,
                "level": 2,
                "holds": 6,
                "hold_seconds": 5,
                "quick_squeezes": 6,
                "effort": "",
            }
        ]
        if PELVIC_FLOOR_SESSION in happened
        else [],  # fmt: skip
        "habits": sorted(
            happened
            - {*SUPPORTS, *POSITIONS, *EXERCISES, *MEDICINES, *SLEEP_KEYS}
            - {"hunched", PELVIC_FLOOR_SESSION}
        ),
    }


def exercise(key: str) -> dict:
    """One exercise item, counted in the unit the catalogue gives it."""
    in_minutes = EXERCISES[key] == CatalogueItem.Unit.MINUTES
    return {
        "id": str(uuid.uuid4()),
        "time": None,
        "exercise": key,
        "reps": None if in_minutes else 10,
        "minutes": 20 if in_minutes else None,
    }
