"""Fixtures of the export and share tests: a real worker for the exports made in the
background, and a local push service for the reminder that must not wait behind them."""

from tests.support.reminder_fixtures import push_receiver  # noqa: F401 (a fixture)
from tests.support.worker import worker_process  # noqa: F401 (a fixture)
