"""Celery tasks: each takes ids, and the work is done by the modules they call.

The tick and the requeue run on a queue of their own (CELERY_TICK_QUEUE, see settings), so
sends waiting on slow push services never delay them. A task that failed on a lost database
connection is tried again: the connection is replaced before the next try (config/celery.py).
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from reminders import delivery, pipeline

DATABASE_ERRORS = (InterfaceError, OperationalError)
RETRY_ON_DATABASE_ERRORS = {
    "autoretry_for": DATABASE_ERRORS,
    "retry_backoff": 1,
    "retry_backoff_max": 16,
    "retry_jitter": False,
    "max_retries": 5,
}


@shared_task(name="reminders.tasks.tick", **RETRY_ON_DATABASE_ERRORS)
def tick() -> dict:
    """Every minute: write the due reminders and queue their sends."""
    return vars(pipeline.tick())


@shared_task(name="reminders.tasks.requeue", **RETRY_ON_DATABASE_ERRORS)
def requeue() -> dict:
    """Every few seconds: queue again the sends that were lost or are due for a retry."""
    return vars(pipeline.requeue())


@shared_task(name=pipeline.SEND_DELIVERIES_TASK, **RETRY_ON_DATABASE_ERRORS)
def send_deliveries(delivery_ids: list[int]) -> dict[int, str]:
    """Send a batch of reminders; each is claimed first, so a repeated batch sends nothing twice."""
    return delivery.send_deliveries(delivery_ids)


# The names these tasks had before reminders had an app of their own: messages queued under
# them before an upgrade still run.
shared_task(name="habits.tasks.tick", **RETRY_ON_DATABASE_ERRORS)(tick.run)
shared_task(name="habits.tasks.send_deliveries", **RETRY_ON_DATABASE_ERRORS)(send_deliveries.run)
