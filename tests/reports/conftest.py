"""Fixtures of the export and share tests: a real worker for the exports made in the
background."""

from tests.support.worker import worker_process  # noqa: F401 (a fixture)
