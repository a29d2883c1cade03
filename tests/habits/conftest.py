"""Fixtures that only the tests of the catalogue and the advice use (none yet: the root
conftest's user, api and catalogue serve them)."""
