"""Production mode refuses unsafe settings, and `check --deploy` is clean when set up right."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
# Each test starts manage.py in a process of its own: left out of the fast lane.
pytestmark = pytest.mark.slow
GOOD_SECRET = "k" * 20 + "9Xq-2s_vB8mN4pL7wE1rT6yU3iO0aSdF" + "z" * 10
# A mail server and a shared cache, which production needs too (nothing connects to them here).
SERVICES = {"EMAIL_HOST": "smtp.example.org", "REDIS_URL": "redis://127.0.0.1:6379/6"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "PRODUCTION", "ALLOWED_HOSTS", "SITE_URL")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PRODUCTION="true",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="backcare.example",
        SITE_URL="https://backcare.example",
        # A database of its own: a development one may hold the demo account (tracker.E001).
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **SERVICES,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret():
    result = manage(
        "check",
        PRODUCTION="true",
        ALLOWED_HOSTS="backcare.example",
        SITE_URL="https://backcare.example",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = manage(
        "check",
        PRODUCTION="true",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="backcare.example",
        SITE_URL="https://backcare.example",
        DEBUG="true",
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_has_no_demo_account():
    result = manage(
        "seed_demo",
        PRODUCTION="true",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="backcare.example",
        SITE_URL="https://backcare.example",
        **SERVICES,
    )
    assert result.returncode == 0, result.stderr
    assert "no demo account" in result.stdout


def test_a_malformed_boolean_is_an_error_not_a_guess():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_needs_a_real_contact_for_push_services():
    result = manage(
        "check", PRODUCTION="true", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="backcare.example"
    )
    assert result.returncode != 0
    assert "VAPID_SUBJECT" in result.stderr


def test_the_push_contact_must_be_mailto_or_https():
    result = manage("check", VAPID_SUBJECT="admin@example.org")
    assert result.returncode != 0
    assert "mailto: or https:" in result.stderr
