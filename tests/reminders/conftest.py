"""Fixtures of the reminder tests: a local push service, and the sends a tick queues."""

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
