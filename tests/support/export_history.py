"""A known history for the export tests: every figure a report shows can be worked out here."""

import uuid
from datetime import date, timedelta

from habits.catalogue import catalogue_keys
from tests.support.synthetic_history import EMPTY_DAY
from tracker.days import save_day
from tracker.models import User
from tracker.serializers import DaySerializer

FIRST_DAY = date(2026, 8, 24)  # a Monday, 30 days after the birth
BIRTH = FIRST_DAY - timedelta(days=30)


def known_day(index: int) -> dict:
    """Day `index`: pain falls by a point a fortnight; two ratings, two feeds, one exercise.

    Paracetamol 500 mg on the first six weeks' mornings (and 1000 mg on every tenth day); a
    night of 4 to 6 hours, broken every third day, and none logged every seventh; pain gets
    in the way a point less than the morning's rating; the morning's pain goes down the leg
    every fifth day.
    """
    morning = max(0, 7 - index // 14)
    evening = max(0, morning - 2)
    supported = index % 2 == 0
    return {
        "mood": 2 if index % 10 == 0 else 4,
        "mood_tags": ["exhausted"] if index % 10 == 0 else [],
        "habits": ["bent_knees_lift"] + (["flat_shoes"] if index % 3 == 0 else []),
        "warning_signs": ["fever"] if index == 20 else [],
        "note": f"Day {index}: slept badly." if index % 7 == 0 else "",
        "pain_ratings": [
            {"id": str(uuid.UUID(int=index * 10 + 1)), "score": morning, "time": "07:30",
             "body_areas": ["lower_back"],
             "leg_symptoms": ["down_leg"] if index % 5 == 0 else []},
            {"id": str(uuid.UUID(int=index * 10 + 2)), "score": evening, "time": "19:00",
             "body_areas": ["lower_back", "pelvis"]},
        ],
        "feedings": [
            {"id": str(uuid.UUID(int=index * 10 + 3)), "time": "03:10", "position": "side_lying",
             "supports": [], "posture": "upright", "minutes": 20, "side": "left"},
            {"id": str(uuid.UUID(int=index * 10 + 4)), "time": "08:00", "position": "football",
             "supports": ["back_support"] if supported else [],
             "posture": "upright" if supported else "hunched", "minutes": 25, "side": "right"},
        ],
        "exercises": [
            {"id": str(uuid.UUID(int=index * 10 + 5)), "time": None,
             "exercise": "pelvic_floor", "reps": 10, "minutes": None},
        ],
        "medicines": [
            {"id": str(uuid.UUID(int=index * 10 + 6)), "time": "08:00",
             "medicine": "paracetamol", "name": "", "dose_mg": 1000 if index % 10 == 0 else 500},
        ] if index < 42 else [],
        "sleep_hours": None if index % 7 == 3 else 4 + (index % 5) * 0.5,
        "sleep_quality": "" if index % 7 == 3 else "woke_often" if index % 3 == 0 else "woke_few",
        "pain_interference": max(0, morning - 1),
        "pelvic_floor_sessions": [],
        "symptom_checks": [],
    }  # fmt: skip


def write_known_history(user: User, days: int = 91, first: date = FIRST_DAY) -> list[dict]:
    """Log `days` days from `first` through the same path as the API; returns what was sent."""
    user.profile.baby_birth_date = BIRTH
    user.profile.display_name = "Li Na"
    user.profile.delivery_type = "caesarean"
    user.profile.save()
    sent = []
    for index in range(days):
        body = known_day(index)
        serializer = DaySerializer(data=body, context={"catalogue": catalogue_keys()})
        serializer.is_valid(raise_exception=True)
        save_day(user, first + timedelta(days=index), serializer.validated_data)
        sent.append(body)
    return sent


def log_day(user: User, day: date, **fields) -> dict:
    """Log one day through the API's serializer: what is not given is left empty."""
    body = {**EMPTY_DAY, **fields}
    serializer = DaySerializer(data=body, context={"catalogue": catalogue_keys()})
    serializer.is_valid(raise_exception=True)
    save_day(user, day, serializer.validated_data)
    return body


def rating(score: int, time: str | None = "08:00", **fields) -> dict:
    return {"id": str(uuid.uuid4()), "score": score, "time": time, "body_areas": [], **fields}


def medicine(key: str, time: str | None = "08:00", dose_mg: int | None = None, name: str = ""):
    return {"id": str(uuid.uuid4()), "time": time, "medicine": key, "name": name,
            "dose_mg": dose_mg}  # fmt: skip


def write_new_fields_history(user: User) -> list[dict]:
    """Four weeks from FIRST_DAY with medicines, sleep, interference and leg symptoms whose
    every figure is worked out in the tests; the profile answers a doctor's first questions."""
    user.profile.baby_birth_date = BIRTH
    user.profile.display_name = "Li Na"
    user.profile.epidural = "yes"
    user.profile.back_pain_before_pregnancy = "no"
    user.profile.back_pain_in_pregnancy = "yes"
    user.profile.postnatal_check_done = "no"
    user.profile.save()
    sent = []
    for index in range(28):
        medicines = []
        if index % 2 == 0 and index < 24:  # paracetamol on 12 days, 2 x 500 mg, then 1000 mg
            medicines += [
                medicine("paracetamol", "08:00", 500),
                medicine("paracetamol", "20:00", 500),
            ]
        if index == 26:
            medicines.append(medicine("paracetamol", "09:30", 1000))
        if index in (3, 10, 17):  # ibuprofen on 3 days, no dose given
            medicines.append(medicine("ibuprofen", None))
        if index == 5:
            medicines.append(medicine("other_medicine", "12:00", 30, name="Codeine"))
        legs = ["down_leg"] if index < 5 else []
        legs += ["numb_tingling"] if index in (1, 2) else []
        sent.append(
            log_day(
                user,
                FIRST_DAY + timedelta(days=index),
                pain_ratings=[rating(6 - index // 7, "07:30", leg_symptoms=legs)],
                medicines=medicines,
                # Sleep logged on 20 of the 28 days: 5 h on the first 10, 7 h on the next 10.
                sleep_hours=(5.0 if index < 10 else 7.0) if index < 20 else None,
                # Quality on the first 16 days: broken on 6 of them.
                sleep_quality=("woke_often" if index < 6 else "woke_few") if index < 16 else "",
                # Interference: 8, 6, 4, 2 by week, every day but Sundays.
                pain_interference=8 - 2 * (index // 7) if index % 7 != 6 else None,
            )
        )
    return sent
