"""/healthz/ is public: it names the parts that are down and nothing else. What the driver
said (hosts, ports, file paths, database users) goes to the log, for whoever runs it."""

import logging
import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reminders.models import TickRecord

pytestmark = pytest.mark.django_db


def ticked(seconds_ago: float) -> None:
    finished = timezone.now() - timedelta(seconds=seconds_ago)
    TickRecord.record(finished, 0.05, {"deliveries": 1, "missed": 0, "enqueued": 1})


def test_a_broker_error_is_logged_not_shown(client, caplog):
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


def test_a_database_error_is_logged_not_shown(client, caplog):
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
