"""Fixtures that only the tests of the shared web plumbing use (none yet: the root conftest's
user and api serve them)."""
