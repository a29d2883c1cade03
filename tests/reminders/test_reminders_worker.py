"""The reminder pipeline with real processes: Celery beat, workers, the broker, a push service.

Every test reads what arrived at the local push receiver, decrypted with the subscription's
private key and with its VAPID signature checked. In CI the broker is Redis.
"""

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from reminders.models import (
    Purpose,
    PushSubscription,
    ReminderDelivery,
    ReminderSchedule,
    TickRecord,
)
from reminders.pipeline import tick
from reminders.push import vapid_public_key
from tests.support.accounts import token_client
from tests.support.push_receiver import subscribe
from tests.support.require import require
from tests.support.worker import (
    kill_now,
    purge_queue,
    start_beat,
    start_ticker,
    start_worker,
    stop_processes,
    wait_for,
)
from tracker.models import User

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Seconds, for the worker and beat processes: a tick every second, and lost or abandoned
# sends found after five seconds instead of minutes.
FAST = {
    "REMINDER_TICK_SECONDS": "1",
    "REMINDER_REQUEUE_EVERY_SECONDS": "1",
    "REMINDER_REQUEUE_AFTER_SECONDS": "5",
    "REMINDER_LEASE_SECONDS": "5",
    "PUSH_TIMEOUT_SECONDS": "2",
}


@pytest.fixture
def processes(tmp_path):
    """Start workers and beats on demand; everything is stopped at the end."""
    with contextlib.suppress(Exception):
        purge_queue()
    started: list[subprocess.Popen] = []
    log_path = tmp_path / "processes.log"

    class Processes:
        log = log_path

        def worker(self, concurrency: int = 2, **env: str) -> subprocess.Popen:
            started.append(start_worker(log_path, concurrency, **{**FAST, **env}))
            return started[-1]

        def beat(self, **env: str) -> subprocess.Popen:
            """Beat, and the ticker worker that runs the ticks it schedules."""
            schedule = tmp_path / f"beat-{len(started)}"
            started.append(start_ticker(log_path, **{**FAST, **env}))
            started.append(start_beat(log_path, schedule, **{**FAST, **env}))
            return started[-1]

    yield Processes()
    stop_processes(started)


def mothers_due_now(receiver, count: int, first: int = 0) -> set[int]:
    """`count` mothers, each with a phone and an evening reminder due this second.

    Returns the ids of their schedules.
    """
    now = timezone.now()
    ids = set()
    for number in range(first, first + count):
        user = User.objects.create_user(f"mother{number}@example.com", "a-long-password-1")
        subscribe(user, receiver)
        schedule = ReminderSchedule.objects.create(
            user=user,
            purpose=Purpose.LOG_DAY,
            times=["20:30"],
            weekdays=list(range(7)),
            next_slot_at=now,
            next_fire_at=now,
        )
        ids.add(schedule.pk)
    return ids


def arrivals(receiver) -> Counter:
    """How many times each reminder reached the push service, by its notification tag."""
    return Counter(message.payload["tag"] for message in receiver.messages)


def everything_delivered(receiver, count: int) -> bool:
    """All `count` reminders reached the push service and the database recorded each as sent.

    The push service hears of a send a moment before the worker records it, so waiting on
    arrivals alone would race the last database write.
    """
    deliveries = dict(ReminderDelivery.objects.values_list("pk", "state"))
    return (
        len(deliveries) == count
        and set(deliveries.values()) == {"sent"}
        and set(arrivals(receiver)) >= {f"reminder-{pk}" for pk in deliveries}
    )


def test_a_reminder_goes_from_her_settings_to_her_phone(user, push_receiver, processes):
    """Subscribe and schedule through the API, then beat and a worker send it on time."""
    user.profile.quiet_start = user.profile.quiet_end  # no quiet hours: the test runs any time
    user.profile.save()
    api = token_client(user)
    subscription = push_receiver.new_subscription(vapid_public_key())
    assert api.post("/api/v1/push-subscriptions/", subscription, format="json").status_code == 201
    # The next whole minute, at least 5 seconds away, in her time zone.
    slot = (timezone.now() + timedelta(seconds=65)).replace(second=0, microsecond=0)
    local = slot.astimezone(user.profile.zone)
    created = api.post(
        "/api/v1/reminders/",
        {"purpose": "log_day", "times": [f"{local:%H:%M}"], "weekdays": list(range(7))},
        format="json",
    )
    assert created.json()["next_fire_at"] == slot.isoformat().replace("+00:00", "Z")

    processes.worker()
    processes.beat()
    [message] = push_receiver.wait_for(1, timeout=90)
    assert message.payload["title"] == "How is your back today?"
    assert message.payload["url"] == f"/day/{local:%Y-%m-%d}/"
    assert message.vapid_claims["sub"] == settings.VAPID_SUBJECT
    assert message.received_at - slot.timestamp() < 10, "more than 10 s late"
    wait_for(lambda: ReminderDelivery.objects.get().state == "sent", 10, "the delivery recorded")
    assert ReminderDelivery.objects.get().pushed_at is not None
    # Later ticks do not send it again.
    time.sleep(3)
    assert len(push_receiver.messages) == 1


def test_a_worker_killed_mid_batch_loses_nothing(push_receiver, processes):
    mothers_due_now(push_receiver, 300)
    first = processes.worker(concurrency=2)
    processes.beat()
    push_receiver.wait_for(40, timeout=60)
    kill_now(first)
    in_flight = set(ReminderDelivery.objects.filter(state="sending").values_list("pk", flat=True))
    processes.worker(concurrency=2)
    wait_for(lambda: everything_delivered(push_receiver, 300), 90, "every reminder", processes.log)
    # A send cut off between the push service taking it and the database recording its batch
    # is sent again when its lease runs out: at most one batch per killed worker thread. The
    # service worker shows it once, as its tag is the same.
    repeated = {tag for tag, count in arrivals(push_receiver).items() if count > 1}
    assert len(repeated) <= 2 * settings.REMINDER_SEND_BATCH
    assert repeated <= {f"reminder-{pk}" for pk in in_flight}
    assert max(arrivals(push_receiver).values()) <= 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int) -> None:
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(port),
         "--save", "", "--appendonly", "no"],
        check=True, capture_output=True,
    )  # fmt: skip
    wait_for(lambda: redis_answers(port), 10, f"redis on port {port}")


def redis_answers(port: int) -> bool:
    result = subprocess.run(
        ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "PONG"


@pytest.fixture
def own_redis():
    """A Redis server of the test's own, which it can restart without disturbing others."""
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    port = free_port()
    start_redis(port)
    yield port
    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)


def test_a_redis_restart_loses_nothing_and_doubles_nothing(push_receiver, processes, own_redis):
    broker = {"REDIS_URL": f"redis://127.0.0.1:{own_redis}/0"}
    mothers_due_now(push_receiver, 300)
    processes.worker(**broker)
    processes.beat(**broker)
    push_receiver.wait_for(30, timeout=60)
    # Everything queued in Redis is gone: it keeps nothing on disk.
    subprocess.run(["redis-cli", "-p", str(own_redis), "shutdown", "nosave"], capture_output=True)
    time.sleep(1)
    start_redis(own_redis)
    restarted = time.monotonic()
    wait_for(lambda: everything_delivered(push_receiver, 300), 90, "every reminder", processes.log)
    assert max(arrivals(push_receiver).values()) == 1
    # The lost sends were found and queued again after REMINDER_REQUEUE_AFTER_SECONDS (5 s
    # here), not minutes.
    assert time.monotonic() - restarted < 30


def test_two_beats_at_once_send_each_reminder_once(push_receiver, processes):
    mothers_due_now(push_receiver, 300)
    processes.worker(concurrency=2)
    processes.beat()
    processes.beat()
    wait_for(lambda: everything_delivered(push_receiver, 300), 90, "every reminder", processes.log)
    time.sleep(2)  # a few more ticks from both
    assert ReminderDelivery.objects.count() == 300
    assert max(arrivals(push_receiver).values()) == 1


def test_two_ticks_at_the_same_moment_split_the_work(push_receiver, queued):
    """SKIP LOCKED: concurrent ticks claim different schedules and never write a slot twice."""
    require(connection.vendor == "postgresql", "SKIP LOCKED needs PostgreSQL")
    mothers_due_now(push_receiver, 400)
    now = timezone.now()
    start = threading.Barrier(2)
    results = []

    def run() -> None:
        start.wait()
        try:
            results.append(tick(now))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.deliveries for result in results) == 400
    assert ReminderDelivery.objects.count() == 400
    assert sum(len(batch) for batch in queued) == 400


def test_slow_push_services_hold_up_neither_the_others_nor_the_tick(push_receiver, processes):
    """A quarter of the mothers have a push service that hangs or answers a byte a second.
    Everyone else in their batches gets hers on time, ticks go on every second meanwhile, the
    slow ones are cut off at the deadline and sent once on a retry."""
    mothers_due_now(push_receiver, 40)
    slow = list(PushSubscription.objects.order_by("pk"))[::4]
    for number, subscription in enumerate(slow):
        kind = "hang" if number % 2 else "trickle"
        push_receiver.stall(subscription.endpoint, kind, seconds=30)
    # Two threads for the two batches: each has slow pushes among everyone else's.
    processes.worker(concurrency=2, PUSH_TIMEOUT_SECONDS="4", REMINDER_LEASE_SECONDS="15")
    processes.beat(REMINDER_LEASE_SECONDS="15")
    push_receiver.wait_for(30, timeout=60)
    slow_deliveries = ReminderDelivery.objects.filter(user__push_subscriptions__in=slow)
    slow_tags = {f"reminder-{pk}" for pk in slow_deliveries.values_list("pk", flat=True)}
    assert len(slow_tags) == len(slow)
    # The worker's threads wait on the slow pushes now; the tick has a worker of its own.
    last_tick = TickRecord.last()
    assert last_tick and (timezone.now() - last_tick.finished_at).total_seconds() < 2.5
    on_time = [m.received_at for m in push_receiver.messages if m.payload["tag"] not in slow_tags]
    assert len(on_time) == 30
    # All within moments of each other (one push at a time, each waited for the slow ones
    # before it in its batch: 4 s per hang, 30 s per trickle).
    assert max(on_time) - min(on_time) < 2

    wait_for(lambda: everything_delivered(push_receiver, 40), 60, "every reminder", processes.log)
    assert max(arrivals(push_receiver).values()) == 1
    assert push_receiver.abandoned == len(slow)  # each cut off once, at the deadline
    slow_arrivals = [m.received_at for m in push_receiver.messages if m.payload["tag"] in slow_tags]
    assert min(slow_arrivals) - min(on_time) >= 4


def terminate_other_connections() -> int:
    """What a failover or a PostgreSQL restart does to every connection but this one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_workers_go_on_after_the_database_drops_their_connections(push_receiver, processes):
    require(connection.vendor == "postgresql", "killing connections needs PostgreSQL")
    mothers_due_now(push_receiver, 300)
    processes.worker(concurrency=2)
    processes.beat()
    push_receiver.wait_for(20, timeout=60)
    killed = 0
    for _ in range(3):  # new connections made meanwhile go too
        killed += terminate_other_connections()
        time.sleep(0.3)
    assert killed >= 2
    in_flight = set(ReminderDelivery.objects.filter(state="sending").values_list("pk", flat=True))
    wait_for(lambda: everything_delivered(push_receiver, 300), 60, "every reminder", processes.log)
    # Later ticks work: mothers due after the blip get theirs.
    mothers_due_now(push_receiver, 20, first=300)
    wait_for(lambda: everything_delivered(push_receiver, 320), 30, "the next ones", processes.log)
    # A send whose outcome could not be written is sent again after its lease.
    repeated = {tag for tag, count in arrivals(push_receiver).items() if count > 1}
    assert repeated <= {f"reminder-{pk}" for pk in in_flight}
    assert max(arrivals(push_receiver).values()) <= 2


def test_gone_busy_and_failing_push_services_with_a_real_worker(push_receiver, processes):
    """410 (the browser unsubscribed): the subscription goes and an email is sent instead. 429
    with Retry-After, and 500: sent again after the wait. Everyone else on time, nothing
    lost, nothing doubled."""
    mothers_due_now(push_receiver, 30)
    subscriptions = list(PushSubscription.objects.order_by("pk"))
    gone, busy, failing = subscriptions[0:3], subscriptions[10:13], subscriptions[20:23]
    for subscription in gone:
        push_receiver.gone(subscription.endpoint)
    for subscription in busy:
        push_receiver.respond_with(subscription.endpoint, [429], retry_after=7)
    for subscription in failing:
        push_receiver.respond_with(subscription.endpoint, [500])
    gone_users = {subscription.user_id for subscription in gone}
    processes.worker(concurrency=2)
    processes.beat()

    def all_sent() -> bool:
        states = dict(ReminderDelivery.objects.values_list("pk", "state"))
        return len(states) == 30 and set(states.values()) == {"sent"}

    wait_for(all_sent, 60, "every reminder sent", processes.log)
    assert len(push_receiver.messages) == 27 and max(arrivals(push_receiver).values()) == 1
    emailed = ReminderDelivery.objects.filter(pushed_at__isnull=True)
    assert {delivery.user_id for delivery in emailed} == gone_users
    assert all(delivery.emailed_at for delivery in emailed)
    assert not PushSubscription.objects.filter(pk__in=[s.pk for s in gone]).exists()

    by_user = {
        delivery.user_id: delivery for delivery in ReminderDelivery.objects.select_related("user")
    }
    arrived = {m.payload["id"]: m.received_at for m in push_receiver.messages}
    retried = {by_user[s.user_id].pk for s in busy + failing}
    healthy = [at for pk, at in arrived.items() if pk not in retried]
    assert max(healthy) - min(healthy) < 2
    for subscription in busy:  # no sooner than its Retry-After
        delivery = by_user[subscription.user_id]
        assert delivery.attempts == 2
        assert arrived[delivery.pk] - min(healthy) >= 7
    for subscription in failing:  # after the first backoff, 5 s
        delivery = by_user[subscription.user_id]
        assert delivery.attempts == 2
        assert arrived[delivery.pk] - min(healthy) >= 5
