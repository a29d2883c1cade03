"""Fixtures that only the tests of accounts and the day log use (none yet: the root conftest's
user, api and catalogue serve them)."""
