"""The reminders API: schedules, push subscriptions, the inbox and notification actions."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reminders.delivery import send_deliveries
from reminders.messages import action_token
from reminders.models import Purpose, PushSubscription, ReminderDelivery, ReminderSchedule
from reminders.push import vapid_public_key
from reminders.schedules import create_default_schedules

pytestmark = pytest.mark.django_db

P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/abc123",
    "keys": {"p256dh": P256DH, "auth": "tBHItJI5svbpez7KI4CCXg"},
    "expirationTime": None,
}


def test_she_can_list_create_edit_and_delete_her_reminders(api, user):
    create_default_schedules(user)
    listed = api.get("/api/v1/reminders/").json()
    assert {item["purpose"] for item in listed} == {"log_day", "exercises", "tip"}

    created = api.post(
        "/api/v1/reminders/",
        {"purpose": "exercises", "times": ["18:00", "09:15"], "weekdays": [5, 6]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["times"] == ["09:15", "18:00"] and body["next_fire_at"]

    url = f"/api/v1/reminders/{body['id']}/"
    edited = api.patch(url, {"enabled": False}, format="json").json()
    assert edited["enabled"] is False and edited["next_fire_at"] is None
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("times", ["25:00"]),
        ("times", ["9am"]),
        ("times", ["09:00:30"]),
        ("times", []),
        ("times", ["09:00", "09:00"]),
        ("weekdays", [7]),
        ("weekdays", [True]),
        ("weekdays", ["1"]),
        ("purpose", "test"),
        ("channel", "sms"),
        ("nickname", "x"),
    ],
)
def test_bad_input_is_refused_naming_the_field(api, field, value):
    payload = {"purpose": "log_day", "times": ["20:30"], "weekdays": [0], field: value}
    response = api.post("/api/v1/reminders/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ReminderSchedule.objects.exists()


def test_editing_the_time_moves_the_next_reminder(api, user):
    [schedule, *_] = create_default_schedules(user)
    url = f"/api/v1/reminders/{schedule.pk}/"
    before = api.get(url).json()["next_fire_at"]
    after = api.patch(url, {"times": ["06:45"]}, format="json").json()["next_fire_at"]
    assert before != after
    schedule.refresh_from_db()
    local = schedule.next_slot_at.astimezone(user.profile.zone)
    assert (local.hour, local.minute) == (6, 45)


def test_a_schedule_edited_while_due_is_sent_once(api, user, queued):
    from reminders.pipeline import tick

    # A slot on the minute, due a few seconds ago; the tick has not reached it yet.
    # (The edit keeps a slot for one tick interval, 60 s: keep clear of its end.)
    if timezone.now().second > 50:
        time.sleep(60 - timezone.now().second)
    slot = timezone.now().replace(second=0, microsecond=0)
    local = slot.astimezone(user.profile.zone)
    user.profile.quiet_start = user.profile.quiet_end  # no quiet hours for this test
    user.profile.save()
    schedule = ReminderSchedule.objects.create(
        user=user,
        purpose=Purpose.LOG_DAY,
        times=[f"{local:%H:%M}"],
        weekdays=list(range(7)),
        next_slot_at=slot,
        next_fire_at=slot,
    )
    api.patch(f"/api/v1/reminders/{schedule.pk}/", {"channel": "both"}, format="json")
    # Editing the channel keeps the due slot rather than losing it...
    schedule.refresh_from_db()
    assert schedule.next_fire_at == slot
    tick()
    # ...and a second edit right after the tick does not bring it back.
    api.patch(f"/api/v1/reminders/{schedule.pk}/", {"skip_if_logged": True}, format="json")
    tick()
    [delivery] = ReminderDelivery.objects.all()
    assert delivery.channel == "both"


def test_nobody_sees_or_edits_another_mothers_reminders(api, other_api, user):
    [schedule, *_] = create_default_schedules(user)
    url = f"/api/v1/reminders/{schedule.pk}/"
    assert other_api.get(url).status_code == 404
    assert other_api.patch(url, {"enabled": False}, format="json").status_code == 404
    assert other_api.delete(url).status_code == 404
    assert other_api.get("/api/v1/reminders/").json() == []
    schedule.refresh_from_db()
    assert schedule.enabled


def test_a_browser_subscribes_once_and_unsubscribes(api, user):
    assert api.post("/api/v1/push-subscriptions/", SUBSCRIPTION, format="json").status_code == 201
    assert api.post("/api/v1/push-subscriptions/", SUBSCRIPTION, format="json").status_code == 200
    status = api.get("/api/v1/push-subscriptions/").json()
    assert status["subscriptions"] == 1 and len(status["vapid_public_key"]) == 87
    endpoint = {"endpoint": SUBSCRIPTION["endpoint"]}
    assert api.delete("/api/v1/push-subscriptions/", endpoint, format="json").status_code == 204
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://evil.example.com/push",  # not a push service
        "https://fcm.googleapis.com.evil.example/x",  # a look-alike host
        "https://169.254.169.254/latest/meta-data",  # the cloud metadata service
        "https://127.0.0.1:8000/admin/",  # this server itself
    ],
)
def test_only_known_push_services_are_accepted(api, endpoint, settings):
    settings.PUSH_ALLOW_LOOPBACK = False
    response = api.post(
        "/api/v1/push-subscriptions/", {**SUBSCRIPTION, "endpoint": endpoint}, format="json"
    )
    assert response.status_code == 400
    assert "endpoint" in response.json()
    assert not PushSubscription.objects.exists()


def test_apple_and_mozilla_endpoints_are_accepted(api):
    for endpoint in (
        "https://web.push.apple.com/QGuQyavXutnMH",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
    ):
        response = api.post(
            "/api/v1/push-subscriptions/", {**SUBSCRIPTION, "endpoint": endpoint}, format="json"
        )
        assert response.status_code == 201


def test_a_subscription_with_missing_keys_is_refused(api):
    response = api.post(
        "/api/v1/push-subscriptions/",
        {"endpoint": SUBSCRIPTION["endpoint"], "keys": {"p256dh": "x"}},
        format="json",
    )
    assert response.status_code == 400 and "keys" in response.json()


def test_one_cannot_remove_another_mothers_subscription(api, other_api):
    api.post("/api/v1/push-subscriptions/", SUBSCRIPTION, format="json")
    endpoint = {"endpoint": SUBSCRIPTION["endpoint"]}
    assert (
        other_api.delete("/api/v1/push-subscriptions/", endpoint, format="json").status_code == 404
    )
    assert PushSubscription.objects.count() == 1


def test_a_browser_moved_to_another_account_gets_only_that_accounts_reminders(
    api, other_api, user, other_user, push_receiver, settings
):
    """A shared phone: she subscribed on it, then someone else signed in there and did too."""
    settings.PUSH_ALLOW_LOOPBACK = True
    browser = push_receiver.new_subscription(vapid_public_key())
    url = "/api/v1/push-subscriptions/"
    assert api.post(url, browser, format="json").status_code == 201
    hers = PushSubscription.objects.get()
    assert other_api.post(url, browser, format="json").status_code == 201
    theirs = PushSubscription.objects.get()
    # Replaced, not shared or handed over: nothing of her row lives on in theirs.
    assert theirs.user == other_user and theirs.pk != hers.pk
    assert not PushSubscription.objects.filter(user=user).exists()
    assert other_api.post(url, browser, format="json").status_code == 200
    assert PushSubscription.objects.get().pk == theirs.pk

    her_reminder = delivered(user, purpose=Purpose.TEST, state="pending")
    their_reminder = delivered(other_user, purpose=Purpose.TEST, state="pending")
    send_deliveries([her_reminder.pk, their_reminder.pk])
    [message] = push_receiver.wait_for(1)
    assert message.payload["id"] == their_reminder.pk
    assert message.subscription_endpoint == browser["endpoint"]
    her_reminder.refresh_from_db()
    assert her_reminder.pushed_at is None and her_reminder.emailed_at
    assert [sent.to for sent in mail.outbox] == [[user.email]]
    assert len(push_receiver.messages) == 1 and not push_receiver.rejected


def delivered(user, **fields) -> ReminderDelivery:
    now = timezone.now()
    values = {"purpose": Purpose.LOG_DAY, "channel": "push", "slot_at": now, "due_at": now}
    return ReminderDelivery.objects.create(user=user, **{**values, **fields})


def test_the_inbox_lists_her_reminders_with_what_became_of_them(api, user, other_user):
    delivered(user, state="sent", pushed_at=timezone.now(), title="How is your back today?")
    delivered(user, state="skipped", detail="already_logged")
    delivered(user, state="pending", due_at=timezone.now() + timedelta(minutes=30))  # snoozed
    delivered(other_user, state="sent", title="Not hers")
    items = api.get("/api/v1/inbox/").json()["results"]
    assert sorted(item["status"] for item in items) == ["pushed", "skipped"]
    assert "Not hers" not in str(items)


def test_the_notification_can_snooze_its_reminder_once(api, user):
    # No quiet hours, or a snooze at 21:45 would wait for the morning (tested on its own).
    user.profile.quiet_start = user.profile.quiet_end
    user.profile.save()
    delivery = delivered(user, state="sent")
    token = action_token(delivery)
    client = api.__class__()  # the service worker has no session or API token
    for _ in range(2):
        response = client.post(
            "/api/v1/inbox/actions/", {"token": token, "action": "snooze"}, format="json"
        )
        assert response.status_code == 204
    snoozed = ReminderDelivery.objects.get(snoozed_from=delivery)
    assert snoozed.state == "pending" and snoozed.purpose == delivery.purpose
    assert timedelta(minutes=29) < snoozed.due_at - timezone.now() <= timedelta(minutes=30)


def test_the_notification_reports_shown_and_opened(api, user):
    delivery = delivered(user, state="sent", pushed_at=timezone.now())
    client = api.__class__()
    for action in ("shown", "opened"):
        client.post(
            "/api/v1/inbox/actions/",
            {"token": action_token(delivery), "action": action},
            format="json",
        )
    delivery.refresh_from_db()
    assert delivery.shown_at and delivery.opened_at and delivery.status == "shown"


def test_a_forged_token_does_nothing(api, user):
    delivery = delivered(user, state="sent")
    forged = action_token(delivery)[:-2] + "xx"
    response = api.__class__().post(
        "/api/v1/inbox/actions/", {"token": forged, "action": "snooze"}, format="json"
    )
    # The token is the action's only credential: a bad one is refused like a bad password.
    assert response.status_code == 403 and "token" in response.json()
    assert not ReminderDelivery.objects.filter(snoozed_from=delivery).exists()


def test_the_test_reminder_is_queued_now(api, user, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/reminders/test/")
    assert response.status_code == 202
    delivery = ReminderDelivery.objects.get(pk=response.json()["id"])
    assert delivery.purpose == "test" and delivery.channel == "email"
    assert queued == [[delivery.pk]]


def test_reminders_need_an_account(client):
    for url in ("/api/v1/reminders/", "/api/v1/inbox/", "/api/v1/push-subscriptions/"):
        assert client.get(url).status_code in (401, 403)
