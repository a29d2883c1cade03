"""Celery tasks: each takes ids, and the work is done by the modules they call."""

from celery import shared_task

from habits import delivery, reminder_pipeline


@shared_task
def tick() -> dict:
    """Every minute: write the due reminders and queue their sends."""
    return vars(reminder_pipeline.tick())


@shared_task
def send_deliveries(delivery_ids: list[int]) -> dict[int, str]:
    """Send a batch of reminders; each is claimed first, so a repeated batch sends nothing twice."""
    return delivery.send_deliveries(delivery_ids)
