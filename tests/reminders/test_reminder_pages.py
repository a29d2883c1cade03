"""The Reminders, Sent reminders and Tips pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from habits.models import Tip
from reminders.models import ReminderDelivery, ReminderSchedule
from reminders.schedules import create_default_schedules
from tests.support.accounts import sign_up_by_email
from tracker.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def schedule_form(prefix: str, **fields) -> dict:
    data = {
        f"{prefix}-purpose": "exercises",
        f"{prefix}-enabled": "on",
        f"{prefix}-times": ["18:00", ""],
        f"{prefix}-weekdays": ["0", "2", "4"],
        f"{prefix}-channel": "push",
    }
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return data


def test_the_page_lists_her_reminders_with_their_next_time(signed_in, user):
    create_default_schedules(user)
    page = signed_in.get("/reminders/").content.decode()
    for text in (
        "Log my day",
        "Do my exercises",
        "A tip for my back",
        "Next:",
        "Quiet hours",
        "Send me a test reminder",
        'data-vapid-key="B',
    ):
        assert text in page


def test_adding_a_reminder_schedules_it(signed_in, user):
    response = signed_in.post("/reminders/new/", schedule_form("new"))
    assert response.status_code == 302
    schedule = ReminderSchedule.objects.get(user=user)
    assert (schedule.times, schedule.weekdays) == (["18:00"], [0, 2, 4])
    local = schedule.next_slot_at.astimezone(user.profile.zone)
    assert (local.hour, local.minute, local.weekday() in (0, 2, 4)) == (18, 0, True)


def test_a_reminder_without_days_is_shown_again_with_the_error(signed_in, user):
    data = schedule_form("new")
    del data["new-weekdays"]
    response = signed_in.post("/reminders/new/", data)
    assert response.status_code == 400
    assert "Pick at least one day." in response.content.decode()
    assert not ReminderSchedule.objects.exists()


def test_turning_a_reminder_off_stops_it(signed_in, user):
    [schedule, *_] = create_default_schedules(user)
    data = schedule_form(f"s{schedule.pk}")
    del data[f"s{schedule.pk}-enabled"]
    signed_in.post(f"/reminders/{schedule.pk}/", data)
    schedule.refresh_from_db()
    assert schedule.enabled is False and schedule.next_fire_at is None


def test_another_mothers_reminder_cannot_be_edited_or_deleted(client, user, other_user):
    [schedule, *_] = create_default_schedules(user)
    client.force_login(other_user)
    assert (
        client.post(f"/reminders/{schedule.pk}/", schedule_form(f"s{schedule.pk}")).status_code
        == 404
    )
    assert client.post(f"/reminders/{schedule.pk}/delete/").status_code == 404
    assert ReminderSchedule.objects.filter(pk=schedule.pk, enabled=True).exists()


def test_quiet_hours_move_a_reminder_that_falls_in_them(signed_in, user):
    [schedule, *_] = create_default_schedules(user)  # the log reminder, 20:30
    signed_in.post(
        "/reminders/quiet-hours/", {"quiet-quiet_start": "20:00", "quiet-quiet_end": "21:15"}
    )
    schedule.refresh_from_db()
    local = schedule.next_fire_at.astimezone(user.profile.zone)
    assert (local.hour, local.minute) == (21, 15)


def test_a_new_time_zone_moves_every_reminder(signed_in, user):
    [schedule, *_] = create_default_schedules(user)
    profile = {
        "time_zone": "Asia/Shanghai",
        "language": "en",
        "display_name": "",
        "baby_birth_date": "",
        "delivery_type": "",
        "feeding_mode": "",
    }
    assert signed_in.post("/profile/", profile).status_code == 302
    schedule.refresh_from_db()
    local = schedule.next_slot_at.astimezone(user.profile.zone.__class__("Asia/Shanghai"))
    assert (local.hour, local.minute) == (20, 30)


def test_the_test_button_queues_a_reminder(
    signed_in, user, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/reminders/test/", follow=True)
    assert "on its way" in response.content.decode()
    assert queued == [[ReminderDelivery.objects.get(purpose="test").pk]]


def test_sign_up_comes_with_the_default_reminders(client, catalogue):
    sign_up_by_email(client, "new@example.com", "a-long-password-1", time_zone="Europe/Paris")
    user = User.objects.get(email="new@example.com")
    assert ReminderSchedule.objects.filter(user=user, enabled=True).count() == 3


def test_the_inbox_shows_what_became_of_each_reminder(signed_in, user):
    now = timezone.now()
    common = {"user": user, "channel": "push", "slot_at": now, "due_at": now}
    ReminderDelivery.objects.create(
        purpose="log_day",
        state="sent",
        pushed_at=now,
        title="How is your back today?",
        url="/today/",
        **common,
    )
    ReminderDelivery.objects.create(
        purpose="log_day", state="skipped", detail="already_logged", **common
    )
    ReminderDelivery.objects.create(purpose="exercises", state="missed", detail="late", **common)
    page = signed_in.get("/inbox/").content.decode()
    for text in ("How is your back today?", "Sent by push", "Skipped", "already logged", "Missed"):
        assert text in page


def test_nobody_sees_another_mothers_inbox(client, user, other_user):
    now = timezone.now() - timedelta(minutes=1)
    ReminderDelivery.objects.create(
        user=user,
        purpose="log_day",
        channel="push",
        slot_at=now,
        due_at=now,
        state="sent",
        title="Hers alone",
    )
    client.force_login(other_user)
    assert "Hers alone" not in client.get("/inbox/").content.decode()


def test_a_tip_page_shows_the_tip_why_and_its_source(client, catalogue):
    tip = Tip.objects.get(key="supported_feeding")
    page = client.get(f"/tips/{tip.key}/").content.decode()
    assert tip.title_en in page and tip.why_en[:40] in page
    assert "000_1034d5f5db9ee68a.txt" in page and "holding the baby" in page
    assert client.get("/tips/no-such-tip/").status_code == 404
    assert tip.title_en in client.get("/tips/").content.decode()


def test_the_inbox_shows_times_in_her_time_zone(client, other_user):
    from datetime import UTC, datetime

    from reminders.models import ReminderDelivery

    # 12:30 UTC is 20:30 in Shanghai.
    moment = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    ReminderDelivery.objects.create(
        user=other_user, purpose="log_day", channel="push", slot_at=moment, due_at=moment,
        state="sent", pushed_at=moment,
    )  # fmt: skip
    client.force_login(other_user)
    page = client.get("/inbox/").content.decode()
    assert "20:30" in page and "12:30" not in page
