"""The CSV export opens cleanly in a spreadsheet and parses back to what she logged."""

import csv
import io
from collections import Counter
from datetime import timedelta

from reports.export_csv import render_csv
from tests.support.export_history import (
    FIRST_DAY,
    log_day,
    medicine,
    write_known_history,
    write_new_fields_history,
)
from tracker.days import save_day


def parse(content: bytes) -> list[dict]:
    assert content.startswith("\ufeff".encode()), "Excel needs the BOM to read Chinese names"
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_parses_back_to_the_same_counts(user):
    sent = write_known_history(user, days=30)
    rows = parse(render_csv(user, FIRST_DAY, FIRST_DAY + timedelta(days=29)))
    counts = Counter(row["record"] for row in rows)
    assert counts["pain"] == sum(len(day["pain_ratings"]) for day in sent)
    assert counts["feeding"] == sum(len(day["feedings"]) for day in sent)
    assert counts["exercise"] == sum(len(day["exercises"]) for day in sent)
    assert counts["habit"] == sum(len(day["habits"]) for day in sent)
    assert counts["warning_sign"] == 1 and counts["mood"] == 30
    assert counts["note"] == sum(1 for day in sent if day["note"])
    # Every row says its day; a rating keeps its id, time, score and areas.
    first = rows[0]
    assert first == {
        **first,
        "date": FIRST_DAY.isoformat(),
        "days_postpartum": "30",
        "record": "pain",
        "id": sent[0]["pain_ratings"][0]["id"],
        "time": "07:30",
        "pain_score": "7",
        "body_areas": "Lower back",
    }
    scores = [int(row["pain_score"]) for row in rows if row["record"] == "pain"]
    assert scores == [r["score"] for day in sent for r in day["pain_ratings"]]


def test_only_the_chosen_days_are_exported(user):
    write_known_history(user, days=10)
    rows = parse(render_csv(user, FIRST_DAY + timedelta(days=2), FIRST_DAY + timedelta(days=3)))
    assert {row["date"] for row in rows} == {
        (FIRST_DAY + timedelta(days=2)).isoformat(),
        (FIRST_DAY + timedelta(days=3)).isoformat(),
    }


def test_a_note_that_looks_like_a_formula_stays_text(user):
    save_day(user, FIRST_DAY, {"mood": None, "mood_tags": [], "habits": [],
                               "warning_signs": [], "note": "=HYPERLINK(\"http://x\")",
                               "pain_ratings": [], "feedings": [], "exercises": []})  # fmt: skip
    [row] = parse(render_csv(user, FIRST_DAY, FIRST_DAY))
    assert row["note"] == '\'=HYPERLINK("http://x")'


def test_nobody_elses_days_are_in_her_csv(user, other_user):
    write_known_history(other_user, days=5)
    assert parse(render_csv(user, FIRST_DAY, FIRST_DAY + timedelta(days=5))) == []


def test_medicines_sleep_interference_and_leg_symptoms_have_their_rows(user):
    sent = write_new_fields_history(user)
    rows = parse(render_csv(user, FIRST_DAY, FIRST_DAY + timedelta(days=27)))
    counts = Counter(row["record"] for row in rows)
    assert counts["medicine"] == sum(len(day["medicines"]) for day in sent)
    assert counts["sleep"] == 20  # days with hours or a quality
    assert counts["interference"] == 24
    first_day = [row for row in rows if row["date"] == FIRST_DAY.isoformat()]
    pain, morning, evening, sleep, interference = first_day
    assert (pain["record"], pain["leg_symptoms"]) == ("pain", "down_leg")
    assert morning == {
        **morning,
        "record": "medicine",
        "id": sent[0]["medicines"][0]["id"],
        "time": "08:00",
        "medicine": "Paracetamol",
        "medicine_name": "",
        "dose_mg": "500",
    }
    assert evening["time"] == "20:00"
    assert (sleep["record"], sleep["sleep_hours"], sleep["sleep_quality"]) == (
        "sleep", "5", "woke_often",
    )  # fmt: skip
    assert (interference["record"], interference["pain_interference"]) == ("interference", "8")
    other = next(row for row in rows if row["medicine_name"])
    assert (other["medicine"], other["medicine_name"], other["dose_mg"]) == (
        "Other medicine", "Codeine", "30",
    )  # fmt: skip
    both = next(row for row in rows if row["record"] == "pain" and "numb" in row["leg_symptoms"])
    assert both["leg_symptoms"] == "down_leg, numb_tingling"
    # The last sleep row: hours without a quality.
    assert [r["sleep_hours"] for r in rows if r["record"] == "sleep"][-1] == "7"


def test_half_hours_and_a_free_medicine_name_that_looks_like_a_formula(user):
    formula = '=HYPERLINK("http://x")'
    log_day(user, FIRST_DAY, sleep_hours=6.5, medicines=[medicine("other_medicine", name=formula)])
    rows = parse(render_csv(user, FIRST_DAY, FIRST_DAY))
    medicine_row, sleep_row = rows
    assert medicine_row["medicine_name"] == '\'=HYPERLINK("http://x")'
    assert medicine_row["dose_mg"] == ""
    assert (sleep_row["sleep_hours"], sleep_row["sleep_quality"]) == ("6.5", "")


def test_the_old_columns_keep_their_places(user):
    write_known_history(user, days=1)
    content = render_csv(user, FIRST_DAY, FIRST_DAY).decode("utf-8-sig")
    header = content.split("\r\n")[0].split(",")
    assert header[:19] == [
        "date", "days_postpartum", "record", "id", "time", "pain_score", "body_areas",
        "position", "supports", "posture", "side", "exercise", "reps", "minutes", "habit",
        "mood", "mood_tags", "warning_sign", "note",
    ]  # fmt: skip
    assert header[19:26] == [
        "medicine", "medicine_name", "dose_mg", "sleep_hours", "sleep_quality",
        "pain_interference", "leg_symptoms",
    ]  # fmt: skip
    assert header[26:] == [
        "level", "holds", "hold_seconds", "quick_squeezes", "effort", "check_context",
        "symptoms", "tummy_gap_fingers", "activity", "function_score", "running_test", "result",
    ]  # fmt: skip
