"""Fixtures of the tests of the shared web plumbing: a local push service, for the metrics
that count a reminder sent."""

from tests.support.reminder_fixtures import push_receiver  # noqa: F401 (a fixture)
