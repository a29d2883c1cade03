"""Days as a client sends them."""

import uuid

from tracker.models import DAY_FIELDS, DayLog


def empty_day() -> dict:
    """A whole day with nothing logged, every field a PUT needs (tracker.models.DAY_FIELDS)."""
    return {field: DayLog._meta.get_field(field).get_default() for field in DAY_FIELDS}


def new_id() -> str:
    return str(uuid.uuid4())


def realistic_day() -> dict:
    """A full day as the Today page sends it."""
    return {
        "mood": 3,
        "mood_tags": ["exhausted"],
        "habits": ["bent_knees_lift", "flat_shoes"],
        "warning_signs": [],
        "note": "Bad night, better after a walk.",
        "pain_ratings": [
            {"id": new_id(), "score": 6, "time": "07:30", "body_areas": ["lower_back"]},
            {"id": new_id(), "score": 4, "time": "19:00", "body_areas": ["lower_back", "pelvis"]},
        ],
        "feedings": [
            {
                "id": new_id(),
                "time": "03:10",
                "position": "side_lying",
                "supports": [],
                "posture": "upright",
                "minutes": 20,
                "side": "left",
            },
            {
                "id": new_id(),
                "time": "08:00",
                "position": "football",
                "supports": ["back_support", "pillow_under_baby"],
                "posture": "upright",
                "minutes": 25,
                "side": "right",
            },
        ],
        "exercises": [
            {"id": new_id(), "exercise": "pelvic_floor", "reps": 10},
            {"id": new_id(), "exercise": "walking", "minutes": 20},
        ],
        "medicines": [
            {"id": new_id(), "time": "07:45", "medicine": "paracetamol", "dose_mg": 500},
        ],
        "sleep_hours": 5.5,
        "sleep_quality": "woke_often",
        "pain_interference": 4,
        "pelvic_floor_sessions": [
            {"id": new_id(), "time": "10:00", "level": 2, "holds": 6, "hold_seconds": 5,
             "quick_squeezes": 6, "effort": "comfortable"},
        ],
        "symptom_checks": [
            {"id": new_id(), "time": "10:05", "context": "after_session", "symptoms": []},
        ],
    }  # fmt: skip
