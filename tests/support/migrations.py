"""For tests that migrate the database back to an old state: whatever happens in the test,
the database is migrated forward again to the newest state, so the tests after it (in the
same process, with pytest-xdist) find every table and column."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def back_to_latest():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield latest
    MigrationExecutor(connection).migrate(latest)
