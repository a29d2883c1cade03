"""An upgrade loses nothing of the reminders: not a row, not a queued task.

A database is filled at the migrations as they were before the reminders had an app of their
own (days, schedules, deliveries, subscriptions, share links, export jobs), migrated to the
current state, and read with today's models: every row is there, and the reminders work on
them. Tasks queued under their old names (habits.tasks.*) still run.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reminders.models import PushSubscription, ReminderDelivery, ReminderSchedule
from reminders.pipeline import tick
from reports.models import AccessLog, ExportJob, ShareLink
from tracker.models import DayLog, User, content_version

# The last migrations before reminders had an app of their own.
BEFORE = [
    ("tracker", "0004_profile_visit_questions"),
    ("habits", "0002_tips_and_reminders"),
    ("reports", "0001_initial"),
    ("reminders", None),
]
SLOT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)  # 20:30 in Shanghai
NEXT_SLOT = SLOT + timedelta(days=1)


def fill_old_database(apps) -> dict:
    """Rows as the old code wrote them, through the models of that time."""
    old_user = apps.get_model("tracker", "User")
    user = old_user.objects.create(email="before@example.com", password="!")
    apps.get_model("tracker", "Profile").objects.create(
        user=user, time_zone="Asia/Shanghai", quiet_start=time(22), quiet_end=time(7)
    )
    apps.get_model("tracker", "DayLog").objects.create(
        user=user,
        date=date(2026, 11, 20),
        mood=3,
        note="前一天",
        pain_ratings=[{"id": "5f0c8f0e-0000-4000-8000-000000000001", "score": 4,
                       "time": "07:30:00", "body_areas": ["lower_back"]}],
    )  # fmt: skip
    schedules = apps.get_model("habits", "ReminderSchedule")
    schedule = schedules.objects.create(
        user=user,
        purpose="log_day",
        times=["20:30"],
        weekdays=list(range(7)),
        next_slot_at=NEXT_SLOT,
        next_fire_at=NEXT_SLOT,
    )
    deliveries = apps.get_model("habits", "ReminderDelivery")
    sent = deliveries.objects.create(
        user=user, schedule=schedule, purpose="log_day", channel="push", slot_at=SLOT,
        due_at=SLOT, state="sent", title="Log your day", pushed_at=SLOT,
    )  # fmt: skip
    deliveries.objects.create(
        user=user, snoozed_from=sent, purpose="log_day", channel="push", slot_at=SLOT,
        due_at=SLOT + timedelta(minutes=30), state="pending",
    )  # fmt: skip
    apps.get_model("habits", "PushSubscription").objects.create(
        user=user, endpoint="https://fcm.googleapis.com/fcm/send/abc", p256dh="k", auth="a"
    )
    link = apps.get_model("reports", "ShareLink").objects.create(
        user=user, token_hash="0" * 64, expires_at=SLOT + timedelta(days=14)
    )
    apps.get_model("reports", "AccessLog").objects.create(link=link, what="page")
    apps.get_model("reports", "ExportJob").objects.create(
        user=user, format="pdf", start_date=date(2026, 11, 1), end_date=date(2026, 11, 20)
    )
    return {"user": user.pk, "schedule": schedule.pk, "sent": sent.pk}


@pytest.mark.slow  # migrates the database back and forth
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_every_row_survives_the_move_and_the_reminders_work_on_them(queued):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old_state = executor.loader.project_state([node for node in BEFORE if node[1]])
    ids = fill_old_database(old_state.apps)

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    user = User.objects.get(pk=ids["user"])
    assert user.profile.time_zone == "Asia/Shanghai"
    day = DayLog.objects.get(user=user)
    assert day.note == "前一天" and day.version == content_version(day.document)
    schedule = ReminderSchedule.objects.get(pk=ids["schedule"])
    assert schedule.user == user and schedule.times == ["20:30"]
    sent = ReminderDelivery.objects.get(pk=ids["sent"])
    assert sent.schedule == schedule and sent.snoozed_to.state == "pending"
    assert ReminderDelivery.objects.count() == 2
    assert PushSubscription.objects.get().user == user
    assert AccessLog.objects.get().link == ShareLink.objects.get(user=user)
    assert ExportJob.objects.get().user == user

    # The moved rows work: the tick claims the due schedule, writes its delivery, queues it.
    result = tick(NEXT_SLOT + timedelta(seconds=5))
    assert (result.deliveries, result.enqueued, result.missed) == (1, 1, 1)
    schedule.refresh_from_db()
    assert schedule.next_fire_at == NEXT_SLOT + timedelta(days=1)
    new = ReminderDelivery.objects.get(schedule=schedule, slot_at=NEXT_SLOT)
    assert queued == [[new.pk]]
    # The old snoozed one, a day late, is marked missed rather than sent at the wrong time.
    assert ReminderDelivery.objects.get(snoozed_from=sent).state == "missed"
    # New rows carry on from the old ones' ids, in the same tables.
    newer = ReminderSchedule.objects.create(user=user, purpose="tip", times=["09:00"])
    assert newer.pk > schedule.pk


@pytest.mark.django_db
def test_tasks_queued_under_their_old_names_still_run(
    user, queued, django_capture_on_commit_callbacks
):
    from config.celery import app
    from tracker.signals import signed_up

    app.loader.import_default_modules()  # what a worker does at start: finds every task
    signed_up.send(sender=User, user=user)  # her default reminders
    schedule = ReminderSchedule.objects.filter(user=user).first()
    ReminderSchedule.objects.filter(pk=schedule.pk).update(next_fire_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        ticked = app.tasks["habits.tasks.tick"].apply().get()
    assert ticked == {"deliveries": 1, "missed": 0, "enqueued": 1}
    (batch,) = queued
    states = app.tasks["habits.tasks.send_deliveries"].apply(args=[batch]).get()
    assert set(states) == set(batch)
