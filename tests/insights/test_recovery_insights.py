"""Timed pelvic-floor sessions are an exposure like any habit: the same trend-adjusted
comparison, the same correction for many comparisons, the same 2-point headline. Planted in
synthetic diaries with a known answer (tests/synthetic_history.py)."""

from datetime import date

import pytest

from tests.support.synthetic_history import PELVIC_FLOOR_SESSION, Plan, write_history
from tracker.models import DayLog

pytestmark = pytest.mark.django_db

END = date(2026, 11, 20)


def sessions_effect(api, start: date) -> dict:
    response = api.get("/api/v1/insights/", {"from": start.isoformat(), "to": END.isoformat()})
    assert response.status_code == 200
    data = response.json()
    return next(e for e in data["effects"] if e["key"] == "pelvic_floor" and e["lag"] == 0)


def plan(points: float) -> Plan:
    return Plan(
        days=120,
        chance={PELVIC_FLOOR_SESSION: lambda day: 0.5},
        same_day={PELVIC_FLOOR_SESSION: points},
    )


def test_sessions_that_lower_pain_by_2_points_are_found(api, user):
    start = write_history(user, END, plan(-2.0), seed=7)
    effect = sessions_effect(api, start)
    assert effect["name"] == "Pelvic-floor squeezes" and effect["kind"] == "exercise"
    assert effect["clear_after_correction"] and effect["low"] <= -2.0 <= effect["high"]
    assert effect["could_be_meaningful"]
    rated = DayLog.objects.filter(user=user, pain_count__gt=0)
    with_sessions = sum(1 for day in rated if day.pelvic_floor_sessions)
    assert effect["days_with"] == with_sessions


def test_sessions_with_a_larger_effect_are_a_headline_in_careful_words(api, user):
    start = write_history(user, END, plan(-3.0), seed=7)
    effect = sessions_effect(api, start)
    assert effect["group"] == "less" and effect["meaningful"]
    assert "went with" in effect["sentence"] or "lower" in effect["sentence"]
    assert "helps" not in effect["sentence"] and "causes" not in effect["sentence"]


def test_sessions_with_no_effect_are_not_headlined(api, user):
    """Twenty diaries where sessions change nothing (taken up over the weeks in half of them,
    which a naive comparison would credit with the recovery): at most one headline."""
    headlines = 0
    for seed in range(20):
        DayLog.objects.filter(user=user).delete()
        rising = seed % 2 == 0
        chance = (lambda day: min(0.9, 0.1 + day / 100)) if rising else (lambda day: 0.5)
        diary = Plan(days=90, noise=1.5, chance={PELVIC_FLOOR_SESSION: chance})
        start = write_history(user, END, diary, seed=300 + seed)
        effect = sessions_effect(api, start)
        headlines += effect["group"] in ("less", "more")
    assert headlines <= 1
