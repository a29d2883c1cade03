"""`make run-production` names every setting it still needs, all at once, and starts nothing;
it runs every process of the one Procfile, with gunicorn for the web."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from config.production_settings import missing_settings
from config.run_production import WEB_COMMAND, procfile_processes, production_processes

ROOT = Path(settings.BASE_DIR)
COMPLETE = {
    "SECRET_KEY": "s" * 64,
    "ALLOWED_HOSTS": "backcare.example",
    "DATABASE_URL": "postgres://backcare:secret@db:5432/backcare",
    "REDIS_URL": "redis://redis:6379/0",
    "SITE_URL": "https://backcare.example",
    "VAPID_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\\n...",
    "VAPID_SUBJECT": "mailto:admin@backcare.example",
    "EMAIL_HOST": "smtp.example",
    "DEFAULT_FROM_EMAIL": "Backcare <noreply@backcare.example>",
}


def run_production(*arguments: str, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), **env}
    return subprocess.run(
        [sys.executable, "-m", "config.run_production", *arguments],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_it_names_every_missing_setting_at_once_and_starts_nothing(tmp_path):
    result = run_production("start", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    named = [line.split(":")[0].strip() for line in result.stderr.splitlines()[1:-1]]
    assert named == [
        "SECRET_KEY", "ALLOWED_HOSTS", "VAPID_SUBJECT", "REDIS_URL", "EMAIL_HOST",
        "DATABASE_URL", "SITE_URL", "VAPID_PRIVATE_KEY", "DEFAULT_FROM_EMAIL",
    ]  # fmt: skip
    assert "Running in production" in result.stderr
    assert not (tmp_path / "metrics").exists() and not (tmp_path / "static").exists()


def test_a_complete_environment_has_nothing_missing():
    assert missing_settings(COMPLETE) == []


def test_unsafe_or_wrong_values_are_named_too():
    wrong = {
        **COMPLETE,
        "SECRET_KEY": "short",
        "DEBUG": "true",
        "DATABASE_URL": "sqlite:///var/db.sqlite3",
        "VAPID_SUBJECT": "mailto:admin@localhost",
        "DEFAULT_FROM_EMAIL": "Backcare <noreply@localhost>",
    }
    named = [problem.split(":")[0] for problem in missing_settings(wrong)]
    assert named == ["SECRET_KEY", "DEBUG", "VAPID_SUBJECT", "DATABASE_URL", "DEFAULT_FROM_EMAIL"]


def test_a_file_based_email_backend_or_a_key_file_will_do(tmp_path):
    key_file = tmp_path / "vapid.pem"
    key_file.write_text("-----BEGIN PRIVATE KEY-----")
    settings = {key: value for key, value in COMPLETE.items() if key != "EMAIL_HOST"}
    settings["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    del settings["VAPID_PRIVATE_KEY"]
    settings["VAPID_PRIVATE_KEY_FILE"] = str(key_file)
    assert missing_settings(settings) == []


def test_every_procfile_process_runs_with_gunicorn_for_the_web():
    procfile = procfile_processes()
    production = production_processes()
    assert list(production) == list(procfile)  # every one, in order: none left out
    assert production["web"] == WEB_COMMAND and "runserver" in procfile["web"]
    assert {name: production[name] for name in procfile if name != "web"} == {
        name: command for name, command in procfile.items() if name != "web"
    }


def test_the_launcher_lists_them():
    result = run_production("processes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"web: {WEB_COMMAND}"
