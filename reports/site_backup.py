"""A backup of the whole site, and restoring it: the database, and the secrets that must
survive with it (`manage.py backup_site DIR`, `manage.py restore_site DIR`).

A backup is a new folder holding:
  database.dump     PostgreSQL: pg_dump's custom format, every table of every app
  database.sqlite3  or, on the embedded default, SQLite's online copy of the database file
  secrets.env       SECRET_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT, as environment lines
                    (readable by its owner only: keep it as safe as the database)
  manifest.json     when, which database, the migrations applied, the VAPID public key's
                    fingerprint, and each file's SHA-256

The VAPID key matters most: every phone's push subscription was made with it, and a push
service refuses pushes signed with any other. The SECRET_KEY signs sessions, sign-up links and
the notifications' action tokens.

Restoring checks the files against the manifest, then the secrets before touching anything:
the running environment must hold the backup's VAPID key (or none at all, on the embedded
default: the key file is then written from the backup). It restores only into an empty
database (a new one: `createdb`, or a missing SQLite file), so nothing is ever overwritten.
Migrations the backup lacks are applied afterwards by `manage.py migrate`.
"""

import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from reminders.push import push_configured, vapid_key, vapid_public_key
from reminders.server_key import key_id

FORMAT = "backcare-site-backup"
VERSION = 1
MANIFEST = "manifest.json"
SECRETS = "secrets.env"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class SiteBackupError(Exception):
    """A backup that cannot be made or restored here, and why; nothing was changed."""


@dataclass
class Secrets:
    secret_key: str
    vapid_private_key: str  # PEM
    vapid_subject: str

    def as_env(self) -> str:
        one_line = self.vapid_private_key.strip().replace("\n", "\\n")
        return (
            f"SECRET_KEY={shlex.quote(self.secret_key)}\n"
            f"VAPID_PRIVATE_KEY={shlex.quote(one_line)}\n"
            f"VAPID_SUBJECT={shlex.quote(self.vapid_subject)}\n"
        )

    @classmethod
    def from_env(cls, text: str) -> "Secrets":
        values = {}
        for line in text.splitlines():
            name, equals, value = line.partition("=")
            if equals:
                values[name.strip()] = shlex.split(value)[0] if value.strip() else ""
        return cls(
            values["SECRET_KEY"],
            values["VAPID_PRIVATE_KEY"].replace("\\n", "\n"),
            values["VAPID_SUBJECT"],
        )


def current_secrets() -> Secrets:
    if not push_configured():
        raise SiteBackupError("This server has no VAPID key: there is nothing to back up with.")
    pem = vapid_key().private_pem().decode()
    return Secrets(settings.SECRET_KEY, pem, settings.VAPID_SUBJECT)


def backup(folder: Path) -> dict:
    """Write a backup into `folder` (new, or empty); returns its manifest."""
    if folder.exists() and any(folder.iterdir()):
        raise SiteBackupError(f"{folder} is not empty: a backup goes into a new folder.")
    secrets = current_secrets()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    database_file = folder / DATABASE_FILES[vendor()]
    dump_database(database_file)
    secrets_file = folder / SECRETS
    secrets_file.touch(mode=0o600)
    secrets_file.write_text(secrets.as_env())
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "database": vendor(),
        "migrations": applied_migrations(),
        "vapid_key_id": key_id(vapid_public_key()),
        "files": {path.name: sha256(path) for path in (database_file, secrets_file)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def restore(folder: Path) -> dict:
    """Restore the backup in `folder` into this server's (empty) database; returns its
    manifest. Raises SiteBackupError, having changed nothing, when it cannot."""
    manifest = read_manifest(folder)
    secrets = Secrets.from_env((folder / SECRETS).read_text())
    check_vapid_key(manifest, folder)
    check_database_is_empty()
    restore_database(folder / DATABASE_FILES[manifest["database"]])
    if not push_configured():
        write_vapid_key_file(secrets.vapid_private_key)
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise SiteBackupError(f"{path} is missing: not a site backup.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise SiteBackupError(f"{path} is not a site backup this version can read.")
    if manifest["database"] != vendor():
        raise SiteBackupError(
            f"This backup is of a {manifest['database']} database; DATABASE_URL is {vendor()}."
        )
    for name, digest in manifest["files"].items():
        if not (folder / name).is_file() or sha256(folder / name) != digest:
            raise SiteBackupError(f"{folder / name} is missing or not the file backed up.")
    return manifest


def check_vapid_key(manifest: dict, folder: Path) -> None:
    """The restored subscriptions need the backup's VAPID key: refuse any other. Without any
    key (the embedded default's key file is missing), the backup's is written to that file
    once the database is restored."""
    if not push_configured():
        return
    held = key_id(vapid_public_key())
    if held != manifest["vapid_key_id"]:
        raise SiteBackupError(
            f"This server's VAPID key ({held}) is not the backup's ({manifest['vapid_key_id']}): "
            "every restored subscription would refuse its pushes. Put the backup's secrets in "
            f"the environment first (set -a; . {shlex.quote(str(folder / SECRETS))}; set +a), "
            "then restore again."
        )


def write_vapid_key_file(pem: str) -> None:
    path = settings.VAPID_PRIVATE_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(pem)


def secret_key_matches(secrets: Secrets) -> bool:
    return secrets.secret_key == settings.SECRET_KEY


def check_database_is_empty() -> None:
    if connection.introspection.table_names():
        name = settings.DATABASES["default"]["NAME"]
        raise SiteBackupError(
            f"The database {name} has tables: restore into a new, empty one (createdb), so "
            "that nothing is overwritten."
        )


def vendor() -> str:
    return connection.vendor


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- the database's own tools ---------------------------------------------------------------


def dump_database(path: Path) -> None:
    if vendor() == "postgresql":
        run_postgres_tool(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"
        )
        return
    connection.close()
    with sqlite3.connect(sqlite_path()) as source, sqlite3.connect(path) as target:
        source.backup(target)


def restore_database(path: Path) -> None:
    if vendor() == "postgresql":
        connection.close()  # pg_restore works in a transaction of its own
        run_postgres_tool(
            "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
            "--single-transaction", str(path),
        )  # fmt: skip
        return
    connection.close()
    with sqlite3.connect(path) as source, sqlite3.connect(sqlite_path()) as target:
        source.backup(target)


def sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def run_postgres_tool(tool: str, *arguments: str) -> None:
    """pg_dump or pg_restore on this server's database, with its connection settings."""
    if shutil.which(tool) is None:
        raise SiteBackupError(f"{tool} is missing (Debian: apt-get install postgresql-client)")
    database = settings.DATABASES["default"]
    env = {**os.environ}
    for setting, variable in (
        ("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
    ):  # fmt: skip
        if database.get(setting):
            env[variable] = str(database[setting])
    if "sslmode" in database.get("OPTIONS", {}):
        env["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    result = subprocess.run(
        [tool, f"--dbname={database['NAME']}", *arguments],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SiteBackupError(f"{tool} failed: {result.stderr.strip()}")
