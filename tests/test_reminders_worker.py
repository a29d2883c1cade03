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

from reminders.models import Purpose, ReminderDelivery, ReminderSchedule
from reminders.pipeline import tick
from reminders.push import vapid_public_key
from tests.conftest import require, subscribe, token_client
from tests.worker import kill_now, purge_queue, start_beat, start_worker, stop_process, wait_for
from tracker.models import User

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Seconds, for the worker and beat processes: a tick every second, and lost or abandoned
# sends found after five seconds instead of minutes.
FAST = {
    "REMINDER_TICK_SECONDS": "1",
    "REMINDER_REQUEUE_AFTER_SECONDS": "5",
    "REMINDER_LEASE_SECONDS": "5",
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
            schedule = tmp_path / f"beat-{len(started)}"
            started.append(start_beat(log_path, schedule, **{**FAST, **env}))
            return started[-1]

    yield Processes()
    for process in started:
        stop_process(process)


def mothers_due_now(receiver, count: int) -> set[int]:
    """`count` mothers, each with a phone and an evening reminder due this second.

    Returns the ids of their schedules.
    """
    now = timezone.now()
    ids = set()
    for number in range(count):
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
    # A send cut off between the push service taking it and the database recording it is
    # sent again when its lease runs out: at most one per killed pool process. The service
    # worker shows it once, as its tag is the same.
    repeated = {tag for tag, count in arrivals(push_receiver).items() if count > 1}
    assert len(repeated) <= 2
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
    wait_for(lambda: everything_delivered(push_receiver, 300), 90, "every reminder", processes.log)
    assert max(arrivals(push_receiver).values()) == 1


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
