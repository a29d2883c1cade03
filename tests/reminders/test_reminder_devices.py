"""A reminder is delivered device by device: one phone that took it and another whose push
service answered 429 or 5xx means it is delivered, and the other phone alone is tried again;
the first never gets it twice, and no email goes out for a reminder a phone has."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reminders.delivery import send_delivery
from reminders.models import Purpose, ReminderDelivery
from tests.support.push_receiver import subscribe

pytestmark = pytest.mark.django_db

State = ReminderDelivery.State


@pytest.fixture
def two_phones(user, push_receiver):
    return subscribe(user, push_receiver), subscribe(user, push_receiver)


@pytest.fixture
def reminder(user) -> ReminderDelivery:
    now = timezone.now()
    return ReminderDelivery.objects.create(
        user=user, purpose=Purpose.TEST, channel="push", slot_at=now, due_at=now
    )


def received_by(push_receiver, subscription) -> int:
    return sum(
        1 for m in push_receiver.messages if m.subscription_endpoint == subscription.endpoint
    )


@pytest.mark.parametrize("busy", [429, 500, 503])
def test_a_second_phone_that_was_busy_is_tried_again_alone(
    two_phones, reminder, push_receiver, busy
):
    first, second = two_phones
    push_receiver.respond_with(second.endpoint, [busy], retry_after=20)
    now = timezone.now()
    assert send_delivery(reminder.pk, now) == State.PENDING
    reminder.refresh_from_db()
    # Delivered (her first phone has it), and the second is to be tried again.
    assert reminder.pushed_at is not None and reminder.pushed_to == [first.pk]
    assert reminder.retry_at >= now + timedelta(seconds=20)
    assert received_by(push_receiver, first) == 1

    assert send_delivery(reminder.pk, reminder.retry_at) == State.SENT
    push_receiver.wait_for(2)
    assert received_by(push_receiver, first) == 1
    assert received_by(push_receiver, second) == 1
    reminder.refresh_from_db()
    assert sorted(reminder.pushed_to) == sorted([first.pk, second.pk])
    assert reminder.status == "pushed" and not mail.outbox


def test_a_phone_that_stays_busy_leaves_the_reminder_sent_on_the_other(
    two_phones, reminder, push_receiver, settings
):
    first, second = two_phones
    push_receiver.respond_with(second.endpoint, [503] * settings.REMINDER_MAX_ATTEMPTS)
    moment = reminder.due_at
    states = []
    for _attempt in range(settings.REMINDER_MAX_ATTEMPTS):
        states.append(send_delivery(reminder.pk, moment))
        moment += timedelta(minutes=10)
    assert states[-1] == State.SENT and State.FAILED not in states
    assert received_by(push_receiver, first) == 1
    reminder.refresh_from_db()
    assert reminder.pushed_to == [first.pk] and reminder.emailed_at is None
    assert not mail.outbox


def test_when_every_phone_takes_it_it_is_sent_at_once(two_phones, reminder, push_receiver):
    assert send_delivery(reminder.pk) == State.SENT
    push_receiver.wait_for(2)
    reminder.refresh_from_db()
    assert sorted(reminder.pushed_to) == sorted(phone.pk for phone in two_phones)


def test_a_retry_too_late_for_the_second_phone_leaves_it_sent_on_the_first(
    two_phones, reminder, push_receiver, settings
):
    first, second = two_phones
    push_receiver.respond_with(second.endpoint, [500])
    assert send_delivery(reminder.pk, reminder.due_at) == State.PENDING
    late = reminder.due_at + timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS + 1)
    assert send_delivery(reminder.pk, late) == State.SENT
    assert received_by(push_receiver, second) == 0
    reminder.refresh_from_db()
    assert reminder.detail == "" and reminder.pushed_to == [first.pk]
