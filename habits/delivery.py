"""Sending one reminder: claim it, decide whether it is still wanted, push or email it.

A delivery is claimed with a conditional update (pending and due, or its lease ran out) before
anything is sent, so it goes out once however many times its send was queued. Each channel
records when it succeeded, so a retry never repeats a channel that already worked.
"""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from habits.models import Channel, Purpose, PushSubscription, ReminderDelivery
from habits.push import Outcome, send_push
from habits.reminder_messages import (
    SNOOZE_MINUTES,
    Message,
    compose,
    email_text,
    push_payload,
)
from habits.tip_choice import choose_tip
from tracker.models import DayLog

log = logging.getLogger(__name__)
State = ReminderDelivery.State
# Seconds to wait before each retry after a push service or mail server said "not now".
BACKOFF_SECONDS = (30, 60, 120, 300, 600)
# What a send found out, written with its final state in one update: a retry then knows which
# channels already worked, and the inbox shows what was said.
OUTCOME_FIELDS = ("tip", "title", "body", "url", "pushed_at", "emailed_at", "updated_at")


def claim(delivery_id: int, now: datetime) -> ReminderDelivery | None:
    """Take the delivery for this worker, or None if it is not ours to send."""
    claimable = Q(state=State.PENDING, due_at__lte=now) & (
        Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    ) | Q(state=State.SENDING, lease_until__lt=now)
    taken = ReminderDelivery.objects.filter(claimable, pk=delivery_id).update(
        state=State.SENDING,
        lease_until=now + timedelta(seconds=settings.REMINDER_LEASE_SECONDS),
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not taken:
        return None
    return ReminderDelivery.objects.select_related("user__profile", "schedule", "tip").get(
        pk=delivery_id
    )


def send_delivery(delivery_id: int, now: datetime | None = None) -> str:
    """Send one delivery if it is ours to send; returns its state afterwards."""
    now = now or timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return "not claimed"
    profile = delivery.user.profile
    day = delivery.slot_at.astimezone(profile.zone).date()

    if now - delivery.due_at > timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS):
        return finish(delivery, State.MISSED, "late")
    reason = reason_to_skip(delivery, day)
    if reason:
        return finish(delivery, State.SKIPPED, reason)
    tip = delivery.tip
    if delivery.purpose == Purpose.TIP and tip is None:
        tip = choose_tip(delivery.user, day, now)
        if tip is None:
            return finish(delivery, State.SKIPPED, "no_new_tip")
    message = compose(delivery, day, tip)
    delivery.tip = tip
    delivery.title, delivery.body, delivery.url = message.title, message.body, message.url
    return deliver(delivery, message, now)


def reason_to_skip(delivery: ReminderDelivery, day: date) -> str:
    if delivery.purpose == Purpose.TEST:
        return ""
    schedule = delivery.schedule
    if schedule is None or not schedule.enabled:
        return "turned_off"
    if not schedule.skip_if_logged:
        return ""
    log_of_day = DayLog.objects.filter(user_id=delivery.user_id, date=day).first()
    if delivery.purpose == Purpose.LOG_DAY and log_of_day and log_of_day.pain_ratings:
        return "already_logged"
    if delivery.purpose == Purpose.EXERCISES and log_of_day and log_of_day.exercises:
        return "exercises_logged"
    return ""


def deliver(delivery: ReminderDelivery, message: Message, now: datetime) -> str:
    wants_push = delivery.channel in (Channel.PUSH, Channel.BOTH)
    wants_email = delivery.channel in (Channel.EMAIL, Channel.BOTH)
    retry_after = None

    if wants_push and delivery.pushed_at is None:
        outcome, retry_after = push_everywhere(delivery, message)
        if outcome == Outcome.DELIVERED:
            delivery.pushed_at = now
        elif outcome == Outcome.RETRY and delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
            return retry_later(delivery, now, retry_after)
        else:
            # No phone to reach, or the push services refused for good: email instead.
            wants_email = True

    if wants_email and delivery.emailed_at is None:
        subject, text = email_text(delivery, message)
        try:
            send_mail(subject, text, None, [delivery.user.email])
        except Exception:
            log.exception("Email for reminder %s failed", delivery.pk)
            if delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
                return retry_later(delivery, now, None)
        else:
            delivery.emailed_at = now

    if delivery.pushed_at or delivery.emailed_at:
        return finish(delivery, State.SENT, "")
    return finish(delivery, State.FAILED, "no_channel")


def push_everywhere(delivery: ReminderDelivery, message: Message) -> tuple[Outcome, int | None]:
    """Push to each of her devices. Delivered if any took it; retry if any asked for later."""
    payload = push_payload(delivery, message)
    urgency = "high" if delivery.purpose == Purpose.TEST else "normal"
    results = []
    for subscription in PushSubscription.objects.filter(user_id=delivery.user_id):
        result = send_push(subscription, payload, urgency=urgency, topic=f"r{delivery.pk}")
        results.append(result)
        if result.outcome == Outcome.GONE:
            subscription.delete()
        elif result.outcome == Outcome.DELIVERED:
            subscription.note_success()
        else:
            log.warning("Push for reminder %s: %s", delivery.pk, result)
    outcomes = {result.outcome for result in results}
    if Outcome.DELIVERED in outcomes:
        return Outcome.DELIVERED, None
    if Outcome.RETRY in outcomes:
        waits = [result.retry_after for result in results if result.retry_after]
        return Outcome.RETRY, max(waits, default=None)
    return Outcome.REJECTED, None


def retry_later(delivery: ReminderDelivery, now: datetime, retry_after: int | None) -> str:
    backoff = BACKOFF_SECONDS[min(delivery.attempts, len(BACKOFF_SECONDS)) - 1]
    delivery.retry_at = now + timedelta(seconds=max(backoff, retry_after or 0))
    delivery.state = State.PENDING
    delivery.lease_until = None
    delivery.save(update_fields=["retry_at", "state", "lease_until", *OUTCOME_FIELDS])
    return delivery.state


def finish(delivery: ReminderDelivery, state: str, detail: str) -> str:
    delivery.state = state
    delivery.detail = detail
    delivery.lease_until = None
    delivery.save(update_fields=["state", "detail", "lease_until", *OUTCOME_FIELDS])
    return state


def snooze(delivery: ReminderDelivery, now: datetime | None = None) -> ReminderDelivery:
    """The same reminder again in 30 minutes; snoozing one notification twice snoozes once."""
    now = now or timezone.now()
    later = now + timedelta(minutes=SNOOZE_MINUTES)
    try:
        with transaction.atomic():
            return ReminderDelivery.objects.create(
                user_id=delivery.user_id,
                schedule=delivery.schedule,
                snoozed_from=delivery,
                purpose=delivery.purpose,
                channel=delivery.channel,
                tip=delivery.tip,
                slot_at=delivery.slot_at,
                due_at=later,
            )
    except IntegrityError:
        return delivery.snoozed_to
