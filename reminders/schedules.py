"""Her reminder settings: sensible defaults, keeping next_fire_at right, the test reminder."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from reminders.models import Channel, Purpose, PushSubscription, ReminderDelivery, ReminderSchedule

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
# (purpose, local times, weekdays, skip if already logged). Evening for the log, when the
# day's pain is known; late morning for exercises, between feeds; a tip twice a week.
DEFAULT_SCHEDULES = [
    (Purpose.LOG_DAY, ["20:30"], EVERY_DAY, True),
    (Purpose.EXERCISES, ["10:30"], EVERY_DAY, True),
    (Purpose.TIP, ["14:00"], [0, 3], False),
]
TEST_REMINDER_COOLDOWN = timedelta(seconds=30)
# Pelvic-floor sessions, when she asks for them: morning, early afternoon and evening.
PELVIC_FLOOR_TIMES = ("08:30", "13:00", "19:30")


def create_default_schedules(user, now: datetime | None = None) -> list[ReminderSchedule]:
    now = now or timezone.now()
    schedules = []
    for purpose, times, weekdays, skip_if_logged in DEFAULT_SCHEDULES:
        schedule = ReminderSchedule(
            user=user,
            purpose=purpose,
            times=times,
            weekdays=weekdays,
            skip_if_logged=skip_if_logged,
            channel=Channel.PUSH,
        )
        schedule.reschedule(now)
        schedules.append(schedule)
    return ReminderSchedule.objects.bulk_create(schedules)


def reschedule_user(user, now: datetime | None = None) -> None:
    """After her time zone or quiet hours change, every schedule's next time moves with them."""
    now = now or timezone.now()
    with transaction.atomic():
        schedules = list(ReminderSchedule.objects.select_for_update().filter(user=user))
        for schedule in schedules:
            schedule.user = user
            schedule.reschedule_after_edit(now)
        ReminderSchedule.objects.bulk_update(schedules, ["next_slot_at", "next_fire_at"])


def send_test_reminder(user, now: datetime | None = None) -> ReminderDelivery:
    """A reminder right now on every channel she has, to check they work."""
    from reminders.pipeline import send_in_batches

    now = now or timezone.now()
    recent = ReminderDelivery.objects.filter(
        user=user, purpose=Purpose.TEST, created_at__gte=now - TEST_REMINDER_COOLDOWN
    ).first()
    if recent:
        return recent
    has_push = PushSubscription.objects.filter(user=user).exists()
    with transaction.atomic():
        delivery = ReminderDelivery.objects.create(
            user=user,
            purpose=Purpose.TEST,
            channel=Channel.PUSH if has_push else Channel.EMAIL,
            slot_at=now,
            due_at=now,
            enqueued_at=now,
        )
        transaction.on_commit(lambda: send_in_batches([delivery.pk]))
    return delivery
