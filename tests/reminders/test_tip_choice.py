"""Contextual tips: chosen from her recent logs and her stage of recovery, never twice a week."""

from datetime import UTC, date, datetime, timedelta

import pytest

from habits.models import Tip
from reminders.models import ReminderDelivery
from reminders.tip_choice import choose_tip, fired_triggers, recent_logs
from tests.support.days import new_id
from tracker.days import save_day

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.fixture
def mother(user):
    user.profile.baby_birth_date = TODAY - timedelta(days=21)
    user.profile.delivery_type = "vaginal"
    user.profile.save()
    return user


def log(user, day: date, pain=None, mood=None, feeds=(), exercises=()) -> None:
    save_day(
        user,
        day,
        {
            "mood": mood,
            "mood_tags": [],
            "habits": [],
            "warning_signs": [],
            "note": "",
            "pain_ratings": [{"id": new_id(), "score": pain, "time": None, "body_areas": []}]
            if pain is not None
            else [],
            "feedings": [
                {"id": new_id(), "time": None, "position": "cradle", "supports": supports,
                 "posture": posture, "minutes": 20, "side": ""}
                for supports, posture in feeds
            ],
            "exercises": [
                {"id": new_id(), "time": None, "exercise": key, "reps": 10, "minutes": None}
                for key in exercises
            ],
        },
    )  # fmt: skip


def send_tips(user, count: int, every: timedelta) -> list[str]:
    """Choose and record `count` tips, `every` apart, as the tip reminder would; their keys."""
    keys = []
    for number in range(count):
        now = NOW + every * number
        tip = choose_tip(user, TODAY, now)
        keys.append(tip.key)
        ReminderDelivery.objects.create(
            user=user, purpose="tip", channel="push", slot_at=now, due_at=now, state="sent", tip=tip
        )
    return keys


def triggers(user) -> list[str]:
    return fired_triggers(recent_logs(user, TODAY), TODAY)


def test_feeds_without_back_support_bring_the_supported_feeding_tips(mother):
    for offset in range(3):
        log(mother, TODAY - timedelta(days=offset), pain=4, feeds=[([], "upright")])
    assert "unsupported_feeds" in triggers(mother)
    tip = choose_tip(mother, TODAY, NOW)
    assert tip.category == "feeding" and "unsupported_feeds" in tip.triggers


def test_supported_feeds_do_not(mother):
    for offset in range(3):
        log(mother, TODAY - timedelta(days=offset), pain=4, feeds=[(["back_support"], "upright")])
    assert "unsupported_feeds" not in triggers(mother)


def test_severe_pain_brings_when_to_get_help_first_then_relief_then_other_tips(mother):
    for offset in range(3):
        log(mother, TODAY - timedelta(days=offset), pain=8, feeds=[([], "hunched")])
    assert triggers(mother)[0] == "high_pain"
    # Daily sends: when to get help before the warm compress and the massage, none again
    # within the week.
    keys = send_tips(mother, 7, timedelta(days=1))
    assert keys[:3] == ["see_doctor_severe_pain", "warm_compress", "warmth_gentle_massage"]
    assert "high_pain" not in Tip.objects.get(key=keys[3]).triggers
    assert keys.count("warm_compress") == keys.count("see_doctor_severe_pain") == 1


def test_when_to_get_help_goes_first_again_once_its_week_is_over(mother):
    for offset in range(3):
        log(mother, TODAY - timedelta(days=offset), pain=8)
    keys = send_tips(mother, 3, timedelta(days=8))
    assert keys == ["see_doctor_severe_pain"] * 3


def test_three_low_days_running_bring_tell_someone_before_self_care(mother):
    for offset in range(3):
        log(mother, TODAY - timedelta(days=offset), pain=3, mood=2, exercises=["walking"])
    keys = send_tips(mother, 3, timedelta(days=1))
    assert keys[0] == "mood_low_for_two_weeks"
    assert all(Tip.objects.get(key=key).category == "mood" for key in keys[1:])


def test_three_low_days_up_to_yesterday_count_before_she_logs_today(mother):
    for offset in range(1, 4):
        log(mother, TODAY - timedelta(days=offset), pain=3, mood=1, exercises=["walking"])
    assert "low_mood" in triggers(mother)


def test_a_better_mood_in_between_is_not_three_low_days_running(mother):
    # Oldest first: low, then a normal mood, then low yesterday and today.
    log(mother, TODAY - timedelta(days=3), pain=3, mood=2, exercises=["walking"])
    log(mother, TODAY - timedelta(days=2), pain=3, mood=4, exercises=["walking"])
    for offset in (1, 0):
        log(mother, TODAY - timedelta(days=offset), pain=3, mood=1, exercises=["walking"])
    assert "low_mood" not in triggers(mother)
    assert choose_tip(mother, TODAY, NOW).category != "mood"


@pytest.mark.parametrize("second_day", ["not logged", "logged without a mood"])
def test_a_day_without_a_mood_does_not_end_the_low_days(mother, second_day):
    # The one rule of tracker.low_mood, as the report counts a run: she may not log on her
    # worst days.
    log(mother, TODAY - timedelta(days=3), pain=3, mood=2, exercises=["walking"])
    if second_day == "logged without a mood":
        log(mother, TODAY - timedelta(days=2), pain=3, exercises=["walking"])
    for offset in (1, 0):
        log(mother, TODAY - timedelta(days=offset), pain=3, mood=1, exercises=["walking"])
    assert "low_mood" in triggers(mother)


def test_two_low_days_are_not_a_pattern(mother):
    log(mother, TODAY, pain=3, mood=1)
    log(mother, TODAY - timedelta(days=1), pain=3, mood=2)
    log(mother, TODAY - timedelta(days=2), pain=3, mood=4)
    assert "low_mood" not in triggers(mother)


def test_no_improvement_after_six_weeks_points_to_a_gp_or_physiotherapist(mother):
    mother.profile.baby_birth_date = TODAY - timedelta(weeks=8)
    mother.profile.save()
    for offset in range(42, 49):  # her first week of logs: pain about 6
        log(mother, TODAY - timedelta(days=offset), pain=6)
    for offset in range(5):  # this week: 5, only a point lower
        log(mother, TODAY - timedelta(days=offset), pain=5, exercises=["walking"])
    assert "no_improvement" in triggers(mother)
    assert choose_tip(mother, TODAY, NOW).key == "see_doctor_no_improvement"


def test_a_fall_of_two_points_is_improvement(mother):
    mother.profile.baby_birth_date = TODAY - timedelta(weeks=8)
    mother.profile.save()
    for offset in range(42, 49):
        log(mother, TODAY - timedelta(days=offset), pain=6)
    for offset in range(5):
        log(mother, TODAY - timedelta(days=offset), pain=3)
    assert "no_improvement" not in triggers(mother)


def test_early_after_a_caesarean_no_stretch_or_sport_that_strains_the_wound(mother):
    mother.profile.delivery_type = "caesarean"
    mother.profile.baby_birth_date = TODAY - timedelta(weeks=3)
    mother.profile.save()
    # Over a week apart, so every suitable tip comes round again and again.
    sent = set(send_tips(mother, 60, timedelta(days=8)))
    for key in ("exercise_knee_to_chest", "exercise_swimming", "exercise_cycling",
                "exercise_band_training", "exercise_build_core_gradually"):  # fmt: skip
        assert key not in sent
    assert "exercise_skip_situps_for_now" in sent


def test_the_same_tip_is_not_sent_again_within_a_week(mother):
    assert len(set(send_tips(mother, 7, timedelta(days=1)))) == 7


def test_without_a_birth_date_only_tips_safe_from_the_first_days_cautions_included(user):
    user.profile.baby_birth_date = None
    user.profile.save()
    keys = set(send_tips(user, 40, timedelta(days=8)))
    sent = Tip.objects.filter(key__in=keys)
    assert not sent.exclude(min_weeks=0).exists()
    # How she gave birth is unknown too: nothing that must wait after a caesarean.
    assert not sent.filter(caesarean_min_weeks__gt=0).exists()
    # Cautions for the early months go out: late, they do no harm; missed, they can.
    assert "exercise_skip_situps_for_now" in keys
    assert "lift_after_caesarean" in keys


def test_caesarean_advice_is_not_sent_after_a_vaginal_birth(mother):
    sent = set(send_tips(mother, 60, timedelta(days=8)))
    assert not Tip.objects.filter(key__in=sent, caesarean_only=True).exists()
    mother.profile.delivery_type = "caesarean"
    mother.profile.save()
    ReminderDelivery.objects.all().delete()
    assert "lift_after_caesarean" in set(send_tips(mother, 60, timedelta(days=8)))


def test_around_the_six_week_check_the_check_tip_comes_first(mother):
    mother.profile.baby_birth_date = TODAY - timedelta(days=40)
    mother.profile.save()
    assert "check_due" in triggers(mother)
    assert choose_tip(mother, TODAY, NOW).key == "see_doctor_postnatal_check"
    mother.profile.baby_birth_date = TODAY - timedelta(days=60)
    mother.profile.save()
    assert "check_due" not in triggers(mother)
