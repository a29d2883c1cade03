"""/healthz/ for load balancers, and the reminder pipeline's status for whoever runs it."""

import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from reminders.health import health_problems, pipeline_status
from reminders.models import Purpose, ReminderDelivery, ReminderSchedule, TickRecord

pytestmark = pytest.mark.django_db


def ticked(seconds_ago: float) -> None:
    finished = timezone.now() - timedelta(seconds=seconds_ago)
    TickRecord.record(finished, 0.05, {"deliveries": 3, "missed": 0, "enqueued": 3})


def test_healthy_when_the_database_and_broker_answer_and_the_tick_is_recent(client):
    ticked(30)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_tick_older_than_two_minutes_is_named(client):
    ticked(150)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["problems"] == ["tick"]
    assert "150 s ago" in health_problems()["tick"]


def test_no_tick_at_all_is_named(client):
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["problems"] == ["tick"]
    assert "no tick has run yet" in health_problems()["tick"]


def test_a_broker_that_does_not_answer_is_named(client):
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
