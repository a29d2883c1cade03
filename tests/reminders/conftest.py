"""Fixtures of the reminder tests: a local push service, and the sends a tick queues."""

from tests.support.migrations import back_to_latest  # noqa: F401 (a fixture)
from tests.support.reminder_fixtures import push_receiver, queued  # noqa: F401 (fixtures)
