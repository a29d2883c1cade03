"""Pelvic-floor session reminders go through the reminder pipeline as they are (the tick, the
outbox, the push): a purpose of their own, up to three a day at her times, skipped when she has
already done the sessions asked so far; and the running tip waits for her checklist."""

from datetime import UTC, date, datetime, timedelta

import pytest

from habits.running_readiness import TESTS
from reminders.delivery import send_delivery
from reminders.models import Purpose, ReminderDelivery, ReminderSchedule
from reminders.pipeline import tick
from reminders.tip_choice import choose_tip
from tests.support.days import new_id, realistic_day
from tests.support.push_receiver import subscribe
from tracker.days import save_day
from tracker.recovery_models import RunningReadiness

pytestmark = pytest.mark.django_db

State = ReminderDelivery.State
# Monday 23 November 2026 in London (GMT): her three session times.
MORNING = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
AFTERNOON = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


def session() -> dict:
    return {"id": new_id(), "time": None, "level": 1, "holds": 5, "hold_seconds": 3,
            "quick_squeezes": 5, "effort": ""}  # fmt: skip


@pytest.fixture
def sessions_reminder(user) -> ReminderSchedule:
    schedule = ReminderSchedule.objects.create(
        user=user,
        purpose=Purpose.PELVIC_FLOOR,
        times=["08:30", "13:00", "19:30"],
        weekdays=list(range(7)),
        skip_if_logged=True,
    )
    schedule.reschedule(MORNING - timedelta(hours=1))
    schedule.save()
    return schedule


def test_a_session_reminder_opens_the_timer(user, sessions_reminder, push_receiver):
    subscribe(user, push_receiver)
    tick(MORNING)
    delivery = ReminderDelivery.objects.get()
    assert send_delivery(delivery.pk, MORNING) == State.SENT
    [message] = push_receiver.wait_for(1)
    assert message.payload["title"] == "Time for your pelvic-floor session"
    assert message.payload["url"] == "/pelvic-floor/"


def test_it_is_skipped_when_the_sessions_asked_so_far_are_done(
    user, sessions_reminder, push_receiver
):
    subscribe(user, push_receiver)
    save_day(user, MORNING.date(), {**realistic_day(), "pelvic_floor_sessions": [session()]})
    tick(MORNING)
    morning = ReminderDelivery.objects.get()
    assert send_delivery(morning.pk, MORNING) == State.SKIPPED
    morning.refresh_from_db()
    assert morning.detail == "sessions_logged"
    # One session done by the afternoon: the second reminder still goes.
    tick(AFTERNOON)
    afternoon = ReminderDelivery.objects.exclude(pk=morning.pk).get()
    assert send_delivery(afternoon.pk, AFTERNOON) == State.SENT


@pytest.mark.parametrize(
    ("times", "status"),
    [(["08:00", "12:00", "18:00"], 201), (["08:00", "11:00", "14:00", "18:00"], 400)],
)
def test_up_to_three_times_a_day(api, times, status):
    body = {"purpose": "pelvic_floor", "times": times, "weekdays": [0, 1, 2, 3, 4, 5, 6]}
    response = api.post("/api/v1/reminders/", body, format="json")
    assert response.status_code == status, response.json()
    if status == 400:
        assert "times" in response.json()
    # Other reminders may still have more.
    other = {**body, "purpose": "log_day"}
    assert api.post("/api/v1/reminders/", other, format="json").status_code == 201


def test_the_reminders_page_offers_three_session_times(client, user):
    client.force_login(user)
    html = client.get("/reminders/?add=pelvic_floor").content.decode()
    assert '<option value="pelvic_floor" selected>Do my pelvic-floor session</option>' in html
    for time in ("08:30", "13:00", "19:30"):
        assert f'value="{time}"' in html
    too_many = {
        "new-purpose": "pelvic_floor",
        "new-times": ["08:00", "11:00", "14:00", "18:00"],
        "new-weekdays": ["0"],
        "new-channel": "push",
        "new-enabled": "on",
    }
    response = client.post("/reminders/new/", too_many)
    assert response.status_code == 400
    assert "At most 3 times a day for this reminder." in response.content.decode()
    assert not ReminderSchedule.objects.filter(purpose="pelvic_floor").exists()


TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def running_tip_is_chosen(user) -> bool:
    chosen = set()
    for number in range(30):
        tip = choose_tip(user, TODAY, NOW + timedelta(days=8 * number))
        if tip is None:
            break
        chosen.add(tip.key)
        ReminderDelivery.objects.create(user=user, purpose="tip", channel="push", state="sent",
                                        slot_at=NOW, due_at=NOW, tip=tip)  # fmt: skip
    return "exercise_return_to_running" in chosen


def test_the_running_tip_waits_for_the_checklist_not_the_date(user):
    user.profile.baby_birth_date = TODAY - timedelta(days=120)
    user.profile.delivery_type = "vaginal"
    user.profile.save()
    assert not running_tip_is_chosen(user)
    ReminderDelivery.objects.all().delete()
    RunningReadiness.objects.create(
        user=user,
        tests=[{"test": t.key, "result": "passed", "date": "2026-11-20"} for t in TESTS],
        version="v",
    )
    assert running_tip_is_chosen(user)
