"""A demo account with eight weeks of believable history, for the embedded defaults only.

Pain drifts down from about 6 to about 2 as a recovery curve with day-to-day noise; supported
feeding and walking go with slightly lower pain, so every page has something true to show.
Nights lengthen from about 4 hours to about 6; paracetamol is taken most on the worse days of
the first weeks, and how much pain gets in the way follows the pain. Her pelvic-floor sessions,
checks and function score are tracker.demo_recovery's.
"""

import math
import random
import uuid
import zoneinfo
from datetime import date, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from habits.catalogue import catalogue_keys
from tracker import days, demo_recovery
from tracker.demo_recovery import demo_recovery_items
from tracker.models import DayLog, User
from tracker.serializers import DaySerializer
from tracker.signals import signed_up

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-backcare"
HISTORY_DAYS = 56
NOTES = [
    "Long night, baby fed every two hours.",
    "Tried the football hold with a pillow: easier on my back.",
    "Walked to the park with the pram.",
    "Ask the midwife about the ache after lifting the car seat.",
    "Physio said to keep up the pelvic-floor squeezes.",
    "Felt more like myself today.",
]


def local_zone_name() -> str:
    try:
        name = Path("/etc/timezone").read_text().strip()
    except OSError:
        name = ""
    return name if name in zoneinfo.available_timezones() else "UTC"


def ensure_demo_account() -> tuple[User, bool]:
    """Create the demo account, or refresh its history when it no longer reaches today.

    Returns the user and whether its history was (re)built.
    """
    if not settings.DEMO_ENABLED:
        raise ImproperlyConfigured("The demo account exists only on the embedded defaults.")
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            DEMO_EMAIL,
            DEMO_PASSWORD,
            display_name="Demo",
            delivery_type="vaginal",
            feeding_mode="breast",
            time_zone=local_zone_name(),
        )
        signed_up.send(sender=User, user=user)
    today = user.profile.local_today()
    newest = user.day_logs.order_by("-date").values_list("date", flat=True).first()
    if newest is not None and newest >= today - timedelta(days=1):
        return user, False
    user.profile.baby_birth_date = today - timedelta(days=HISTORY_DAYS + 3)
    user.profile.save(update_fields=["baby_birth_date"])
    build_history(user, today)
    return user, True


def build_history(user: User, today: date) -> None:
    DayLog.objects.filter(user=user).delete()
    rng = random.Random(20260101)
    recovery_rng = random.Random(demo_recovery.SEED)
    context = {"profile": user.profile, "catalogue": catalogue_keys()}
    history = []
    for offset in range(HISTORY_DAYS, 0, -1):
        progress = (HISTORY_DAYS - offset) / HISTORY_DAYS
        day = today - timedelta(days=offset)
        after_birth = user.profile.days_postpartum(day) or 0
        body = {**demo_day(rng, progress), **demo_recovery_items(recovery_rng, after_birth)}
        serializer = DaySerializer(data=body, context=context)
        serializer.is_valid(raise_exception=True)
        history.append((day, serializer.validated_data))
    days.create_days(user, history)
    demo_recovery.build_function_score(user, today)


def demo_day(rng: random.Random, progress: float) -> dict:
    """One day's log at `progress` (0 at the start of the history, 1 at its end)."""
    supported_share = 0.25 + 0.55 * progress
    feedings = [demo_feeding(rng, supported_share) for _ in range(rng.randint(5, 8))]
    supported = sum("back_support" in f["supports"] for f in feedings) / len(feedings)
    walked = progress > 0.1 and rng.random() < 0.3 + 0.5 * progress
    exercises = demo_exercises(rng, progress, walked)

    trend = 3 + 4.3 * math.exp(-3.5 * progress)
    base = trend - 0.8 * supported - (0.5 if walked else 0) + rng.gauss(0, 0.7)
    ratings = []
    for hour in sorted(rng.sample([7, 11, 15, 19, 22], rng.randint(1, 3))):
        score = round(min(10, max(0, base + rng.gauss(0, 0.5))))
        areas = ["lower_back"] + (["pelvis"] if rng.random() < 0.3 else [])
        if rng.random() < 0.15:
            areas.append("upper_back")
        ratings.append(
            item(
                score=score,
                time=f"{hour:02d}:{rng.randint(0, 59):02d}",
                body_areas=areas,
                leg_symptoms=demo_leg_symptoms(rng, score),
            )
        )

    mood = max(1, min(5, round(4.2 - 0.35 * base + rng.gauss(0, 0.6))))
    tags = [
        tag
        for tag, p in (
            ("exhausted", 0.5 - 0.3 * progress),
            ("anxious", 0.2),
            ("supported", 0.3 + 0.3 * progress),
        )
        if rng.random() < p
    ]
    habits = [key for key, p in HABIT_CHANCES if rng.random() < p(progress)]
    return {
        "mood": mood,
        "mood_tags": tags,
        "habits": habits,
        "warning_signs": [],
        "note": rng.choice(NOTES) if rng.random() < 0.15 else "",
        "pain_ratings": ratings,
        "feedings": feedings,
        "exercises": exercises,
        "medicines": demo_medicines(rng, base),
        **demo_night(rng, progress),
        "pain_interference": demo_interference(rng, base),
    }


# Some days she does not fill in the night or the interference: the pages must cope.
SKIPPED_SHARE = 0.1


def demo_leg_symptoms(rng: random.Random, score: int) -> list[str]:
    """Pain down the leg now and then on a bad rating; numbness rarely."""
    if score < 6 or rng.random() > 0.25:
        return []
    return ["down_leg"] + (["numb_tingling"] if rng.random() < 0.2 else [])


def demo_medicines(rng: random.Random, pain: float) -> list[dict]:
    """Paracetamol on the worse days, twice on the worst; ibuprofen or another rarely."""
    taken = []
    if rng.random() < min(0.9, max(0.0, (pain - 2.5) / 4)):
        dose = 1000 if pain > 5.5 else 500
        taken.append(item(time="08:30", medicine="paracetamol", name="", dose_mg=dose))
        if pain > 5.5 and rng.random() < 0.6:
            taken.append(item(time="20:00", medicine="paracetamol", name="", dose_mg=dose))
    if pain > 4 and rng.random() < 0.1:
        taken.append(item(time="13:00", medicine="ibuprofen", name="", dose_mg=400))
    if rng.random() < 0.08:
        taken.append(item(time=None, medicine="other_medicine", name="Iron tablets", dose_mg=None))
    return taken


def demo_night(rng: random.Random, progress: float) -> dict:
    """Last night: 3 to 7 hours in half hours, longer as the baby grows; broken when short."""
    if rng.random() < SKIPPED_SHARE:
        return {"sleep_hours": None, "sleep_quality": ""}
    hours = min(7.0, max(3.0, round((3.8 + 2.4 * progress + rng.gauss(0, 0.7)) * 2) / 2))
    if hours < 4.5:
        quality = "hardly" if rng.random() < 0.4 else "woke_often"
    elif hours < 5.5:
        quality = "woke_often"
    elif hours < 6.5:
        quality = "woke_few"
    else:
        quality = rng.choice(["woke_few", "unbroken"])
    return {"sleep_hours": hours, "sleep_quality": quality}


def demo_interference(rng: random.Random, pain: float) -> int | None:
    if rng.random() < SKIPPED_SHARE:
        return None
    return round(min(10, max(0, pain - 0.5 + rng.gauss(0, 0.8))))


HABIT_CHANCES = [
    ("bent_knees_lift", lambda p: 0.4 + 0.4 * p),
    ("waist_height_changing", lambda p: 0.6),
    ("baby_to_breast", lambda p: 0.3 + 0.4 * p),
    ("moved_regularly", lambda p: 0.3 + 0.3 * p),
    ("flat_shoes", lambda p: 0.7),
    ("lower_back_warm", lambda p: 0.4),
    ("warm_compress", lambda p: 0.3 * (1 - p)),
    ("rested", lambda p: 0.5),
    ("balanced_meals", lambda p: 0.6),
    ("asked_for_help", lambda p: 0.35),
]
POSITIONS = ["cradle", "cross_cradle", "football", "side_lying", "laid_back"]


def item(**fields) -> dict:
    return {"id": str(uuid.uuid4()), **fields}


def demo_feeding(rng: random.Random, supported_share: float) -> dict:
    supports = []
    if rng.random() < supported_share:
        supports.append("back_support")
    if rng.random() < supported_share * 0.8:
        supports.append("pillow_under_baby")
    if rng.random() < 0.25:
        supports.append("footstool")
    moment = time(rng.randint(0, 23), rng.choice([0, 15, 30, 45]))
    return item(
        time=moment.strftime("%H:%M"),
        position=rng.choice(POSITIONS),
        supports=supports,
        posture="upright" if supports or rng.random() < 0.4 else "hunched",
        minutes=rng.randint(10, 35),
        side=rng.choice(["left", "right", "both"]),
    )


def demo_exercises(rng: random.Random, progress: float, walked: bool) -> list[dict]:
    exercises = []
    if rng.random() < 0.5 + 0.4 * progress:
        exercises.append(item(exercise="pelvic_floor", reps=rng.choice([8, 10, 10, 12])))
    if rng.random() < 0.6:
        exercises.append(item(exercise="deep_core_breathing", reps=rng.choice([5, 10])))
    if progress > 0.35 and rng.random() < 0.5:
        exercises.append(item(exercise="knee_to_chest", reps=rng.choice([5, 8, 10])))
    if progress > 0.5 and rng.random() < 0.4:
        exercises.append(item(exercise="pelvic_tilt", reps=10))
    if walked:
        exercises.append(item(exercise="walking", minutes=rng.randint(10, 20) + int(25 * progress)))
    return exercises
