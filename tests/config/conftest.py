"""Fixtures of the tests of the project as a whole: a real worker, to check Celery's wiring,
and the tick's queued sends, for the upgrade from the first release."""

from tests.support.migrations import back_to_latest  # noqa: F401 (a fixture)
from tests.support.reminder_fixtures import queued  # noqa: F401 (a fixture)
from tests.support.worker import worker_process  # noqa: F401 (a fixture)
