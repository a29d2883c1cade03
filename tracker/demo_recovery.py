"""The demo account's recovery: timed pelvic-floor sessions from the third week after the
birth, climbing a level about once a week; a weekly symptom check with nothing ticked; the
tummy gap at 6 and 8 weeks, narrowing; and a function score of three activities rated weekly
for the last four weeks, getting easier. Its own random numbers, so the rest of the demo
history stays as it was."""

import random
import uuid
from datetime import date, timedelta

from habits.pelvic_floor import level as level_of
from tracker import documents
from tracker.models import User
from tracker.recovery import monday_of
from tracker.recovery_models import FunctionActivity, FunctionWeek

SEED = 20261223
SESSIONS_FROM_DAY = 14  # days after the birth
ACTIVITIES = (
    ("lift_baby_from_cot", "Lifting the baby from the cot", 3),
    ("carry_car_seat", "Carrying the car seat", 2),
    ("get_up_from_floor", "Getting up off the floor", 4),
)


def demo_recovery_items(rng: random.Random, days_after_birth: int) -> dict:
    """A day's sessions and checks, `days_after_birth` days after the birth."""
    if days_after_birth < SESSIONS_FROM_DAY:
        return {}
    number = min(5, 1 + (days_after_birth - SESSIONS_FROM_DAY) // 8)
    plan = level_of(number)
    sessions = [
        {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "time": f"{hour:02d}:{rng.randint(0, 59):02d}",
            "level": number,
            "holds": plan.holds,
            "hold_seconds": plan.hold_seconds,
            "quick_squeezes": plan.quick_squeezes,
            "effort": "comfortable",
        }
        for hour in (8, 13, 19)
        if rng.random() < 0.8
    ]
    checks = []
    if days_after_birth % 7 == 0:
        checks.append(check(rng, "weekly"))
    if days_after_birth in (42, 56):
        checks.append(check(rng, "tummy_gap", 3 if days_after_birth == 42 else 2))
    return {"pelvic_floor_sessions": sessions, "symptom_checks": checks}


def check(rng: random.Random, context: str, fingers: int | None = None) -> dict:
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "time": "20:00",
        "context": context,
        "symptoms": [],
        "tummy_gap_fingers": fingers,
    }


def build_function_score(user: User, today: date) -> None:
    """Three activities rated weekly for the last four weeks, a point or so better each."""
    rng = random.Random(SEED + 1)
    FunctionActivity.objects.filter(user=user).delete()
    FunctionWeek.objects.filter(user=user).delete()
    uids = []
    for key, name, _start in ACTIVITIES:
        uid = uuid.UUID(int=rng.getrandbits(128), version=4)
        uids.append(uid)
        values = {"name": name, "suggestion": key, "retired": False}
        documents.save_document(FunctionActivity, user, {"uid": uid}, values)
    for weeks_ago in range(3, -1, -1):
        progress = 3 - weeks_ago
        scores = [
            {"activity": str(uid), "score": min(10, start + progress + rng.randint(0, 1))}
            for uid, (_key, _name, start) in zip(uids, ACTIVITIES, strict=True)
        ]
        monday = monday_of(today) - timedelta(weeks=weeks_ago)
        documents.save_document(FunctionWeek, user, {"week": monday}, {"scores": scores})
