"""`manage.py backup_site` and `restore_site` on the embedded default (SQLite): the database
and the secrets go into a folder, come back into a new database, and anything that would
overwrite data or lose the VAPID key is refused before anything is changed.

The same commands on PostgreSQL, with the restored site running, are in test_restore_drill.py.
"""

import json
import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from reminders.push import vapid_public_key
from reminders.server_key import key_id
from reports.site_backup import SECRETS, Secrets
from tests.support.days import realistic_day
from tests.support.push_receiver import new_vapid_key_pair

ROOT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL path is walked by test_restore_drill.py")


def restore(folder: Path, database: Path, **env: str) -> subprocess.CompletedProcess:
    """restore_site in a new process, as on a new server: its own database file."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "VAPID_", "DATABASE_"))
    }
    environment.update(DATABASE_URL=f"sqlite:///{database}", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(folder)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_holds_the_database_and_the_secrets(sqlite_only, api, tmp_path):
    assert api.put("/api/v1/days/2026-11-20/", realistic_day(), format="json").status_code == 201
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=StringIO())

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"] == "sqlite"
    assert manifest["vapid_key_id"] == key_id(vapid_public_key())
    assert "reminders.0003_process_heartbeats_and_subscription_keys" in manifest["migrations"]
    assert (folder / SECRETS).stat().st_mode & 0o077 == 0  # its owner's alone
    secrets = Secrets.from_env((folder / SECRETS).read_text())
    assert secrets.secret_key == settings.SECRET_KEY
    assert "BEGIN PRIVATE KEY" in secrets.vapid_private_key
    with sqlite3.connect(folder / "database.sqlite3") as copy:
        assert copy.execute("SELECT note FROM tracker_daylog").fetchall() == [
            ("Bad night, better after a walk.",)
        ]


def test_restoring_brings_the_rows_and_the_vapid_key_back(sqlite_only, api, tmp_path):
    assert api.put("/api/v1/days/2026-11-20/", realistic_day(), format="json").status_code == 201
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=StringIO())
    key_file = tmp_path / "new-server" / "vapid_private.pem"

    result = restore(folder, tmp_path / "restored.sqlite3", VAPID_PRIVATE_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout
    with sqlite3.connect(tmp_path / "restored.sqlite3") as restored:
        assert restored.execute("SELECT count(*) FROM tracker_daylog").fetchone() == (1,)
    # A server without a key gets the backup's, which the subscriptions were made with.
    backed_up = Secrets.from_env((folder / SECRETS).read_text())
    assert key_file.read_text() == backed_up.vapid_private_key


def test_a_server_with_another_vapid_key_is_refused(sqlite_only, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=StringIO())
    other = new_vapid_key_pair().private_pem.replace("\n", "\\n")

    result = restore(folder, tmp_path / "restored.sqlite3", VAPID_PRIVATE_KEY=other)
    assert result.returncode != 0
    assert "is not the backup's" in result.stderr and "secrets.env" in result.stderr
    assert not (tmp_path / "restored.sqlite3").exists()  # nothing was touched


def test_a_database_with_tables_is_never_overwritten(sqlite_only, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=StringIO())
    with sqlite3.connect(tmp_path / "busy.sqlite3") as busy:
        busy.execute("CREATE TABLE hers (id integer)")

    result = restore(folder, tmp_path / "busy.sqlite3")
    assert result.returncode != 0
    assert "has tables: restore into a new, empty one" in result.stderr


def test_a_changed_file_is_refused(sqlite_only, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=StringIO())
    with (folder / "database.sqlite3").open("ab") as file:
        file.write(b"\0")

    with pytest.raises(CommandError, match="not the file backed up"):
        call_command("restore_site", str(folder))


def test_a_backup_goes_into_a_new_folder(tmp_path):
    (tmp_path / "old.txt").write_text("kept")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path))
    assert (tmp_path / "old.txt").read_text() == "kept"
