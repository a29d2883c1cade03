"""The CSV export opens cleanly in a spreadsheet and parses back to what she logged."""

import csv
import io
from collections import Counter
from datetime import timedelta

from reports.export_csv import render_csv
from tests.export_history import FIRST_DAY, write_known_history
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
