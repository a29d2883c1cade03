"""Fixtures of the tests of accounts and the day log: the root conftest's user, api and
catalogue serve most; the upgrade tests migrate the database back and forth."""

from tests.support.migrations import back_to_latest  # noqa: F401 (a fixture)
