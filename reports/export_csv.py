"""Her log as a spreadsheet: one row per pain rating, feeding, exercise, medicine, habit and
the rest, and a row for each day's sleep and pain interference.

Every row carries the day, so the file sorts, filters and pivots cleanly. Fixed values are
written as their codes (posture "hunched", sleep quality "woke_often", leg symptoms
"down_leg"), catalogue items by their name in her language; columns added later come last, so
a sheet built on an older export keeps its columns. Written as UTF-8 with
a byte-order mark, which Excel needs to read Chinese names, and with CRLF line ends (RFC 4180).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.utils.translation import pgettext

from reports.summary import display_names
from tracker.day_page import short_time
from tracker.models import DayLog, User

COLUMNS = [
    "date",
    "days_postpartum",
    "record",
    "id",
    "time",
    "pain_score",
    "body_areas",
    "position",
    "supports",
    "posture",
    "side",
    "exercise",
    "reps",
    "minutes",
    "habit",
    "mood",
    "mood_tags",
    "warning_sign",
    "note",
    "medicine",
    "medicine_name",
    "dose_mg",
    "sleep_hours",
    "sleep_quality",
    "pain_interference",
    "leg_symptoms",
]
# A cell that starts like a formula would run as one in a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(user: User, start: date, end: date) -> bytes:
    days = DayLog.objects.filter(user=user, date__gte=start, date__lte=end).order_by("date")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    birth = user.profile.baby_birth_date
    names = display_names()
    for row in rows(days, birth, names):
        writer.writerow({column: safe(value) for column, value in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode()


def rows(days: Iterable[DayLog], birth: date | None, names: dict[str, str]) -> Iterator[dict]:
    def name(key: str) -> str:
        return names.get(key, key)

    def joined(keys: Iterable[str]) -> str:
        return pgettext("list separator", ", ").join(name(key) for key in keys)

    for day in days:
        base = {
            "date": day.date.isoformat(),
            "days_postpartum": (day.date - birth).days if birth else "",
        }
        for rating in day.pain_ratings:
            yield {
                **base,
                "record": "pain",
                "id": rating["id"],
                "time": short_time(rating["time"]),
                "pain_score": rating["score"],
                "body_areas": joined(rating.get("body_areas") or ()),
                "leg_symptoms": joined(rating.get("leg_symptoms") or ()),
            }
        for feeding in day.feedings:
            yield {
                **base,
                "record": "feeding",
                "id": feeding["id"],
                "time": short_time(feeding["time"]),
                "position": name(feeding["position"]),
                "supports": joined(feeding.get("supports") or ()),
                "posture": feeding.get("posture", ""),
                "side": feeding.get("side", ""),
                "minutes": feeding.get("minutes"),
            }
        for exercise in day.exercises:
            yield {
                **base,
                "record": "exercise",
                "id": exercise["id"],
                "time": short_time(exercise.get("time")),
                "exercise": name(exercise["exercise"]),
                "reps": exercise.get("reps"),
                "minutes": exercise.get("minutes"),
            }
        for medicine in day.medicines:
            yield {
                **base,
                "record": "medicine",
                "id": medicine["id"],
                "time": short_time(medicine.get("time")),
                "medicine": name(medicine["medicine"]),
                "medicine_name": medicine.get("name", ""),
                "dose_mg": medicine.get("dose_mg"),
            }
        if day.sleep_hours is not None or day.sleep_quality:
            yield {
                **base,
                "record": "sleep",
                # 7.0 as 7, 6.5 as 6.5: halves are all there is.
                "sleep_hours": "" if day.sleep_hours is None else f"{day.sleep_hours:g}",
                "sleep_quality": day.sleep_quality,
            }
        if day.pain_interference is not None:
            yield {**base, "record": "interference", "pain_interference": day.pain_interference}
        for habit in day.habits:
            yield {**base, "record": "habit", "habit": name(habit)}
        if day.mood is not None or day.mood_tags:
            yield {**base, "record": "mood", "mood": day.mood, "mood_tags": joined(day.mood_tags)}
        for sign in day.warning_signs:
            yield {**base, "record": "warning_sign", "warning_sign": name(sign)}
        if day.note:
            yield {**base, "record": "note", "note": day.note}


def safe(value) -> str:
    """The cell as text; one that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not is_number(text):
        return "'" + text
    return text


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
