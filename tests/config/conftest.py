"""Fixtures of the tests of the project as a whole: a real worker, to check Celery's wiring."""

from tests.support.worker import worker_process  # noqa: F401 (a fixture)
