"""The pelvic-floor levels and the rule that moves her up or steps her back, at their edges."""

from datetime import date, timedelta

from habits.pelvic_floor import (
    LEVELS,
    MIN_REST_SECONDS,
    MOVE_UP_AFTER_DAYS,
    MOVE_UP_SESSION_DAYS,
    STEP_BACK_AT_MOST_EVERY_DAYS,
    TOP_LEVEL,
    DayOfTraining,
    is_comfortable,
    level,
    progress,
)

START = date(2026, 10, 5)


def session(number: int, **changes) -> dict:
    plan = level(number)
    return {
        "level": number,
        "holds": plan.holds,
        "hold_seconds": plan.hold_seconds,
        "quick_squeezes": plan.quick_squeezes,
        "effort": "comfortable",
        **changes,
    }


def days(count: int, number: int = 1, first: date = START, **changes) -> list[DayOfTraining]:
    return [
        DayOfTraining(first + timedelta(days=index), [session(number, **changes)])
        for index in range(count)
    ]


def test_the_levels_build_to_ten_holds_of_ten_seconds_and_ten_quick_squeezes():
    top = LEVELS[-1]
    assert (top.number, top.holds, top.hold_seconds, top.quick_squeezes) == (5, 10, 10, 10)
    for lower, higher in zip(LEVELS, LEVELS[1:], strict=False):
        assert higher.holds >= lower.holds and higher.hold_seconds > lower.hold_seconds
        assert higher.quick_squeezes >= lower.quick_squeezes
    assert all(plan.rest_seconds >= max(plan.hold_seconds, MIN_REST_SECONDS) for plan in LEVELS)
    # Level 1 takes under two minutes; the target about three and a half.
    assert LEVELS[0].seconds < 120 and 200 <= top.seconds <= 240


def test_a_level_outside_the_range_is_the_nearest():
    assert level(0).number == 1 and level(9).number == TOP_LEVEL


def test_she_starts_at_level_1_on_her_first_session():
    state = progress(days(1))
    assert state.level == 1 and state.since == START and state.changes == []


def test_a_week_of_comfortable_sessions_moves_her_up_the_next_day():
    state = progress(days(MOVE_UP_AFTER_DAYS))
    assert state.level == 2
    assert state.since == START + timedelta(days=MOVE_UP_AFTER_DAYS)
    assert [(change.kind, change.level) for change in state.changes] == [("up", 2)]


def test_six_days_are_not_yet_a_week():
    assert progress(days(MOVE_UP_AFTER_DAYS - 1)).level == 1


def test_five_session_days_in_the_week_are_enough_four_are_not():
    week = [START + timedelta(days=index) for index in range(MOVE_UP_AFTER_DAYS)]
    enough = [DayOfTraining(day, [session(1)]) for day in week[:MOVE_UP_SESSION_DAYS]]
    enough.append(DayOfTraining(week[-1]))  # a day of the week, with nothing done
    assert progress(enough).level == 2
    short = [DayOfTraining(day, [session(1)]) for day in week[: MOVE_UP_SESSION_DAYS - 1]]
    short.append(DayOfTraining(week[-1]))
    assert progress(short).level == 1


def test_hard_or_shortened_sessions_do_not_count_towards_moving_up():
    assert progress(days(10, effort="hard")).level == 1
    assert progress(days(10, holds=level(1).holds - 1)).level == 1
    assert progress(days(10, hold_seconds=level(1).hold_seconds - 1)).level == 1
    # Quick squeezes cut short still count: the slow holds are what builds the level.
    assert progress(days(MOVE_UP_AFTER_DAYS, quick_squeezes=0)).level == 2


def test_an_unsaid_effort_counts_as_comfortable():
    assert is_comfortable(session(3, effort=""))
    assert not is_comfortable(session(3, effort="hard"))


def test_she_climbs_a_level_a_week_up_to_the_top_and_stays_there():
    history = []
    for step in range(TOP_LEVEL + 1):
        first = START + timedelta(days=step * MOVE_UP_AFTER_DAYS)
        history += days(MOVE_UP_AFTER_DAYS, min(step + 1, TOP_LEVEL), first)
    state = progress(history)
    assert state.level == TOP_LEVEL
    assert [change.level for change in state.changes] == [2, 3, 4, 5]


def test_sessions_below_her_level_do_not_move_her_up():
    history = days(MOVE_UP_AFTER_DAYS, 1)  # up to level 2
    history += days(MOVE_UP_AFTER_DAYS, 1, START + timedelta(days=MOVE_UP_AFTER_DAYS))
    assert progress(history).level == 2


def test_a_symptom_steps_her_back_a_level_and_the_week_starts_again():
    history = days(MOVE_UP_AFTER_DAYS * 2, 2)  # level 2, then 3
    bad_day = START + timedelta(days=MOVE_UP_AFTER_DAYS * 2)
    history.append(DayOfTraining(bad_day, [session(3)], ("symptoms_step_back",)))
    state = progress(history)
    assert state.level == 2 and state.since == bad_day
    assert state.changes[-1].kind == "back" and state.changes[-1].reasons == ("symptoms_step_back",)
    # Six more comfortable days at level 2 make a week again: up to 3 the day after.
    more = days(MOVE_UP_AFTER_DAYS - 1, 2, bad_day + timedelta(days=1))
    assert progress(history + more).level == 3


def test_level_1_is_as_far_back_as_she_goes():
    state = progress([DayOfTraining(START, [session(1)], ("symptoms_step_back",))])
    assert state.level == 1 and state.changes == []


def test_a_symptom_before_any_session_does_not_start_her_clock():
    state = progress([DayOfTraining(START, (), ("symptoms_step_back",))])
    assert state.since is None and state.level == 1


def test_symptoms_day_after_day_step_her_back_once_a_week():
    history = days(MOVE_UP_AFTER_DAYS * 3, 3)  # reaches level 4
    assert progress(history).level == 4
    first_bad = START + timedelta(days=MOVE_UP_AFTER_DAYS * 3)
    bad = [
        DayOfTraining(first_bad + timedelta(days=index), (), ("symptoms_step_back",))
        for index in range(STEP_BACK_AT_MOST_EVERY_DAYS + 1)
    ]
    state = progress(history + bad)
    # The first bad day and the one a week later: two steps, not eight.
    assert state.level == 2
    assert [change.day for change in state.changes if change.kind == "back"] == [
        first_bad,
        first_bad + timedelta(days=STEP_BACK_AT_MOST_EVERY_DAYS),
    ]


def test_can_step_back_tells_the_page_what_a_symptom_today_would_do():
    state = progress(days(MOVE_UP_AFTER_DAYS, 1))
    assert state.level == 2 and state.can_step_back(START + timedelta(days=8))
    bad_day = START + timedelta(days=8)
    state = progress([*days(MOVE_UP_AFTER_DAYS, 1), DayOfTraining(bad_day, (), ("x",))])
    assert state.level == 1 and not state.can_step_back(bad_day + timedelta(days=1))
