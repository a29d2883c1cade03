"""Sending reminders: claim each, decide whether it is still wanted, push or email it.

A delivery is claimed with a conditional update (pending and due, or its lease ran out) before
anything is sent, so it goes out once however many times its send was queued. Each channel
records when it succeeded, so a retry never repeats a channel that already worked.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from reminders.local_times import end_of_quiet, quiet_hours_of
from reminders.messages import (
    SNOOZE_MINUTES,
    Message,
    compose,
    email_text,
    push_payload,
)
from reminders.models import Channel, Purpose, PushSubscription, ReminderDelivery
from reminders.push import Outcome, send_push
from reminders.tip_choice import choose_tip
from tracker.models import DayLog

log = logging.getLogger(__name__)
State = ReminderDelivery.State
# Seconds to wait before each retry after a push service or mail server said "not now".
BACKOFF_SECONDS = (30, 60, 120, 300, 600)
# What a send found out, written with its final state in one update: a retry then knows which
# channels already worked, and the inbox shows what was said.
OUTCOME_FIELDS = ("tip", "title", "body", "url", "pushed_at", "emailed_at", "updated_at")


@dataclass
class Batch:
    """What the sends of one batch read, loaded in three queries for the whole batch.

    Each delivery is still claimed, sent and recorded on its own, so a worker killed mid-batch
    leaves at most the one it was sending in doubt.
    """

    deliveries: dict[int, ReminderDelivery]
    subscriptions: dict[int, list[PushSubscription]]
    day_logs: dict[tuple[int, date], DayLog]
    # Subscriptions a push went through, recorded once at the end of the batch.
    reached: dict[int, PushSubscription] = field(default_factory=dict)

    @classmethod
    def load(cls, delivery_ids: Iterable[int]) -> "Batch":
        # Finished deliveries never become claimable again, so they need not be read.
        deliveries = {
            delivery.pk: delivery
            for delivery in ReminderDelivery.objects.filter(
                pk__in=list(delivery_ids), state__in=(State.PENDING, State.SENDING)
            ).select_related("user__profile", "schedule", "tip")
        }
        users = {delivery.user_id for delivery in deliveries.values()}
        subscriptions: dict[int, list[PushSubscription]] = defaultdict(list)
        for subscription in PushSubscription.objects.filter(user_id__in=users):
            subscriptions[subscription.user_id].append(subscription)
        return cls(deliveries, subscriptions, cls.load_day_logs(deliveries.values()))

    @staticmethod
    def load_day_logs(deliveries: Iterable[ReminderDelivery]) -> dict[tuple[int, date], DayLog]:
        wanted = {
            (delivery.user_id, local_day(delivery))
            for delivery in deliveries
            if delivery.schedule is not None and delivery.schedule.skip_if_logged
        }
        if not wanted:
            return {}
        logs = DayLog.objects.filter(
            user_id__in={user_id for user_id, _ in wanted}, date__in={day for _, day in wanted}
        ).only("user_id", "date", "pain_ratings", "exercises")
        return {(log.user_id, log.date): log for log in logs}

    def note_successes(self, now: datetime) -> None:
        PushSubscription.note_success(self.reached.values(), now)


def local_day(delivery: ReminderDelivery) -> date:
    """The day the reminder is about, in her time zone."""
    return delivery.slot_at.astimezone(delivery.user.profile.zone).date()


# The claim runs once for every reminder sent. As SQL it costs a fraction of the CPU the ORM
# spends composing the same conditional update, which adds up when thousands go out in a minute.
CLAIM_SQL = f"""
    UPDATE {ReminderDelivery._meta.db_table}
    SET state = %s, lease_until = %s, attempts = attempts + 1, updated_at = %s
    WHERE id = %s
      AND ((state = %s AND due_at <= %s AND (retry_at IS NULL OR retry_at <= %s))
           OR (state = %s AND lease_until < %s))
"""


def claim(
    delivery_id: int, now: datetime, known: ReminderDelivery | None
) -> ReminderDelivery | None:
    """Take the delivery for this worker, or None if it is not ours to send.

    Ours means pending and due (and past any retry time), or sending with its lease run out.
    `known` is the delivery as the batch read it. It is claimed only if nobody wrote it since,
    so what a retry must not repeat (the channels that worked) is never stale; if somebody did,
    it is claimed and read again.
    """
    if known is None:
        return None
    lease_until = now + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    if take(delivery_id, now, lease_until, unchanged_since=known.updated_at):
        known.state, known.lease_until, known.updated_at = State.SENDING, lease_until, now
        known.attempts += 1
        return known
    if not take(delivery_id, now, lease_until):
        return None
    return ReminderDelivery.objects.select_related("user__profile", "schedule", "tip").get(
        pk=delivery_id
    )


def take(
    delivery_id: int, now: datetime, lease_until: datetime, unchanged_since: datetime | None = None
) -> bool:
    adapt = connection.ops.adapt_datetimefield_value
    sql = CLAIM_SQL
    params = [
        State.SENDING, adapt(lease_until), adapt(now), delivery_id,
        State.PENDING, adapt(now), adapt(now),
        State.SENDING, adapt(now),
    ]  # fmt: skip
    if unchanged_since is not None:
        sql += " AND updated_at = %s"
        params.append(adapt(unchanged_since))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def send_deliveries(delivery_ids: Sequence[int], now: datetime | None = None) -> dict[int, str]:
    """Send a batch of deliveries, each if it is ours to send; returns their states afterwards.

    Without `now`, each send reads the clock when its turn comes, as a batch can take a while.
    """
    batch = Batch.load(delivery_ids)
    states = {
        delivery_id: send_from_batch(delivery_id, now or timezone.now(), batch)
        for delivery_id in delivery_ids
    }
    batch.note_successes(now or timezone.now())
    return states


def send_delivery(delivery_id: int, now: datetime | None = None) -> str:
    """Send one delivery if it is ours to send; returns its state afterwards."""
    return send_deliveries([delivery_id], now)[delivery_id]


def send_from_batch(delivery_id: int, now: datetime, batch: Batch) -> str:
    delivery = claim(delivery_id, now, batch.deliveries.get(delivery_id))
    if delivery is None:
        return "not claimed"
    day = local_day(delivery)

    if now - delivery.due_at > timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS):
        return finish(delivery, State.MISSED, "late")
    reason = reason_to_skip(delivery, batch.day_logs.get((delivery.user_id, day)))
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
    return deliver(delivery, message, now, batch)


def reason_to_skip(delivery: ReminderDelivery, log_of_day: DayLog | None) -> str:
    if delivery.purpose == Purpose.TEST:
        return ""
    schedule = delivery.schedule
    if schedule is None or not schedule.enabled:
        return "turned_off"
    if not schedule.skip_if_logged:
        return ""
    if delivery.purpose == Purpose.LOG_DAY and log_of_day and log_of_day.pain_ratings:
        return "already_logged"
    if delivery.purpose == Purpose.EXERCISES and log_of_day and log_of_day.exercises:
        return "exercises_logged"
    return ""


def deliver(delivery: ReminderDelivery, message: Message, now: datetime, batch: Batch) -> str:
    wants_push = delivery.channel in (Channel.PUSH, Channel.BOTH)
    wants_email = delivery.channel in (Channel.EMAIL, Channel.BOTH)
    retry_after = None

    if wants_push and delivery.pushed_at is None:
        outcome, retry_after = push_everywhere(delivery, message, batch)
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


def push_everywhere(
    delivery: ReminderDelivery, message: Message, batch: Batch
) -> tuple[Outcome, int | None]:
    """Push to each of her devices. Delivered if any took it; retry if any asked for later.

    A subscription the push service says is gone is deleted, and taken out of the batch.
    """
    payload = push_payload(delivery, message)
    urgency = "high" if delivery.purpose == Purpose.TEST else "normal"
    subscriptions = batch.subscriptions[delivery.user_id]
    results = []
    for subscription in list(subscriptions):
        result = send_push(subscription, payload, urgency=urgency, topic=f"r{delivery.pk}")
        results.append(result)
        if result.outcome == Outcome.GONE:
            subscription.delete()
            subscriptions.remove(subscription)
        elif result.outcome == Outcome.DELIVERED:
            batch.reached[subscription.pk] = subscription
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
    profile = delivery.user.profile
    quiet = quiet_hours_of(profile)
    # A snooze at 21:50 must not wake her at 22:20: like any reminder, it waits for quiet
    # hours to end.
    if quiet and quiet.contains(later.astimezone(profile.zone).time()):
        later = end_of_quiet(later, quiet, profile.zone)
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
        # Read, not delivery.snoozed_to: the failed create left an unsaved object in that cache.
        return ReminderDelivery.objects.get(snoozed_from=delivery)
