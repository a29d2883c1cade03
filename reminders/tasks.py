"""Celery tasks: each takes ids, and the work is done by the modules they call."""

from celery import shared_task

from reminders import delivery, pipeline


@shared_task(name="reminders.tasks.tick")
def tick() -> dict:
    """Every minute: write the due reminders and queue their sends."""
    return vars(pipeline.tick())


@shared_task(name=pipeline.SEND_DELIVERIES_TASK)
def send_deliveries(delivery_ids: list[int]) -> dict[int, str]:
    """Send a batch of reminders; each is claimed first, so a repeated batch sends nothing twice."""
    return delivery.send_deliveries(delivery_ids)


# The names these tasks had before reminders had an app of their own: messages queued under
# them before an upgrade still run.
shared_task(name="habits.tasks.tick")(tick.run)
shared_task(name="habits.tasks.send_deliveries")(send_deliveries.run)
