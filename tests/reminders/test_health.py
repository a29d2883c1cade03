"""/healthz/ for load balancers, and the reminder pipeline's status for whoever runs it.

/healthz/ is public: it names the parts that are down and nothing else. What the driver said
(hosts, ports, file paths, database users) goes to the log, for whoever runs it."""

import logging
import socket
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from reminders import heartbeats
from reminders.health import health_problems, pipeline_status
from reminders.models import (
    ProcessHeartbeat,
    Purpose,
    ReminderDelivery,
    ReminderSchedule,
    TickRecord,
)

pytestmark = pytest.mark.django_db


def ticked(seconds_ago: float) -> None:
    finished = timezone.now() - timedelta(seconds=seconds_ago)
    TickRecord.record(finished, 0.05, {"deliveries": 3, "missed": 0, "enqueued": 3})


KINDS = ("worker", "ticker", "exporter", "beat")


def alive(seconds_ago: float = 1, kinds=KINDS) -> None:
    """Heartbeats of the Procfile's processes, as they write them."""
    at = timezone.now() - timedelta(seconds=seconds_ago)
    queues = {
        "worker": [settings.CELERY_TASK_DEFAULT_QUEUE],
        "ticker": [settings.CELERY_TICK_QUEUE],
        "exporter": [settings.CELERY_EXPORT_QUEUE],
    }
    for kind in kinds:
        if kind == "beat":
            heartbeats.record("beat@host:1", "beat", [], at)
        else:
            heartbeats.record(f"{kind}@host", "worker", queues[kind], at)


@pytest.fixture
def running():
    alive()


def test_healthy_when_the_database_and_broker_answer_and_the_tick_is_recent(client, running):
    ticked(30)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("down", KINDS)
def test_a_kind_of_process_none_of_which_is_alive_is_named(client, down):
    ticked(5)
    alive(kinds=[kind for kind in KINDS if kind != down])
    alive(seconds_ago=16, kinds=[down])  # three heartbeats missed
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["problems"] == [down]
    assert "in the last 15 s" in health_problems()[down]


def test_one_live_worker_of_a_queue_is_enough(client, running):
    ticked(5)
    heartbeats.record("worker@elsewhere", "worker", [settings.CELERY_TASK_DEFAULT_QUEUE],
                      timezone.now() - timedelta(minutes=5))  # fmt: skip
    assert client.get("/healthz/").status_code == 200


def test_a_heartbeat_thread_writes_at_once_and_its_row_goes_when_it_stops(transactional_db):
    heartbeat = heartbeats.Heartbeat("worker@test", "worker", ["q"])
    heartbeat.start()
    try:
        deadline = time.monotonic() + 5
        while not ProcessHeartbeat.objects.filter(name="worker@test").exists():
            assert time.monotonic() < deadline, "no heartbeat written"
            time.sleep(0.05)
    finally:
        heartbeat.stop()
    assert not ProcessHeartbeat.objects.filter(name="worker@test").exists()


def test_a_tick_older_than_two_minutes_is_named(client, running):
    ticked(150)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["problems"] == ["tick"]
    assert "150 s ago" in health_problems()["tick"]


def test_no_tick_at_all_is_named(client, running):
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["problems"] == ["tick"]
    assert "no tick has run yet" in health_problems()["tick"]


def test_a_broker_that_does_not_answer_is_named(client, running):
    from config.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ticked(5)
    original = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"  # nothing listens there
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert list(response.json()["problems"]) == ["broker"]


def test_a_database_that_does_not_answer_is_named(client):
    if connection.vendor != "sqlite":
        pytest.skip("moves the SQLite file out of reach")
    ticked(5)
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "/nonexistent/folder/db.sqlite3"
    try:
        response = client.get("/healthz/")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
    assert response.status_code == 503
    assert list(response.json()["problems"]) == ["database"]


def delivery(user, state: str, late_seconds: float | None, due_ago: float = 600):
    due = timezone.now() - timedelta(seconds=due_ago)
    pushed = due + timedelta(seconds=late_seconds) if late_seconds is not None else None
    return ReminderDelivery.objects.create(
        user=user, purpose=Purpose.TEST, channel="push", slot_at=due, due_at=due,
        state=state, pushed_at=pushed,
    )  # fmt: skip


@pytest.fixture
def busy_hour(user):
    for late in (1, 2, 3, 4, 30):
        delivery(user, "sent", late)
    delivery(user, "sent", 500, due_ago=2 * 60 * 60)  # over an hour ago: not counted
    delivery(user, "missed", None)
    delivery(user, "pending", None, due_ago=5)
    delivery(user, "sending", None, due_ago=5)
    alive()
    ReminderSchedule.objects.create(
        user=user, purpose=Purpose.LOG_DAY, times=["20:30"], next_fire_at=timezone.now()
    )
    ticked(20)


def test_the_pipeline_at_a_glance(busy_hour):
    status = pipeline_status()
    assert (status.due_now, status.pending, status.sending) == (1, 1, 1)
    assert (status.sent_last_hour, status.missed_last_hour, status.failed_last_hour) == (5, 1, 0)
    assert (status.lateness_p50, status.lateness_p99) == (3.0, 30.0)
    assert 19 < status.last_tick_age < 30


def test_the_status_command_prints_it(busy_hour):
    out = StringIO()
    call_command("reminder_status", stdout=out)
    text = out.getvalue()
    assert "sent in the last hour        5" in text
    assert "lateness p50 / p99           3.0 s / 30.0 s" in text
    assert "3 written, 0 missed, 3 queued" in text
    assert "healthy" in text


def test_the_admin_shows_it_above_the_deliveries(busy_hour, client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@example.com", "an-admin-password-1")
    client.force_login(admin)
    page = client.get("/admin/reminders/reminderdelivery/").content.decode()
    assert "The reminder pipeline" in page
    assert "Missed in the last hour</th><td>1</td>" in page
    assert "3.0 / 30.0" in page


def test_a_lease_shorter_than_two_push_deadlines_is_refused(settings):
    from django.core.checks import run_checks

    assert not [e for e in run_checks() if e.id == "reminders.E001"]
    settings.REMINDER_LEASE_SECONDS = 15
    settings.PUSH_TIMEOUT_SECONDS = 10
    assert [e.id for e in run_checks() if e.id.startswith("reminders.")] == ["reminders.E001"]


def test_a_broker_error_is_logged_not_shown(client, caplog, running):
    from config.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ticked(5)
    original = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"  # nothing listens there
    try:
        with caplog.at_level(logging.WARNING, logger="reminders.views"):
            response = client.get("/healthz/")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "problems": ["broker"]}
    assert str(port) not in response.content.decode()
    assert str(port) in caplog.text and "broker" in caplog.text


def test_a_database_error_is_logged_not_shown(client, caplog, running):
    if connection.vendor != "sqlite":
        pytest.skip("moves the SQLite file out of reach")
    ticked(5)
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "/nonexistent/secret-folder/db.sqlite3"
    try:
        with caplog.at_level(logging.WARNING, logger="reminders.views"):
            response = client.get("/healthz/")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "problems": ["database"]}
    assert "Health check: database: " in caplog.text
