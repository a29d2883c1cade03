"""The reminder tick: turn due schedules into deliveries, and queue the deliveries to send.

Runs once a minute from Celery beat (reminders.tasks.tick), on a queue and a worker of its own;
between ticks, requeue() looks every few seconds for sends that were lost, whose lease ran out
or whose retry is due. Every step is safe to run twice or at the same time in two processes:
- due schedules are claimed with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite
  serialises writers instead), so two ticks split the work instead of doubling it;
- a delivery is unique per (schedule, slot), so a slot is written once whatever happens;
- a send claims its delivery before sending (reminders.delivery), so a delivery queued twice
  is sent once.
Work is done in batches, and every query reads through an index on the due time, so a tick
costs what is due, not how many schedules exist.
"""

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from reminders.models import ReminderDelivery, ReminderSchedule, TickRecord

SEND_DELIVERIES_TASK = "reminders.tasks.send_deliveries"

CLAIM_BATCH = 1000


@dataclass
class TickResult:
    deliveries: int = 0
    missed: int = 0
    enqueued: int = 0


def tick(now: datetime | None = None) -> TickResult:
    started = time.monotonic()
    now = now or timezone.now()
    result = TickResult(missed=mark_stale_deliveries(now))
    while True:
        created, missed = claim_due_schedules(now)
        result.deliveries += created
        result.missed += missed
        # Queued batch by batch: workers send the first thousand while the tick claims the
        # next, instead of waiting for the whole minute's work to be written.
        result.enqueued += enqueue_due_deliveries(now)
        if created + missed < CLAIM_BATCH:
            break
    TickRecord.record(timezone.now(), time.monotonic() - started, asdict(result))
    return result


def requeue(now: datetime | None = None) -> TickResult:
    """Between ticks: queue again the sends that were lost, ran out of lease or are due for a
    retry, so none of them waits for the next minute."""
    now = now or timezone.now()
    return TickResult(missed=mark_stale_deliveries(now), enqueued=enqueue_due_deliveries(now))


def stale_before(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS)


def claim_due_schedules(now: datetime, batch: int = CLAIM_BATCH) -> tuple[int, int]:
    """Write a delivery for the next slot of up to `batch` due schedules and move them on.

    Returns (deliveries written, of which already too late and written as missed).
    """
    too_late = stale_before(now)
    with transaction.atomic():
        schedules = list(
            ReminderSchedule.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user__profile")
            .filter(enabled=True, next_fire_at__lte=now)
            .order_by("next_fire_at")[:batch]
        )
        deliveries = []
        for schedule in schedules:
            late = schedule.next_fire_at < too_late
            deliveries.append(
                ReminderDelivery(
                    user_id=schedule.user_id,
                    schedule=schedule,
                    purpose=schedule.purpose,
                    channel=schedule.channel,
                    slot_at=schedule.next_slot_at,
                    due_at=schedule.next_fire_at,
                    state=ReminderDelivery.State.MISSED if late else ReminderDelivery.State.PENDING,
                    detail="server_down" if late else "",
                )
            )
            # After a long outage, skip the slots in between rather than mark each one missed.
            schedule.reschedule(now if late else schedule.next_fire_at)
        # A slot already written (a replayed tick, or an edit that kept a delivered slot) is
        # left as it is: the unique constraint makes this the one place that decides.
        ReminderDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        save_next_fires(schedules)
    missed = sum(1 for d in deliveries if d.state == ReminderDelivery.State.MISSED)
    return len(deliveries) - missed, missed


def save_next_fires(schedules: list[ReminderSchedule]) -> None:
    """Write the schedules' new next_slot_at / next_fire_at in one statement.

    Django's bulk_update builds a CASE expression per row, which cost most of the tick's time
    on PostgreSQL; there one UPDATE joins the new values as arrays instead.
    """
    if connection.vendor != "postgresql":
        ReminderSchedule.objects.bulk_update(
            schedules, ["next_slot_at", "next_fire_at"], batch_size=CLAIM_BATCH
        )
        return
    table = ReminderSchedule._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS s SET next_slot_at = v.slot, next_fire_at = v.fire "
            "FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[]) AS v(id, slot, fire) "
            "WHERE s.id = v.id",
            [
                [schedule.pk for schedule in schedules],
                [schedule.next_slot_at for schedule in schedules],
                [schedule.next_fire_at for schedule in schedules],
            ],
        )


def mark_stale_deliveries(now: datetime) -> int:
    """Reminders still unsent long after their time are missed: a late reminder misleads."""
    return ReminderDelivery.objects.filter(
        state=ReminderDelivery.State.PENDING, due_at__lt=stale_before(now)
    ).update(state=ReminderDelivery.State.MISSED, detail="late", updated_at=now)


def enqueue_due_deliveries(now: datetime) -> int:
    """Queue a send for every due delivery that is not queued, or whose queued send was lost.

    A send is lost when the broker drops it (a Redis restart) or its worker dies holding the
    lease; both are found here by time and queued again. Queueing happens after commit, so a
    worker never looks for a row it cannot see yet.
    """
    requeue_before = now - timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS)
    waiting = (
        Q(state=ReminderDelivery.State.PENDING, due_at__lte=now)
        & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        & (
            Q(enqueued_at__isnull=True)
            | Q(enqueued_at__lt=requeue_before)
            | Q(enqueued_at__lt=F("retry_at"))
        )
    )
    # Queued again once when its lease runs out, then again only if that send is lost too.
    abandoned = Q(state=ReminderDelivery.State.SENDING, lease_until__lt=now) & (
        Q(enqueued_at__lt=F("lease_until")) | Q(enqueued_at__lt=requeue_before)
    )
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                ReminderDelivery.objects.select_for_update(skip_locked=True)
                .filter(waiting | abandoned)
                .order_by("due_at")
                .values_list("id", flat=True)[:CLAIM_BATCH]
            )
            ReminderDelivery.objects.filter(id__in=ids).update(enqueued_at=now)
            transaction.on_commit(lambda ids=ids: send_in_batches(ids))
        total += len(ids)
        if len(ids) < CLAIM_BATCH:
            return total


def send_in_batches(ids: list[int]) -> None:
    size = settings.REMINDER_SEND_BATCH
    for start in range(0, len(ids), size):
        queue_send(ids[start : start + size])


def queue_send(ids: list[int]) -> None:
    """Put one batch of sends on the broker for a worker (reminders.tasks.send_deliveries).

    The task is named, not imported: the tasks module is the thin top that calls this one.
    """
    current_app.send_task(SEND_DELIVERIES_TASK, args=[ids])
