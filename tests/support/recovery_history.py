"""A known recovery for the report, export and browser tests: five weeks of timed sessions, the
checks, the function score and the running checklist, every figure worked out here.

From day 0 to day 34 (RECOVERY_END the last), 100 days after the birth on the last day:
- two level-1 sessions a day for the first week (she moves up to level 2 on day 7), then one a
  day at level 2, hard to finish every other day (so she stays there); a pain rating every
  day, 4 at first and 3 from day 14;
- a weekly check with nothing ticked on days 7 and 14, the tummy gap (3 fingers) on day 19,
  and leaking with a cough on day 29 (95 days after the birth: she steps back to level 1, and
  stress leaking past 3 months points to supervised training);
- two activities rated in the weeks of days 0 and 28: 3 and 3 (3.0), then 6 and 5 (5.5);
- the running checklist: four tests passed, hopping not passed (day 33).
"""

import uuid
from datetime import date, timedelta

from habits.catalogue import catalogue_keys
from tests.support.synthetic_history import EMPTY_DAY
from tracker import documents
from tracker.days import save_day
from tracker.models import User
from tracker.recovery import monday_of
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness
from tracker.serializers import DaySerializer

RECOVERY_END = date(2026, 10, 29)  # a Thursday
RECOVERY_DAYS = 35
BIRTH = RECOVERY_END - timedelta(days=100)
COT = uuid.UUID(int=7001)
CAR_SEAT = uuid.UUID(int=7002)


def recovery_day(index: int) -> dict:
    sessions = []
    for number in range(2 if index < 7 else 1):
        level = 1 if index < 7 else 2
        holds, seconds, quick = (5, 3, 5) if level == 1 else (6, 5, 6)
        sessions.append(
            {
                "id": str(uuid.UUID(int=5000 + index * 10 + number)),
                "time": "09:00",
                "level": level,
                "holds": holds,
                "hold_seconds": seconds,
                "quick_squeezes": quick,
                "effort": "hard" if index >= 7 and index % 2 else "comfortable",
            }
        )
    checks = []
    if index in (7, 14, 19, 29):
        checks.append(
            {
                "id": str(uuid.UUID(int=6000 + index)),
                "time": "10:00",
                "context": "tummy_gap" if index == 19 else "weekly",
                "symptoms": ["leak_cough_sneeze"] if index == 29 else [],
                "tummy_gap_fingers": 3 if index == 19 else None,
            }  # fmt: skip
        )
    pain = 4 if index < 14 else 3
    return {
        **EMPTY_DAY,
        "pain_ratings": [
            {
                "id": str(uuid.UUID(int=4000 + index)),
                "score": pain,
                "time": "08:00",
                "body_areas": ["lower_back"],
            }
        ],  # fmt: skip
        "pelvic_floor_sessions": sessions,
        "symptom_checks": checks,
    }


def write_recovery_history(user: User) -> date:
    """Write it through the same paths as the API; returns the last day."""
    user.profile.baby_birth_date = BIRTH
    user.profile.save()
    first = RECOVERY_END - timedelta(days=RECOVERY_DAYS - 1)
    for index in range(RECOVERY_DAYS):
        serializer = DaySerializer(
            data=recovery_day(index), context={"catalogue": catalogue_keys()}
        )
        serializer.is_valid(raise_exception=True)
        save_day(user, first + timedelta(days=index), serializer.validated_data)
    for uid, name, suggestion in (
        (COT, "Lifting the baby from the cot", "lift_baby_from_cot"),
        (CAR_SEAT, "Carrying the car seat", "carry_car_seat"),
    ):
        values = {"name": name, "suggestion": suggestion, "retired": False}
        documents.save_document(FunctionActivity, user, {"uid": uid}, values)
    for day, scores in ((first, (3, 3)), (first + timedelta(days=28), (6, 5))):
        rated = [{"activity": str(COT), "score": scores[0]},
                 {"activity": str(CAR_SEAT), "score": scores[1]}]  # fmt: skip
        documents.save_document(FunctionWeek, user, {"week": monday_of(day)}, {"scores": rated})
    tests = [
        {"test": key, "result": "passed", "date": (first + timedelta(days=30)).isoformat()}
        for key in ("walk_30_minutes", "single_leg_balance", "single_leg_squat", "jog_on_the_spot")
    ]
    tests.append(
        {
            "test": "hop_on_the_spot",
            "result": "failed",
            "date": (first + timedelta(days=33)).isoformat(),
        }
    )
    documents.save_document(RunningReadiness, user, {}, {"tests": tests})
    return RECOVERY_END


def forget_recovery(user: User) -> None:
    """Her recovery documents gone (her days are deleted with the day logs)."""
    for model in (FunctionActivity, FunctionWeek, RunningReadiness):
        model.objects.filter(user=user).delete()
