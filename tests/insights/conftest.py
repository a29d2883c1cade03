"""Fixtures that only the insights tests use (none yet: their diaries come from
tests/support/synthetic_history.py and tests/support/null_diaries.py)."""
