"""Fixtures for tests that send reminders: a local push service, and the sends a tick queues.

The reminder tests use them, and so do the tests of metrics and upgrades that follow a
reminder through; each folder's conftest imports the ones it needs."""

import pytest

from tests.support.push_receiver import running_receiver


@pytest.fixture
def push_receiver():
    """A local push service that checks VAPID and decrypts what it receives."""
    with running_receiver() as receiver:
        yield receiver


@pytest.fixture
def queued(monkeypatch) -> list[list[int]]:
    """The batches of delivery ids the tick queues, instead of putting them on the broker."""
    batches: list[list[int]] = []
    monkeypatch.setattr("reminders.pipeline.queue_send", batches.append)
    return batches
