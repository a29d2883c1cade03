"""The tick and the send, in-process: one delivery per slot, sent once, on the right channel."""

import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from habits.models import Tip
from reminders import delivery as delivery_module
from reminders.delivery import send_deliveries, send_delivery, snooze
from reminders.messages import compose, push_payload
from reminders.models import Purpose, PushSubscription, ReminderDelivery, ReminderSchedule
from reminders.pipeline import requeue, tick
from reminders.push import MAX_PAYLOAD_BYTES, encode_payload
from reminders.schedules import create_default_schedules
from tests.support.days import realistic_day
from tests.support.push_receiver import subscribe
from tests.support.worker import wait_for
from tracker.days import save_day
from tracker.models import User

State = ReminderDelivery.State
# Monday 23 November 2026, 20:30 in London (GMT): the default evening log reminder.
EVENING = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)


@pytest.fixture
def evening_reminder(user) -> ReminderSchedule:
    schedule = ReminderSchedule.objects.create(
        user=user, purpose=Purpose.LOG_DAY, times=["20:30"], weekdays=list(range(7))
    )
    schedule.reschedule(EVENING - timedelta(hours=1))
    schedule.save()
    assert schedule.next_fire_at == EVENING
    return schedule


def test_the_tick_writes_one_delivery_per_due_slot_and_moves_the_schedule_on(
    evening_reminder, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = tick(EVENING + timedelta(seconds=2))
    delivery = ReminderDelivery.objects.get()
    assert (result.deliveries, result.enqueued) == (1, 1)
    assert (delivery.slot_at, delivery.due_at, delivery.state) == (EVENING, EVENING, State.PENDING)
    assert queued == [[delivery.pk]]
    evening_reminder.refresh_from_db()
    assert evening_reminder.next_fire_at == EVENING + timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        again = tick(EVENING + timedelta(seconds=30))
    assert (again.deliveries, again.enqueued) == (0, 0)
    assert ReminderDelivery.objects.count() == 1


def test_a_slot_written_already_is_not_written_again(evening_reminder, queued):
    tick(EVENING)
    # As after an edit in the same minute: the schedule points at the delivered slot again.
    ReminderSchedule.objects.filter(pk=evening_reminder.pk).update(
        next_slot_at=EVENING, next_fire_at=EVENING
    )
    tick(EVENING + timedelta(seconds=20))
    assert ReminderDelivery.objects.count() == 1


def test_nothing_is_due_before_its_time_and_a_disabled_schedule_never_is(evening_reminder):
    assert tick(EVENING - timedelta(seconds=1)).deliveries == 0
    ReminderSchedule.objects.filter(pk=evening_reminder.pk).update(enabled=False)
    assert tick(EVENING + timedelta(seconds=1)).deliveries == 0


def test_after_an_outage_the_old_slot_is_missed_not_sent_late(evening_reminder, queued):
    later = EVENING + timedelta(hours=3)
    result = tick(later)
    delivery = ReminderDelivery.objects.get()
    assert (result.deliveries, result.missed, delivery.state) == (0, 1, State.MISSED)
    evening_reminder.refresh_from_db()
    assert evening_reminder.next_fire_at == EVENING + timedelta(days=1)


def test_a_queued_reminder_not_sent_in_time_is_marked_missed(evening_reminder, queued):
    tick(EVENING)
    tick(EVENING + timedelta(hours=2))
    assert ReminderDelivery.objects.get().state == State.MISSED


def test_a_send_pushes_the_reminder_once(user, evening_reminder, push_receiver, queued):
    subscribe(user, push_receiver)
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    assert send_delivery(delivery.pk, EVENING + timedelta(seconds=1)) == State.SENT
    assert send_delivery(delivery.pk, EVENING + timedelta(seconds=2)) == "not claimed"

    [message] = push_receiver.wait_for(1)
    assert message.payload["title"] == "How is your back today?"
    assert message.payload["url"] == "/day/2026-11-23/"
    assert message.payload["tag"] == f"reminder-{delivery.pk}"
    assert [a["action"] for a in message.payload["actions"]] == ["open", "snooze"]
    assert message.ttl > 0 and message.urgency == "normal"
    assert len(json.dumps(message.payload, ensure_ascii=False).encode()) < MAX_PAYLOAD_BYTES
    delivery.refresh_from_db()
    assert delivery.pushed_at and delivery.status == "pushed" and not mail.outbox


def test_a_batch_is_claimed_read_and_written_in_a_few_statements(
    catalogue, push_receiver, queued, django_assert_max_num_queries
):
    for number in range(10):
        mother = User.objects.create_user(f"mother{number}@example.com", "a-long-password-1")
        subscribe(mother, push_receiver)
        schedule = ReminderSchedule.objects.create(
            user=mother,
            purpose=Purpose.LOG_DAY if number % 2 else Purpose.TIP,
            times=["20:30"],
            skip_if_logged=True,
        )
        ReminderSchedule.objects.filter(pk=schedule.pk).update(
            next_slot_at=EVENING, next_fire_at=EVENING
        )
    tick(EVENING)
    ids = list(ReminderDelivery.objects.values_list("pk", flat=True))
    assert len(ids) == 10
    # The claim, three reads, five for choosing the tips (their running checklists among
    # them), the note of the subscriptions that worked, and the outcomes (on SQLite a
    # statement each, in a transaction: PostgreSQL writes them in one); however many are in
    # the batch.
    with django_assert_max_num_queries(11 + (0 if connection.vendor == "postgresql" else 11)):
        states = send_deliveries(ids, EVENING)
    assert set(states.values()) == {State.SENT}
    assert len(push_receiver.wait_for(10)) == 10


def test_a_reminder_in_chinese_for_a_chinese_profile(user, evening_reminder, push_receiver):
    user.profile.language = "zh-hans"
    user.profile.save()
    subscribe(user, push_receiver)
    tick(EVENING)
    send_delivery(ReminderDelivery.objects.get().pk, EVENING)
    [message] = push_receiver.wait_for(1)
    assert message.payload["title"] == "今天腰背感觉怎么样？"


def test_already_logged_today_skips_the_log_reminder(user, evening_reminder, push_receiver):
    subscribe(user, push_receiver)
    evening_reminder.skip_if_logged = True
    evening_reminder.save()
    save_day(user, EVENING.date(), realistic_day())
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    assert send_delivery(delivery.pk, EVENING) == State.SKIPPED
    delivery.refresh_from_db()
    assert delivery.detail == "already_logged"
    assert push_receiver.messages == [] and not mail.outbox


def test_a_gone_subscription_is_deleted_and_email_takes_over(user, evening_reminder, push_receiver):
    subscription = subscribe(user, push_receiver)
    push_receiver.gone(subscription.endpoint)
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    assert send_delivery(delivery.pk, EVENING) == State.SENT
    assert not PushSubscription.objects.filter(pk=subscription.pk).exists()
    [email] = mail.outbox
    assert email.to == [user.email] and email.subject == "How is your back today?"
    assert "/day/2026-11-23/" in email.body
    delivery.refresh_from_db()
    assert delivery.status == "emailed"


def test_without_a_device_the_reminder_is_emailed(user, evening_reminder):
    tick(EVENING)
    assert send_delivery(ReminderDelivery.objects.get().pk, EVENING) == State.SENT
    assert len(mail.outbox) == 1


def test_both_channels_send_both(user, evening_reminder, push_receiver):
    subscribe(user, push_receiver)
    evening_reminder.channel = "both"
    evening_reminder.save()
    tick(EVENING)
    send_delivery(ReminderDelivery.objects.get().pk, EVENING)
    assert len(push_receiver.wait_for(1)) == 1 and len(mail.outbox) == 1


def test_a_busy_push_service_is_retried_after_its_retry_after(
    user, evening_reminder, push_receiver, queued
):
    subscribe(user, push_receiver)
    push_receiver.respond_with(None, [429], retry_after=90)
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    assert send_delivery(delivery.pk, EVENING) == State.PENDING
    delivery.refresh_from_db()
    assert delivery.retry_at == EVENING + timedelta(seconds=90)

    queued.clear()
    tick(EVENING + timedelta(seconds=60))
    assert send_delivery(delivery.pk, EVENING + timedelta(seconds=60)) == "not claimed"
    tick(EVENING + timedelta(seconds=91))
    assert send_delivery(delivery.pk, EVENING + timedelta(seconds=91)) == State.SENT
    assert len(push_receiver.wait_for(1)) == 1 and not mail.outbox


def test_a_push_service_that_keeps_failing_falls_back_to_email(
    user, evening_reminder, push_receiver, settings
):
    subscribe(user, push_receiver)
    push_receiver.respond_with(None, [503] * settings.REMINDER_MAX_ATTEMPTS)
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    now = EVENING
    for _attempt in range(settings.REMINDER_MAX_ATTEMPTS):
        state = send_delivery(delivery.pk, now)
        now += timedelta(minutes=15)
    assert state == State.SENT
    delivery.refresh_from_db()
    assert delivery.pushed_at is None and delivery.emailed_at is not None
    assert push_receiver.messages == [] and len(mail.outbox) == 1


def test_a_send_whose_worker_died_is_taken_over_when_its_lease_runs_out(
    user, evening_reminder, push_receiver, settings
):
    subscribe(user, push_receiver)
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    lease = timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        state=State.SENDING, lease_until=EVENING + lease, attempts=1
    )
    assert send_delivery(delivery.pk, EVENING + lease / 2) == "not claimed"
    assert send_delivery(delivery.pk, EVENING + lease * 1.1) == State.SENT
    assert len(push_receiver.wait_for(1)) == 1


def test_an_abandoned_send_is_queued_again_once(
    user, evening_reminder, queued, settings, django_capture_on_commit_callbacks
):
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    lease_end = EVENING + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        state=State.SENDING, lease_until=lease_end
    )
    requeue_after = settings.REMINDER_REQUEUE_AFTER_SECONDS
    with django_capture_on_commit_callbacks(execute=True):
        tick(lease_end + timedelta(seconds=1))
        tick(lease_end + timedelta(seconds=requeue_after - 1))
    assert queued == [[delivery.pk]]
    # That send was lost too: queued again, once more.
    with django_capture_on_commit_callbacks(execute=True):
        tick(lease_end + timedelta(seconds=requeue_after + 2))
    assert queued == [[delivery.pk], [delivery.pk]]


def test_a_queued_send_lost_by_the_broker_is_queued_again(
    evening_reminder, queued, settings, django_capture_on_commit_callbacks
):
    requeue_after = timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS)
    with django_capture_on_commit_callbacks(execute=True):
        tick(EVENING)
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tick(EVENING + requeue_after - timedelta(seconds=1))
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        tick(EVENING + requeue_after + timedelta(seconds=1))
    assert queued == [[ReminderDelivery.objects.get().pk]]


def test_a_tip_reminder_carries_a_tip_and_its_link(user, push_receiver):
    schedule = ReminderSchedule.objects.create(
        user=user, purpose=Purpose.TIP, times=["14:00"], weekdays=list(range(7))
    )
    schedule.reschedule(EVENING)
    schedule.save()
    subscribe(user, push_receiver)
    tick(schedule.next_fire_at)
    delivery = ReminderDelivery.objects.get()
    send_delivery(delivery.pk, schedule.next_fire_at)
    delivery.refresh_from_db()
    [message] = push_receiver.wait_for(1)
    assert delivery.tip is not None
    assert message.payload["title"] == delivery.tip.title_en
    assert message.payload["url"] == f"/tips/{delivery.tip.key}/"


def test_a_tip_by_email_says_why_and_where_it_comes_from(user):
    schedule = ReminderSchedule.objects.create(
        user=user, purpose=Purpose.TIP, times=["14:00"], weekdays=list(range(7)), channel="email"
    )
    schedule.reschedule(EVENING)
    schedule.save()
    tick(schedule.next_fire_at)
    send_delivery(ReminderDelivery.objects.get().pk, schedule.next_fire_at)
    [email] = mail.outbox
    tip = ReminderDelivery.objects.get().tip
    assert tip.body_en in email.body and tip.why_en in email.body
    assert "Source: " in email.body and f"/tips/{tip.key}/" in email.body


def test_quiet_hours_delay_the_reminder_to_their_end(user, push_receiver):
    schedule = ReminderSchedule.objects.create(
        user=user, purpose=Purpose.LOG_DAY, times=["23:00"], weekdays=list(range(7))
    )
    schedule.reschedule(EVENING)
    schedule.save()
    seven_next_morning = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    assert schedule.next_fire_at == seven_next_morning
    assert tick(datetime(2026, 11, 23, 23, 0, 30, tzinfo=UTC)).deliveries == 0
    assert tick(seven_next_morning).deliveries == 1
    delivery = ReminderDelivery.objects.get()
    assert delivery.slot_at == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    subscribe(user, push_receiver)
    assert send_delivery(delivery.pk, seven_next_morning) == State.SENT
    # It is about the evening she was asked about, not the morning it arrived.
    assert push_receiver.wait_for(1)[0].payload["url"] == "/day/2026-11-23/"


def test_new_accounts_get_three_reminders_that_are_due_soon(user):
    schedules = create_default_schedules(user)
    assert {s.purpose for s in schedules} == {"log_day", "exercises", "tip"}
    assert all(s.enabled and s.next_fire_at for s in schedules)


def test_every_tip_fits_in_a_push_message_in_both_languages(user, catalogue):
    delivery = ReminderDelivery.objects.create(
        user=user, purpose=Purpose.TIP, channel="push", slot_at=EVENING, due_at=EVENING
    )
    for language in ("en", "zh-hans"):
        user.profile.language = language
        for tip in Tip.objects.all():
            encode_payload(push_payload(delivery, compose(delivery, EVENING.date(), tip)))


def test_an_oversized_payload_is_refused_before_sending():
    with pytest.raises(ValueError, match="over"):
        encode_payload({"body": "x" * MAX_PAYLOAD_BYTES})


def test_a_device_on_a_push_service_no_longer_allowed_gets_email(
    user, evening_reminder, push_receiver, settings
):
    subscribe(user, push_receiver)
    settings.PUSH_ALLOW_LOOPBACK = False
    tick(EVENING)
    assert send_delivery(ReminderDelivery.objects.get().pk, EVENING) == State.SENT
    assert push_receiver.requests_seen == 0 and len(mail.outbox) == 1


def test_a_long_message_is_cut_to_fit_a_push_message(user):
    delivery = ReminderDelivery.objects.create(
        user=user, purpose=Purpose.TIP, channel="push", slot_at=EVENING, due_at=EVENING
    )
    user.profile.language = "zh-hans"
    message = compose(delivery, EVENING.date(), None)
    long_message = type(message)(message.title, "长" * 3000, message.url)
    payload = push_payload(delivery, long_message)
    assert len(encode_payload(payload)) <= MAX_PAYLOAD_BYTES
    assert payload["body"].startswith("长长长") and payload["body"].endswith("…")


def test_a_due_reminder_edited_while_the_tick_is_behind_is_still_sent(
    user, evening_reminder, push_receiver, queued
):
    """Beat was down for ten minutes; she changes the channel meanwhile: the slot is kept."""
    ten_minutes_late = EVENING + timedelta(minutes=10)
    evening_reminder.channel = "both"
    evening_reminder.reschedule_after_edit(ten_minutes_late)
    evening_reminder.save()
    assert evening_reminder.next_fire_at == EVENING
    tick(ten_minutes_late)
    delivery = ReminderDelivery.objects.get()
    assert (delivery.slot_at, delivery.channel) == (EVENING, "both")
    subscribe(user, push_receiver)
    assert send_delivery(delivery.pk, ten_minutes_late) == State.SENT
    # The slot after it follows the edit as usual.
    evening_reminder.refresh_from_db()
    assert evening_reminder.next_fire_at == EVENING + timedelta(days=1)


def test_a_schedule_turned_off_while_due_is_not_sent(user, evening_reminder, queued):
    evening_reminder.enabled = False
    evening_reminder.reschedule_after_edit(EVENING + timedelta(minutes=10))
    evening_reminder.save()
    assert tick(EVENING + timedelta(minutes=10)).deliveries == 0


def test_a_snooze_into_quiet_hours_waits_for_their_end(user, evening_reminder, push_receiver):
    """Quiet from 22:00 to 07:00 (London, GMT): snoozed at 21:50, it comes back at 07:00."""
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    subscribe(user, push_receiver)
    send_delivery(delivery.pk, EVENING)
    snoozed = snooze(delivery, datetime(2026, 11, 23, 21, 50, tzinfo=UTC))
    seven_next_morning = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    assert snoozed.due_at == seven_next_morning
    # And it is sent then, once.
    assert tick(seven_next_morning).enqueued == 1
    assert send_delivery(snoozed.pk, seven_next_morning) == State.SENT
    assert send_delivery(snoozed.pk, seven_next_morning) == "not claimed"
    assert len(push_receiver.wait_for(2)) == 2


def test_a_snooze_outside_quiet_hours_comes_back_in_30_minutes(user, evening_reminder):
    tick(EVENING)
    delivery = ReminderDelivery.objects.get()
    snoozed = snooze(delivery, EVENING)
    assert snoozed.due_at == EVENING + timedelta(minutes=30)
    # Snoozing the same notification twice snoozes it once.
    assert snooze(delivery, EVENING + timedelta(minutes=1)).pk == snoozed.pk


@pytest.mark.django_db(transaction=True)
def test_a_send_that_lost_its_lease_writes_nothing(user, push_receiver, settings):
    """A push service that answers 500 only after the lease ran out: meanwhile another send
    took the reminder over and it was sent. The late 500 must not turn it back to pending
    (which sent it a second time later)."""
    settings.REMINDER_LEASE_SECONDS = 1
    settings.PUSH_TIMEOUT_SECONDS = 5
    subscription = subscribe(user, push_receiver)
    now = timezone.now()
    delivery = ReminderDelivery.objects.create(
        user=user, purpose=Purpose.TEST, channel="push", slot_at=now, due_at=now
    )
    push_receiver.respond_with(subscription.endpoint, [500])
    push_receiver.stall(subscription.endpoint, "hang", seconds=2.5)
    states = []

    def first_send() -> None:
        try:
            states.append(send_delivery(delivery.pk))
        finally:
            connections.close_all()

    first = threading.Thread(target=first_send)
    first.start()
    wait_for(lambda: push_receiver.requests_seen == 1, 5, "the first push")
    time.sleep(1.2)  # its lease runs out
    assert send_delivery(delivery.pk) == State.SENT
    first.join()
    assert states == ["lease lost"]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.retry_at) == (State.SENT, 2, None)
    assert delivery.pushed_at is not None
    assert len(push_receiver.messages) == 1


def test_a_bad_subscription_or_a_failing_delivery_stays_with_its_own_reminder(
    user, other_user, push_receiver, monkeypatch
):
    """Keys no message can be encrypted to (kept before they were checked), and an error while
    composing one reminder: the others of the batch go out."""
    PushSubscription.objects.create(
        user=other_user, endpoint=push_receiver.origin + "/push/x", p256dh="AAAA", auth="AAAA"
    )
    third = User.objects.create_user("third@example.com", "a-long-password-3")
    for mother in (user, third):
        subscribe(mother, push_receiver)
    now = timezone.now()
    bad_key, good, broken = (
        ReminderDelivery.objects.create(
            user=mother, purpose=Purpose.TEST, channel="push", slot_at=now, due_at=now
        )
        for mother in (other_user, user, third)
    )
    compose = delivery_module.compose

    def compose_failing_for_the_third(delivery, day, tip):
        if delivery.pk == broken.pk:
            raise RuntimeError("something unexpected")
        return compose(delivery, day, tip)

    monkeypatch.setattr(delivery_module, "compose", compose_failing_for_the_third)
    states = send_deliveries([bad_key.pk, good.pk, broken.pk])
    assert states == {bad_key.pk: State.SENT, good.pk: State.SENT, broken.pk: State.PENDING}
    [message] = push_receiver.wait_for(1)
    assert message.payload["id"] == good.pk
    # No device of hers could take it: it went by email.
    assert [sent.to for sent in mail.outbox] == [[other_user.email]]
    broken.refresh_from_db()
    assert broken.retry_at > now and broken.lease_until is None


def test_with_the_default_settings_a_lost_send_goes_out_again_within_a_minute(
    user, evening_reminder, queued, settings, django_capture_on_commit_callbacks
):
    """Queued, then lost with a Redis restart; or claimed by a worker that was then killed."""
    every = settings.REMINDER_REQUEUE_EVERY_SECONDS  # the longest wait for the next requeue

    def queued_after(step, moment) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            step(moment)
        return len(queued)

    assert queued_after(tick, EVENING) == 1
    lost = EVENING + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS + 1)
    assert queued_after(requeue, lost - timedelta(seconds=2)) == 1
    assert queued_after(requeue, lost) == 2
    assert (lost - EVENING).total_seconds() + every < 60

    delivery = ReminderDelivery.objects.get()
    lease_end = lost + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        state=State.SENDING, lease_until=lease_end, attempts=1
    )
    assert queued_after(requeue, lease_end - timedelta(seconds=1)) == 2
    assert queued_after(requeue, lease_end + timedelta(seconds=1)) == 3
    assert (lease_end - lost).total_seconds() + 1 + every < 60
