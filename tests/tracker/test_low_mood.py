"""One rule for a run of low mood, shared by Today's card, the tips and the report."""

from datetime import date, timedelta

from tracker.low_mood import (
    longest_low_mood,
    low_mood_runs,
    run_up_to,
    suggest_depression_screen,
    suggest_depression_screen_now,
)

DAY = date(2026, 11, 1)


def moods_from(first: date, values: list[int | None]) -> dict[date, int]:
    """Moods day after day from `first`; None: no mood that day."""
    return {
        first + timedelta(days=offset): mood
        for offset, mood in enumerate(values)
        if mood is not None
    }


def test_a_day_or_two_without_a_mood_does_not_end_a_run_three_do():
    two_missing = moods_from(DAY, [2, None, None, 1])
    assert [(run.days, run.low_days) for run in low_mood_runs(two_missing)] == [(4, 2)]
    three_missing = moods_from(DAY, [2, None, None, None, 1])
    assert [run.days for run in low_mood_runs(three_missing)] == [1, 1]


def test_a_better_mood_ends_a_run():
    assert [run.days for run in low_mood_runs(moods_from(DAY, [1, 2, 3, 2]))] == [2, 1]


def test_the_longest_run_spans_its_days():
    run = longest_low_mood(moods_from(DAY, [2, 2, 4, 1, None, 2, 2]))
    assert (run.first, run.last, run.low_days) == (DAY + timedelta(3), DAY + timedelta(6), 3)
    assert longest_low_mood(moods_from(DAY, [3, 4])) is None


def test_three_low_days_up_to_yesterday_make_a_running_low_mood():
    moods = moods_from(DAY, [2, None, 1, 2])
    assert run_up_to(moods, DAY + timedelta(days=3), 3)
    assert run_up_to(moods, DAY + timedelta(days=4), 3)
    assert not run_up_to(moods, DAY + timedelta(days=5), 3)
    assert not run_up_to(moods_from(DAY, [2, 1]), DAY + timedelta(days=1), 3)


def test_two_weeks_low_suggests_a_check_in_the_report_and_today():
    fourteen = moods_from(DAY, [2] * 14)
    end = DAY + timedelta(days=13)
    assert suggest_depression_screen(fourteen, end)
    assert suggest_depression_screen_now(fourteen, end)
    # Thirteen days, with a better day between the low ones at the start: neither a run of
    # two weeks nor ten low days of the last fourteen.
    short = moods_from(DAY, [2, 3, 2, 3, 2, 3, 2, 3, 3, 2, 2, 2, 2, 2])
    assert not suggest_depression_screen(short, end)
    assert not suggest_depression_screen_now(short, end)


def test_low_on_ten_of_the_last_fourteen_days_suggests_a_check():
    moods = moods_from(DAY, [2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2])
    end = DAY + timedelta(days=13)
    assert suggest_depression_screen(moods, end) and suggest_depression_screen_now(moods, end)
    nine = moods_from(DAY, [2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 3, 3, 2, 3])
    assert not suggest_depression_screen(nine, end)


def test_today_a_long_run_that_ended_with_better_days_no_longer_shows():
    moods = moods_from(DAY, [1] * 14 + [4] * 5)
    end = DAY + timedelta(days=18)
    # The report still names it: it happened in its range.
    assert suggest_depression_screen(moods, end)
    assert not suggest_depression_screen_now(moods, end)
    # A day or two without a mood since does not end it for her either.
    unlogged = moods_from(DAY, [1] * 14 + [None] * 4 + [4])
    assert suggest_depression_screen_now(unlogged, DAY + timedelta(days=16))
    assert not suggest_depression_screen_now(unlogged, DAY + timedelta(days=18))
