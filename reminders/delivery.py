"""Sending reminders: claim a batch, decide whether each is still wanted, push or email it.

A batch's deliveries are claimed with one conditional update (pending and due, or their lease
ran out) before anything is sent, so each goes out once however many times its send was
queued. The claim gives each delivery a lease and a number (its attempts); the outcome is
written only while both are still this send's, so a send that outlived its lease writes
nothing over the next owner's. Each channel records when it succeeded, and each of her devices
whether its push service took the message (`pushed_to`), so a retry never repeats a channel or
a device that already worked: one phone that took it and another whose push service answered
429 or 5xx means it is delivered (pushed_at), and the other phone is tried again later.

A worker killed mid-batch leaves its claimed deliveries to be sent again when their lease runs
out: those its pushes had already reached arrive twice (the phone shows them once, by tag), at
most one batch (REMINDER_SEND_BATCH) per busy worker thread.
"""

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core import metrics
from reminders.local_times import end_of_quiet, quiet_hours_of
from reminders.messages import (
    SNOOZE_MINUTES,
    Message,
    compose,
    email_text,
    push_payload,
)
from reminders.models import Channel, Purpose, PushSubscription, ReminderDelivery
from reminders.push import Outcome, PushMessage, PushResult, encode_payload, post_all, prepare
from reminders.tip_choice import TipHistory
from tracker.models import DayLog

log = logging.getLogger(__name__)
State = ReminderDelivery.State
# Seconds to wait before each retry after a push service or mail server said "not now". The
# first is short: most 5xx answers are momentary, and a reminder is only useful on time.
BACKOFF_SECONDS = (5, 30, 120, 300, 600)


@dataclass
class Send:
    """One claimed delivery on its way through a batch, and what became of it."""

    delivery: ReminderDelivery
    state: str = ""  # its final state, once decided
    detail: str = ""
    message: Message | None = None
    # Her devices and what each push service answered (None until it has).
    pushes: list[tuple[PushSubscription, PushMessage | None]] = field(default_factory=list)
    results: list[PushResult] = field(default_factory=list)
    retry_after: int | None = None

    @property
    def decided(self) -> bool:
        return bool(self.state)

    def decide(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail


@dataclass
class Batch:
    """What the sends of one batch read, loaded in a few queries for the whole batch."""

    deliveries: list[ReminderDelivery]
    subscriptions: dict[int, list[PushSubscription]]
    day_logs: dict[tuple[int, date], DayLog]
    tip_history: TipHistory | None  # for the tip reminders that have no tip yet

    @classmethod
    def load(cls, delivery_ids: Iterable[int]) -> "Batch":
        deliveries = list(
            ReminderDelivery.objects.filter(pk__in=list(delivery_ids))
            .select_related("user__profile", "schedule", "tip")
            .order_by("pk")
        )
        users = {delivery.user_id for delivery in deliveries}
        subscriptions: dict[int, list[PushSubscription]] = defaultdict(list)
        for subscription in PushSubscription.objects.filter(user_id__in=users):
            subscriptions[subscription.user_id].append(subscription)
        tips_wanted = [
            (delivery.user, local_day(delivery))
            for delivery in deliveries
            if delivery.purpose == Purpose.TIP and delivery.tip is None
        ]
        tip_history = TipHistory.load(tips_wanted) if tips_wanted else None
        return cls(deliveries, subscriptions, cls.load_day_logs(deliveries), tip_history)

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
        ).only("user_id", "date", "pain_ratings", "exercises", "pelvic_floor_sessions")
        return {(log.user_id, log.date): log for log in logs}


def local_day(delivery: ReminderDelivery) -> date:
    """The day the reminder is about, in her time zone."""
    return delivery.slot_at.astimezone(delivery.user.profile.zone).date()


# A delivery is ours to send when it is pending and due (and past any retry time), or sending
# with its lease run out. Claiming adds one to `attempts`: the claim's number, which every
# write of the outcome must still find (see write_outcomes).
CLAIM_SQL = f"""
    UPDATE {ReminderDelivery._meta.db_table}
    SET state = %s, lease_until = %s, attempts = attempts + 1, updated_at = %s
    WHERE id IN ({{ids}})
      AND ((state = %s AND due_at <= %s AND (retry_at IS NULL OR retry_at <= %s))
           OR (state = %s AND lease_until < %s))
    RETURNING id
"""


def claim(delivery_ids: Sequence[int], now: datetime) -> list[int]:
    """Take the deliveries that are ours to send, in one statement; returns their ids."""
    if not delivery_ids:
        return []
    adapt = connection.ops.adapt_datetimefield_value
    lease_until = now + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    sql = CLAIM_SQL.format(ids=", ".join(["%s"] * len(delivery_ids)))
    params = [
        State.SENDING, adapt(lease_until), adapt(now), *delivery_ids,
        State.PENDING, adapt(now), adapt(now),
        State.SENDING, adapt(now),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def send_deliveries(delivery_ids: Sequence[int], now: datetime | None = None) -> dict[int, str]:
    """Send a batch of deliveries, each if it is ours to send; returns their states afterwards.

    The batch is claimed and read in a few queries, every push goes out at the same time, and
    the outcomes are written in one statement. Whatever goes wrong with one delivery (a bad
    key, a failing push service) stays with it. Without `now`, times are read from the clock.
    """
    clock = (lambda: now) if now is not None else timezone.now
    states = dict.fromkeys(delivery_ids, "not claimed")
    wanted = list(dict.fromkeys(delivery_ids))
    claimed = claim(wanted, clock())
    if not claimed:
        count_outcomes([], set(), len(wanted))
        return states
    batch = Batch.load(claimed)
    sends = [Send(delivery) for delivery in batch.deliveries]
    for send in sends:
        guarded(send, clock, prepare_send, send, clock(), batch)
    push_all([send for send in sends if send.pushes])
    answered = clock()
    note_push_results(sends, batch, answered)
    send_emails([send for send in sends if not send.decided], clock)
    lost = write_outcomes(sends, clock())
    for send in sends:
        states[send.delivery.pk] = "lease lost" if send.delivery.pk in lost else send.state
    count_outcomes(sends, lost, len(wanted) - len(claimed))
    return states


# What each final state is counted as in the metrics: a delivery back to pending will be retried.
OUTCOME_LABELS = {State.PENDING: "retry"}


def count_outcomes(sends: list[Send], lost: set[int], not_claimed: int) -> None:
    """The batch in the metrics (core.metrics): one increment per outcome, not per delivery."""
    outcomes = Counter(
        "lease_lost" if send.delivery.pk in lost else OUTCOME_LABELS.get(send.state, send.state)
        for send in sends
        if send.decided
    )
    if not_claimed:
        outcomes["already_taken"] = not_claimed
    for outcome, count in outcomes.items():
        metrics.REMINDER_DELIVERIES.labels(outcome).inc(count)
    for send in sends:
        delivery = send.delivery
        if send.state == State.SENT and delivery.pk not in lost:
            first = delivery.pushed_at or delivery.emailed_at
            metrics.REMINDER_LATENESS.observe((first - delivery.due_at).total_seconds())


def send_delivery(delivery_id: int, now: datetime | None = None) -> str:
    """Send one delivery if it is ours to send; returns its state afterwards."""
    return send_deliveries([delivery_id], now)[delivery_id]


def guarded(send: Send, clock: Callable[[], datetime], step: Callable, *args) -> None:
    """Run one step for one delivery; an error is that delivery's alone: it is tried again
    later (or, after its last attempt, fails), and the rest of the batch goes on."""
    try:
        step(*args)
    except Exception:
        log.exception("Reminder %s could not be sent", send.delivery.pk)
        send.pushes = []
        retry_later(send, clock(), None)


def prepare_send(send: Send, now: datetime, batch: Batch) -> None:
    """Decide whether it is still wanted, compose it, and encrypt it for each of her devices."""
    delivery = send.delivery
    day = local_day(delivery)
    if now - delivery.due_at > timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS):
        if delivery.pushed_at or delivery.emailed_at:
            # Too late for her other devices, but one of them has it.
            return send.decide(State.SENT)
        return send.decide(State.MISSED, "late")
    reason = reason_to_skip(delivery, batch.day_logs.get((delivery.user_id, day)))
    if reason:
        return send.decide(State.SKIPPED, reason)
    tip = delivery.tip
    if delivery.purpose == Purpose.TIP and tip is None:
        tip = batch.tip_history.choose(delivery.user, day, now)
        if tip is None:
            return send.decide(State.SKIPPED, "no_new_tip")
    message = compose(delivery, day, tip)
    delivery.tip = tip
    delivery.title, delivery.body, delivery.url = message.title, message.body, message.url
    send.message = message
    if delivery.channel in (Channel.PUSH, Channel.BOTH):
        devices = batch.subscriptions[delivery.user_id]
        # After a first attempt, only to the devices that have not taken it yet.
        waiting = [device for device in devices if device.pk not in delivery.pushed_to]
        if delivery.pushed_at is None or waiting:
            send.pushes = encrypt_for_devices(delivery, message, waiting)


def encrypt_for_devices(
    delivery: ReminderDelivery, message: Message, subscriptions: list[PushSubscription]
) -> list[tuple[PushSubscription, PushMessage | None]]:
    """The message encrypted for each of her devices; None for a device it cannot be sent to
    (keys that cannot be encrypted to, an endpoint no longer accepted)."""
    data = encode_payload(push_payload(delivery, message))
    urgency = "high" if delivery.purpose == Purpose.TEST else "normal"
    pushes = []
    for subscription in subscriptions:
        try:
            pushes.append((subscription, prepare(subscription, data, urgency, f"r{delivery.pk}")))
        except Exception:
            log.warning("Reminder %s: cannot push to %s", delivery.pk, subscription, exc_info=True)
            pushes.append((subscription, None))
    return pushes


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
    if (
        delivery.purpose == Purpose.PELVIC_FLOOR
        and log_of_day
        and sessions_on_track(delivery, log_of_day)
    ):
        return "sessions_logged"
    return ""


def sessions_on_track(delivery: ReminderDelivery, log_of_day: DayLog) -> bool:
    """She has done as many sessions that day as this reminder and the ones before it ask."""
    local = delivery.slot_at.astimezone(delivery.user.profile.zone).time()
    asked = sum(1 for moment in delivery.schedule.local_times if moment <= local)
    return len(log_of_day.pelvic_floor_sessions) >= max(asked, 1)


def push_all(sends: list[Send]) -> None:
    """Post every message of the batch at once; each send gets its devices' answers."""
    messages = [message for send in sends for _sub, message in send.pushes if message]
    try:
        answers = iter(post_all(messages))
    except Exception:
        # Nothing is known to have gone out: every one of them is tried again later.
        log.exception("Pushing a batch of %s failed", len(messages))
        answers = iter([PushResult(Outcome.RETRY)] * len(messages))
    for send in sends:
        send.results = [
            next(answers) if message else PushResult(Outcome.REJECTED)
            for _subscription, message in send.pushes
        ]


def note_push_results(sends: list[Send], batch: Batch, now: datetime) -> None:
    """Record what the push services said, device by device: delivered, gone, or try again.

    A reminder is delivered (pushed_at) once any of her devices took it, and each device that
    did is noted in `pushed_to`. A device whose push service said "not now" (429, 5xx, no
    answer) is tried again later, alone, even when another device took it. Subscriptions the
    push service says are gone are deleted, and those that took a message are noted, each in
    one statement for the batch.
    """
    gone, reached = [], []
    answers = Counter(result.outcome.value for send in sends for result in send.results)
    for outcome, count in answers.items():
        metrics.PUSH_RESULTS.labels(outcome).inc(count)
    for send in sends:
        if not send.pushes:
            continue
        delivery = send.delivery
        for (subscription, _message), result in zip(send.pushes, send.results, strict=True):
            if result.outcome == Outcome.GONE:
                gone.append(subscription.pk)
            elif result.outcome == Outcome.DELIVERED:
                reached.append(subscription)
                delivery.pushed_to = [*delivery.pushed_to, subscription.pk]
                delivery.pushed_at = delivery.pushed_at or now
            else:
                log.warning("Push for reminder %s: %s", delivery.pk, result)
        outcomes = {result.outcome for result in send.results}
        if Outcome.RETRY in outcomes and delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
            waits = [result.retry_after for result in send.results if result.retry_after]
            retry_later(send, now, max(waits, default=None))
        # Otherwise it is delivered, or no device took it and none will: email instead
        # (send_emails).
    if gone:
        PushSubscription.objects.filter(pk__in=gone).delete()
    PushSubscription.note_success(reached, now)


def send_emails(sends: list[Send], clock: Callable[[], datetime]) -> None:
    """Email the ones that want email, or whose push reached no device; then decide each.

    One connection to the mail server serves the batch."""
    mail = get_connection()
    try:
        for send in sends:
            guarded(send, clock, email_if_wanted, send, mail, clock)
    finally:
        mail.close()


def email_if_wanted(send: Send, mail: BaseEmailBackend, clock: Callable[[], datetime]) -> None:
    delivery = send.delivery
    wants_email = delivery.channel in (Channel.EMAIL, Channel.BOTH) or (
        delivery.channel == Channel.PUSH and delivery.pushed_at is None
    )
    if wants_email and delivery.emailed_at is None:
        subject, text = email_text(delivery, send.message)
        try:
            send_mail(subject, text, None, [delivery.user.email], connection=mail)
        except Exception:
            log.exception("Email for reminder %s failed", delivery.pk)
            mail.close()  # a broken connection is opened again for the next one
            if delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
                return retry_later(send, clock(), None)
        else:
            delivery.emailed_at = clock()
    if delivery.pushed_at or delivery.emailed_at:
        return send.decide(State.SENT)
    send.decide(State.FAILED, "no_channel")


def retry_later(send: Send, now: datetime, retry_after: int | None) -> None:
    """Back to pending, to be sent again after a backoff (or the push service's Retry-After).

    `now` is read after the attempt, so the wait starts when the service said "not now". After
    the last attempt it is not retried: it failed.
    """
    delivery = send.delivery
    if delivery.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        if delivery.pushed_at or delivery.emailed_at:
            return send.decide(State.SENT)  # a device or her inbox has it, if not every one
        return send.decide(State.FAILED, "no_channel")
    backoff = BACKOFF_SECONDS[min(delivery.attempts, len(BACKOFF_SECONDS)) - 1]
    delivery.retry_at = now + timedelta(seconds=max(backoff, retry_after or 0))
    send.decide(State.PENDING)


OUTCOME_COLUMNS = (
    "state", "detail", "retry_at", "tip_id", "title", "body", "url", "pushed_at", "pushed_to",
    "emailed_at",
)  # fmt: skip


def write_outcomes(sends: list[Send], now: datetime) -> set[int]:
    """Write every decided outcome of the batch, each only if this send still owns its delivery.

    Ours means still sending under this claim's number: if the lease ran out and another
    worker claimed it, this send's outcome is stale and is not written (it would undo the
    other's). Returns the ids whose outcome was not written for that reason.
    """
    sends = [send for send in sends if send.decided]
    if not sends:
        return set()
    rows = [outcome_row(send) for send in sends]
    if connection.vendor == "postgresql":
        written = write_outcomes_postgresql(rows, now)
    else:
        written = write_outcomes_each(rows, now)
    return {send.delivery.pk for send in sends} - written


def outcome_row(send: Send) -> dict:
    delivery = send.delivery
    return {
        "id": delivery.pk,
        "attempts": delivery.attempts,
        "state": send.state,
        "detail": send.detail,
        "retry_at": delivery.retry_at if send.state == State.PENDING else None,
        "tip_id": delivery.tip.pk if delivery.tip else None,
        "title": delivery.title,
        "body": delivery.body,
        "url": delivery.url,
        "pushed_at": delivery.pushed_at,
        "pushed_to": delivery.pushed_to,
        "emailed_at": delivery.emailed_at,
    }


# One statement for the batch: the outcomes are joined in as arrays, one per column.
WRITE_OUTCOMES_SQL = f"""
    UPDATE {ReminderDelivery._meta.db_table} AS d
    SET state = v.state, detail = v.detail, retry_at = v.retry_at, tip_id = v.tip_id,
        title = v.title, body = v.body, url = v.url, pushed_at = v.pushed_at,
        pushed_to = v.pushed_to::jsonb, emailed_at = v.emailed_at, lease_until = NULL,
        updated_at = %s
    FROM unnest(%s::bigint[], %s::int[], %s::text[], %s::text[], %s::timestamptz[],
                %s::bigint[], %s::text[], %s::text[], %s::text[], %s::timestamptz[],
                %s::text[], %s::timestamptz[])
         AS v(id, attempts, state, detail, retry_at, tip_id, title, body, url, pushed_at,
              pushed_to, emailed_at)
    WHERE d.id = v.id AND d.state = '{State.SENDING}' AND d.attempts = v.attempts
    RETURNING d.id
"""


def write_outcomes_postgresql(rows: list[dict], now: datetime) -> set[int]:
    columns = [[row[name] for row in rows] for name in ("id", "attempts", *OUTCOME_COLUMNS)]
    # The devices' ids go in as JSON text, read back as jsonb by the statement.
    at = ("id", "attempts", *OUTCOME_COLUMNS).index("pushed_to")
    columns[at] = [json.dumps(devices) for devices in columns[at]]
    with connection.cursor() as cursor:
        cursor.execute(WRITE_OUTCOMES_SQL, [now, *columns])
        return {row[0] for row in cursor.fetchall()}


def write_outcomes_each(rows: list[dict], now: datetime) -> set[int]:
    """The same for SQLite, a conditional update per row in one transaction."""
    written = set()
    with transaction.atomic():
        for row in rows:
            values = {name: row[name] for name in OUTCOME_COLUMNS}
            if ReminderDelivery.objects.filter(
                pk=row["id"], state=State.SENDING, attempts=row["attempts"]
            ).update(**values, lease_until=None, updated_at=now):
                written.add(row["id"])
    return written


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
