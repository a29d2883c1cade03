"""The symptom rules, the flare rule and the running checklist, each at its edges, and each
citing its guidance."""

from datetime import date, timedelta

import pytest

from habits import running_readiness as running
from habits.recovery_rules import (
    FLARE_POINTS,
    NEW_EXERCISE_AFTER_DAYS,
    RULES,
    STEP_BACK_SYMPTOMS,
    SYMPTOM_KEYS,
    THREE_MONTHS_DAYS,
    TUMMY_GAP_CHECK_FROM_DAYS,
    PainDay,
    check_due,
    pain_flares,
    step_back_reasons,
    symptom_suggestions,
    tummy_gap_due,
)

DAY = date(2026, 11, 2)


def rules_of(check: dict, days_postpartum: int | None = 40) -> list[str]:
    return [s.rule for s in symptom_suggestions(check, DAY, days_postpartum)]


def test_every_rule_cites_its_guidance():
    cited = {key: rule.source for key, rule in RULES.items()}
    assert "NICE NG210" in cited["symptoms_step_back"]
    assert "Goom" in cited["symptoms_step_back"]
    assert "NICE NG210" in cited["leaking_at_3_months"]
    assert "at least 3 months" in cited["leaking_at_3_months"]
    assert "Farrar" in cited["pain_after_new_exercise"]
    assert "NHS" in cited["tummy_gap_at_8_weeks"]
    assert "Goom" in cited["running_test_failed"] and "Goom" in cited["front_pelvic_pain"]


@pytest.mark.parametrize("symptom", STEP_BACK_SYMPTOMS)
def test_leaking_heaviness_or_doming_steps_her_back_and_suggests_a_physio(symptom):
    assert rules_of({"symptoms": [symptom]}) == ["symptoms_step_back"]
    (suggestion,) = symptom_suggestions({"symptoms": [symptom]}, DAY, 40)
    assert suggestion.detail == symptom and step_back_reasons([suggestion], DAY)


def test_a_check_with_nothing_ticked_suggests_nothing():
    assert rules_of({"symptoms": []}) == []


def test_front_of_pelvis_pain_points_to_a_physio_without_stepping_back():
    suggestions = symptom_suggestions({"symptoms": ["front_pelvic_pain"]}, DAY, 40)
    assert [s.rule for s in suggestions] == ["front_pelvic_pain"]
    assert step_back_reasons(suggestions, DAY) == []


@pytest.mark.parametrize(
    ("symptom", "days_postpartum", "fires"),
    [
        ("leak_cough_sneeze", THREE_MONTHS_DAYS - 1, False),
        ("leak_cough_sneeze", THREE_MONTHS_DAYS, True),
        ("leak_exercise", THREE_MONTHS_DAYS + 30, True),
        # Urgency alone is not the stress leaking NG210's 3-month programme is for.
        ("leak_urgency", THREE_MONTHS_DAYS + 30, False),
        ("leak_cough_sneeze", None, False),  # no birth date: months unknown
    ],
)
def test_leaking_still_there_at_3_months_points_to_supervised_training(
    symptom, days_postpartum, fires
):
    assert ("leaking_at_3_months" in rules_of({"symptoms": [symptom]}, days_postpartum)) is fires


@pytest.mark.parametrize(
    ("fingers", "days_postpartum", "fires"),
    [
        (3, TUMMY_GAP_CHECK_FROM_DAYS - 1, False),  # at 6 weeks a wide gap is still usual
        (3, TUMMY_GAP_CHECK_FROM_DAYS, True),
        (2, TUMMY_GAP_CHECK_FROM_DAYS + 10, False),  # two fingers: not wider than two
        (5, TUMMY_GAP_CHECK_FROM_DAYS + 10, True),
        (None, TUMMY_GAP_CHECK_FROM_DAYS + 10, False),
    ],
)
def test_a_tummy_gap_wider_than_two_fingers_at_8_weeks_points_to_a_physio(
    fingers, days_postpartum, fires
):
    check = {"symptoms": [], "tummy_gap_fingers": fingers}
    assert ("tummy_gap_at_8_weeks" in rules_of(check, days_postpartum)) is fires


@pytest.mark.parametrize(
    ("days_postpartum", "last", "due"),
    [
        (41, None, None),
        (42, None, 6),
        (55, None, 6),
        (50, 43, None),  # done this week
        (56, 43, 8),  # the 6-week check does not count for the 8-week one
        (69, None, 8),
        (70, None, None),
        (None, None, None),
    ],
)
def test_the_tummy_gap_check_is_offered_at_6_and_8_weeks(days_postpartum, last, due):
    assert tummy_gap_due(days_postpartum, last) == due


def test_the_weekly_check_is_due_a_week_after_the_last():
    assert check_due(None, DAY)
    assert not check_due(DAY - timedelta(days=6), DAY)
    assert check_due(DAY - timedelta(days=7), DAY)


def flare_history(next_day_pain: float, exercise_days_before: int | None = None) -> list:
    """A week at pain 3, a new exercise on DAY, and the next day's pain."""
    history = [PainDay(DAY - timedelta(days=back), 3.0) for back in range(1, 8)]
    if exercise_days_before is not None:
        earlier = DAY - timedelta(days=exercise_days_before)
        history = [h for h in history if h.day != earlier]
        history.append(PainDay(earlier, 3.0, frozenset({"pelvic_tilt"})))
    history.append(PainDay(DAY, 3.0, frozenset({"pelvic_tilt"})))
    history.append(PainDay(DAY + timedelta(days=1), next_day_pain))
    return history


def test_next_day_pain_two_points_above_her_usual_after_a_new_exercise_is_a_flare():
    (flare,) = pain_flares(flare_history(3.0 + FLARE_POINTS))
    assert flare.rule == "pain_after_new_exercise" and flare.day == DAY + timedelta(days=1)
    assert flare.detail == "pelvic_tilt" and RULES[flare.rule].steps_back


def test_a_rise_just_under_two_points_is_not_a_flare():
    assert pain_flares(flare_history(3.0 + FLARE_POINTS - 0.1)) == []


def test_an_exercise_she_did_in_the_last_four_weeks_is_not_new():
    assert pain_flares(flare_history(6.0, exercise_days_before=5)) == []
    # More than four weeks ago: new again.
    old = flare_history(6.0, exercise_days_before=NEW_EXERCISE_AFTER_DAYS + 1)
    assert [f.rule for f in pain_flares(old)] == ["pain_after_new_exercise"]


def test_without_three_rated_days_before_it_there_is_no_usual_to_compare_with():
    history = [PainDay(DAY - timedelta(days=1), 3.0), PainDay(DAY - timedelta(days=2), 3.0)]
    history += [PainDay(DAY, 3.0, frozenset({"walking"})), PainDay(DAY + timedelta(days=1), 9.0)]
    assert pain_flares(history) == []


def test_her_usual_is_the_median_so_one_bad_day_does_not_raise_it():
    history = [PainDay(DAY - timedelta(days=back), 2.0) for back in range(1, 7)]
    history.append(PainDay(DAY - timedelta(days=7), 9.0))
    history += [PainDay(DAY, 2.0, frozenset({"walking"})), PainDay(DAY + timedelta(days=1), 4.0)]
    assert [f.rule for f in pain_flares(history)] == ["pain_after_new_exercise"]


def test_every_symptom_has_words_and_a_key():
    assert len(SYMPTOM_KEYS) == 6 and len(set(SYMPTOM_KEYS)) == 6


# --- running -------------------------------------------------------------------------------


def results(passed: int = 0, failed: tuple[str, ...] = ()) -> list[dict]:
    entries = [{"test": t.key, "result": running.PASSED} for t in running.TESTS[:passed]]
    return entries + [{"test": key, "result": running.FAILED} for key in failed]


def test_the_checklist_holds_the_guidelines_load_and_strength_tests():
    load = [t for t in running.TESTS if t.group == "load"]
    strength = [t for t in running.TESTS if t.group == "strength"]
    assert len(load) == 7 and len(strength) == 4
    assert all("20" in str(t.label) for t in strength)


@pytest.mark.parametrize(
    ("days_postpartum", "entries", "symptoms", "state"),
    [
        (None, results(11), False, running.UNKNOWN_STAGE),
        (running.EARLIEST_DAYS - 1, results(11), False, running.TOO_EARLY),
        (running.EARLIEST_DAYS, results(11), False, running.READY),
        (running.EARLIEST_DAYS, results(11), True, running.SYMPTOMS),
        (100, results(10), False, running.IN_PROGRESS),
        (100, results(0), False, running.NOT_STARTED),
        (100, results(5, ("hop_on_the_spot",)), False, running.FAILED_TEST),
    ],
)
def test_running_follows_the_checklist_not_the_date_alone(
    days_postpartum, entries, symptoms, state
):
    readiness = running.readiness(days_postpartum, entries, symptoms)
    assert readiness.state == state
    assert readiness.sees_physio_first is (state in (running.SYMPTOMS, running.FAILED_TEST))
