"""The tips the December review corrected: night feeds and sleep, running, and medicines while
breastfeeding, which another medicine logged now brings."""

from datetime import UTC, date, datetime, timedelta

import pytest

from habits.tips_data import TIPS
from reminders.tip_choice import choose_tip, fired_triggers, recent_logs
from tests.support.days import new_id
from tracker.days import save_day

TODAY = date(2026, 11, 23)


def by_key(key: str):
    return next(tip for tip in TIPS if tip.key == key)


def test_night_sleep_keeps_breastfeeding_going():
    sleep = by_key("rest_sleep_when_you_can")
    # Not "someone else can give a bottle" in the early weeks: engorgement and supply.
    assert "give a bottle" not in sleep.body_en
    assert "feed, then hand the baby over" in sleep.body_en
    assert "once breastfeeding is going well" in sleep.body_en and "expressed milk" in sleep.body_en
    assert "吸出来的母乳" in sleep.body_zh and "喂完奶" in sleep.body_zh
    assert "supply" in sleep.why_en


def test_running_sends_some_mothers_to_a_physiotherapist_first():
    running = by_key("exercise_return_to_running")
    assert "a large tear or a tummy gap, see a pelvic-health physiotherapist first" in (
        running.body_en
    )
    assert "腹直肌分离" in running.body_zh and "产后康复科" in running.body_zh


def test_the_medicines_tip_warns_of_codeine_tramadol_and_aspirin():
    medicines = by_key("nutrition_ask_before_medicines")
    assert "codeine and tramadol" in medicines.body_en and "aspirin" in medicines.body_en
    assert "可待因" in medicines.body_zh and "阿司匹林" in medicines.body_zh
    assert "other_medicine" in medicines.triggers


@pytest.mark.django_db
def test_another_medicine_logged_brings_the_ask_before_medicines_tip(user):
    user.profile.baby_birth_date = TODAY - timedelta(days=21)
    user.profile.save()
    other = {"id": new_id(), "time": "12:00", "medicine": "other_medicine", "name": "Codeine",
             "dose_mg": 30}  # fmt: skip
    save_day(user, TODAY - timedelta(days=1), {"medicines": [other]})
    assert "other_medicine" in fired_triggers(recent_logs(user, TODAY), TODAY)
    tip = choose_tip(user, TODAY, datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    assert tip.key == "nutrition_ask_before_medicines"
