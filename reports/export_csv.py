"""Her log as a spreadsheet: one row per pain rating, feeding, exercise, medicine, habit and
the rest, a row for each day's sleep and pain interference, and her recovery: a row per
pelvic-floor session, symptom check, activity rated in a week and running test.

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

from reports.recovery_text import SYMPTOM_WORDS
from reports.summary import display_names
from tracker.day_page import short_time
from tracker.models import DayLog, User
from tracker.recovery import activities_of, function_weeks
from tracker.recovery_models import RunningReadiness

# A session's figures, each in the column of its name.
SESSION_FIELDS = ("level", "holds", "hold_seconds", "quick_squeezes", "effort")

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
    # Her recovery (issue 23): sessions, symptom checks, the function score, running tests.
    "level",
    "holds",
    "hold_seconds",
    "quick_squeezes",
    "effort",
    "check_context",
    "symptoms",
    "tummy_gap_fingers",
    "activity",
    "function_score",
    "running_test",
    "result",
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
    for row in [*rows(days, birth, names), *recovery_rows(user, start, end, birth)]:
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
        for session in day.pelvic_floor_sessions:
            yield {
                **base,
                "record": "pelvic_floor_session",
                "id": session["id"],
                "time": short_time(session.get("time")),
                **{field: session.get(field) for field in SESSION_FIELDS},
            }
        for check in day.symptom_checks:
            yield {
                **base,
                "record": "symptom_check",
                "id": check["id"],
                "time": short_time(check.get("time")),
                "check_context": check["context"],
                "symptoms": pgettext("list separator", ", ").join(
                    str(SYMPTOM_WORDS[key]) for key in check.get("symptoms") or ()
                ),
                "tummy_gap_fingers": check.get("tummy_gap_fingers"),
            }


def recovery_rows(user: User, start: date, end: date, birth: date | None) -> Iterator[dict]:
    """Her function score, a row per activity and week (dated by its Monday), and her running
    tests, a row each (dated by the day she did it)."""

    def base(day: date) -> dict:
        return {"date": day.isoformat(), "days_postpartum": (day - birth).days if birth else ""}

    names = {str(activity.uid): activity.name for activity in activities_of(user)}
    for week in function_weeks(user, start, end):
        for item in week.scores:
            yield {
                **base(week.week),
                "record": "function_score",
                "activity": names.get(item["activity"], item["activity"]),
                "function_score": item["score"],
            }
    sheet = RunningReadiness.objects.filter(user=user).first()
    for entry in sorted(sheet.tests if sheet else [], key=lambda entry: entry["date"]):
        day = date.fromisoformat(entry["date"])
        if start <= day <= end:
            yield {
                **base(day),
                "record": "running_test",
                "running_test": entry["test"],
                "result": entry["result"],
            }


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
